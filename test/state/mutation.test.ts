// The one mutation path against real servers: read-only refusal, confirmation, every node,
// a redacted journal entry per node, and an "unknown" outcome when a node dies mid-write.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionId } from '../../src/domain/actions.js';
import { openJournal } from '../../src/journal/journal.js';
import { writeOn, writeOnEach } from '../../src/redis/command.js';
import { Target } from '../../src/redis/target.js';
import { runMutation } from '../../src/state/mutation.js';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';

const dir = mkdtempSync(join(tmpdir(), 'rw-mut-'));
const journal = openJournal({ dir });
const lines = () =>
  readFileSync(journal.path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { action: string; outcome: string; nodes?: string[]; args?: unknown });

async function ready(t: Target, n: number) {
  for (let i = 0; i < 200; i++) {
    const s = t.status();
    if (s.nodes.length === n && s.nodes.every((x) => x.state === 'ready')) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`target not ready: ${JSON.stringify(t.status().nodes.map((x) => [x.id, x.state]))}`);
}

let cluster: ClusterHandle;
beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);
afterAll(async () => {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('mutation path', () => {
  it('read-only refuses and journals the refusal; without confirmation nothing runs', async () => {
    let ran = 0;
    const plan = {
      action: 'test.noop' as ActionId,
      summary: 'noop',
      scope: 'server' as const,
      targets: ['a'],
      run: async () => ++ran,
    };
    expect((await runMutation({ readOnly: true, journal }, plan, true)).status).toBe('refused');
    expect((await runMutation({ readOnly: false, journal }, plan, false)).status).toBe('needs-confirmation');
    expect(ran).toBe(0);
    expect(lines().at(-1)).toMatchObject({ action: 'test.noop', outcome: 'refused' });
  });

  it('runs on every node of a cluster, one redacted journal entry per node', async () => {
    const t = new Target({ spec: { ...cluster.seed, cluster: true }, heartbeatMs: 0 });
    t.start();
    try {
      await ready(t, 6);
      const secret = 'masterauth-secret-77';
      const plan = {
        action: 'config.masterauth' as ActionId,
        summary: 'Set masterauth on every node',
        scope: 'server' as const,
        targets: t.nodeIds(),
        run: async (node: string) => {
          const r = await writeOn(
            t.node(node)!,
            { journal, action: 'config.masterauth' as ActionId },
            'CONFIG',
            ['SET', 'masterauth', secret],
          );
          if (r.outcome !== 'ok') throw new Error(r.error.message);
          return r.reply;
        },
      };
      const result = await runMutation({ readOnly: false, journal, secrets: [secret] }, plan, true);
      expect(result.status).toBe('done');
      expect(result.results).toHaveLength(6);
      const entries = lines().filter((l) => l.action === 'config.masterauth');
      expect(entries).toHaveLength(6);
      expect(new Set(entries.flatMap((e) => e.nodes))).toEqual(new Set(t.nodeIds()));
      expect(readFileSync(journal.path, 'utf8')).not.toContain(secret);
    } finally {
      await t.close();
    }
  });

  it('a node down: the others still answer, the failure is shown per node, not hidden', async () => {
    const t = new Target({ spec: { ...cluster.seed, cluster: true }, heartbeatMs: 0 });
    t.start();
    const victim = cluster.nodes[5]!;
    try {
      await ready(t, 6);
      await victim.kill();
      const out = await writeOnEach(t, { journal, action: 'client.setname-test' as ActionId }, 'CONFIG', [
        'SET',
        'maxmemory-policy',
        'noeviction',
      ]);
      const bad = out.filter((o) => o.outcome !== 'ok');
      expect(bad.map((o) => o.node)).toEqual([`${victim.host}:${victim.port}`]);
      expect(out.filter((o) => o.outcome === 'ok')).toHaveLength(5);
      for (let i = 0; i < 100 && !t.status().nodes.some((n) => n.state === 'reconnecting'); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(t.status().nodes.filter((n) => n.state === 'ready')).toHaveLength(5);
    } finally {
      await victim.restart();
      await t.close();
    }
  });

  it('a write whose reply never comes is "unknown", not "failed"', async () => {
    const s = await startRedis({ extraConfig: ['enable-debug-command yes'] });
    const t = new Target({ spec: { host: s.host, port: s.port }, heartbeatMs: 0, commandTimeoutMs: 300 });
    t.start();
    try {
      await ready(t, 1);
      const node = t.node(t.nodeIds()[0]!)!;
      // DEBUG SLEEP blocks the server past the command timeout: the reply is lost to us.
      const r = await writeOn(node, { journal, action: 'debug.sleep' as ActionId }, 'DEBUG', ['SLEEP', '1']);
      expect(r.outcome).toBe('unknown');
      expect(lines().at(-1)).toMatchObject({ action: 'debug.sleep', outcome: 'unknown' });
    } finally {
      await t.close();
      await s.stop();
    }
  });
});
