// Target.settled(): the one wait for "every node ready or failed". On a cluster it does not
// stop at the seed (discovery first, then every node it found), a node down is reported at
// once, and a node that never answers holds it no longer than the bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline } from '../../src/redis/deadline.js';
import { Target } from '../../src/redis/target.js';
import { startPeer } from '../support/fake-peers.js';
import type { PeerHandle } from '../support/fake-peers.js';
import { resp, startFakeRedis } from '../support/fake-redis.js';
import type { FakeRedis } from '../support/fake-redis.js';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { ClusterHandle, RedisHandle } from '../support/redis-server.js';

const targets: Target[] = [];
function open(spec: ConstructorParameters<typeof Target>[0]['spec'], budgetMs: number) {
  const deadline = new Deadline(budgetMs);
  const t = new Target({ spec, heartbeatMs: 0, deadline, commandTimeoutMs: budgetMs });
  targets.push(t);
  t.start();
  return { t, deadline };
}
afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
});

const line = (id: string, port: number, flags: string) =>
  `${id.padEnd(40, '0')} 127.0.0.1:${port}@${port + 10000} ${flags} - 0 0 1 connected`;

describe('a cluster named by a fake seed', () => {
  let real: RedisHandle;
  let silent: PeerHandle;
  let seed: FakeRedis;
  let downPort: number;

  beforeAll(async () => {
    real = await startRedis();
    silent = await startPeer('silent');
    // Port 1 (tcpmux): nothing listens there, and no other test's server can take it meanwhile
    // (a port merely free now may be given to a server another test file starts).
    downPort = 1;
    seed = await startFakeRedis({
      replies: {
        'CLUSTER NODES': (): Buffer =>
          resp.bulk(
            [
              line('a', seed.port, 'myself,master'),
              line('b', real.port, 'master'),
              line('c', silent.port, 'master'),
              line('d', downPort, 'slave'),
            ].join('\n') + '\n',
          ),
      },
    });
  });
  afterAll(async () => {
    await Promise.all([real?.stop(), silent?.close(), seed?.stop()]);
  });

  it('waits for discovery, then every node: one down is failed, a silent one holds it to the bound', async () => {
    const { t, deadline } = open({ host: '127.0.0.1', port: seed.port, cluster: true }, 1500);
    const s = await t.settled();
    const elapsed = deadline.elapsed();
    const state = Object.fromEntries(s.nodes.map((n) => [n.id, n.state]));
    expect(state).toEqual({
      [`127.0.0.1:${seed.port}`]: 'ready',
      [`127.0.0.1:${real.port}`]: 'ready',
      [`127.0.0.1:${silent.port}`]: 'connecting',
      [`127.0.0.1:${downPort}`]: 'connecting',
    });
    expect(s.nodes.find((n) => n.id.endsWith(`:${downPort}`))?.error?.message).toMatch(/ECONNREFUSED/);
    // The silent node has said nothing: it held the wait until the bound, no longer.
    // (Its own no-answer verdict may land in the same tick as the bound: then it names SILENT.)
    const silentError = s.nodes.find((n) => n.id.endsWith(`:${silent.port}`))?.error;
    expect(silentError === undefined || silentError.name === 'SILENT', silentError?.message).toBe(true);
    expect(t.node(`127.0.0.1:${silent.port}`)?.noAnswer()?.name).toBe('SILENT');
    expect(elapsed).toBeGreaterThanOrEqual(1300);
    expect(elapsed).toBeLessThan(2500);
  });

  it('without a silent node, it resolves as soon as the last node has answered', async () => {
    const { t, deadline } = open({ host: '127.0.0.1', port: real.port }, 10_000);
    const s = await t.settled();
    expect(s.nodes.map((n) => n.state)).toEqual(['ready']);
    expect(deadline.elapsed()).toBeLessThan(5000);
    // Only the nodes named: one that was ready and is still, at once.
    expect((await t.settled({ only: [s.nodes[0]!.id] })).nodes).toHaveLength(1);
  });
});

describe('a real 3+3 cluster with one node down', () => {
  let cluster: ClusterHandle;
  beforeAll(async () => {
    cluster = await startCluster();
    await cluster.nodes[5]!.stop();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('every discovered node settled, the one down reported failed, well within the bound', async () => {
    const { t, deadline } = open({ ...cluster.seed, cluster: true }, 8000);
    const s = await t.settled();
    expect(deadline.elapsed()).toBeLessThan(6000);
    expect(s.nodes).toHaveLength(6);
    const down = `${cluster.nodes[5]!.host}:${cluster.nodes[5]!.port}`;
    expect(s.nodes.filter((n) => n.state === 'ready').map((n) => n.id)).not.toContain(down);
    expect(s.nodes.filter((n) => n.state === 'ready')).toHaveLength(5);
    expect(s.nodes.find((n) => n.id === down)?.error).toBeDefined();
  });
});
