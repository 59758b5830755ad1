// The audit's read over a 3+3 cluster with one node down: every node the seed names is read
// in parallel; the one down is its own unreachable facts and holds no one else up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTargetFacts } from '../../src/redis/audit-read.js';
import { Target } from '../../src/redis/target.js';
import type { ConnectionSpec } from '../../src/profiles/schema.js';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';

describe('a 3+3 cluster with one replica down', () => {
  const password = 'cluster-pw';
  let cluster: ClusterHandle;
  beforeAll(async () => {
    cluster = await startCluster({ password });
    await cluster.nodes[5]!.kill();
  });
  afterAll(() => cluster?.stop());

  it('reads the five that answer and names the one down, within the bound', async () => {
    const spec: ConnectionSpec = { ...cluster.seed, cluster: true };
    const target = new Target({ spec, password, heartbeatMs: 0, commandTimeoutMs: 3000 });
    const started = Date.now();
    target.start();
    const facts = await readTargetFacts(target, { spec, timeoutMs: 3000, secrets: [password] }).finally(() =>
      target.close(),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    const ids = cluster.nodes.map((n) => `${n.host}:${n.port}`);
    expect(facts.map((f) => f.node).sort()).toEqual([...ids].sort());
    const down = facts.find((f) => f.node === ids[5]);
    expect(down?.reachable.ok).toBe(false);
    expect(down?.users).toEqual({ ok: false, error: `not read: ${ids[5]} is unreachable` });
    for (const f of facts.filter((x) => x !== down)) {
      expect(f).toMatchObject({
        reachable: { ok: true },
        info: { ok: true, value: { cluster: { cluster_enabled: '1' } } },
        requirepass: { ok: true, value: { set: true, length: password.length } },
        masterauth: { ok: true, value: { set: true, length: password.length } },
        users: { ok: true },
        dryrun: { ok: true, value: { default: { FLUSHALL: 'allowed' } } },
        unauthenticated: { ok: true, value: 'noauth' },
      });
    }
    expect(JSON.stringify(facts)).not.toContain(password);
  });
});
