import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { callOnce, connectRaw } from '../support/resp-client.js';

function roles(nodesReply: unknown): string[] {
  return String(nodesReply)
    .trim()
    .split('\n')
    .map((line) => (line.split(' ')[2] ?? '').replace('myself,', ''));
}

describe('cluster', () => {
  let cluster: ClusterHandle;
  const password = 'cluster-pw';
  beforeAll(async () => {
    const started = Date.now();
    cluster = await startCluster({ password });
    // The brief: well under 20 s on two cores; fail loudly if formation gets slow.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
  afterAll(() => cluster?.stop());

  it('has six nodes, three masters and three replicas, state ok on every node', async () => {
    expect(cluster.nodes).toHaveLength(6);
    expect(cluster.seed).toEqual({ host: '127.0.0.1', port: cluster.nodes[0]?.port });
    for (const node of cluster.nodes) {
      const target = { host: node.host, port: node.port };
      const info = String(await callOnce(target, ['CLUSTER', 'INFO'], { password }));
      expect(info).toContain('cluster_state:ok');
      expect(info).toContain('cluster_known_nodes:6');
      expect(info).toContain('cluster_size:3');
      const seen = roles(await callOnce(target, ['CLUSTER', 'NODES'], { password })).sort();
      expect(seen).toEqual(['master', 'master', 'master', 'slave', 'slave', 'slave']);
    }
  });

  it('requires the password on every node and replicates writes', async () => {
    const seed = cluster.seed;
    await expect(callOnce(seed, ['CLUSTER', 'INFO'])).rejects.toThrow(/^NOAUTH/);
    // Slot 0 belongs to the first primary; its replica is nodes[3].
    const key = '{06S}k';
    expect(await callOnce(seed, ['CLUSTER', 'KEYSLOT', key], { password })).toBe(0);
    expect(await callOnce(seed, ['SET', key, 'v'], { password })).toBe('OK');
    const replica = cluster.nodes[3];
    expect(await callOnce(seed, ['WAIT', 1, 2000], { password })).toBe(1);
    const target = { host: replica?.host, port: replica?.port };
    const conn = await connectRaw(target);
    try {
      await conn.call('AUTH', password);
      await conn.call('READONLY');
      expect(await conn.call('GET', key)).toBe('v');
    } finally {
      conn.close();
    }
  });

  // Redis 7.2+ and Valkey keep shard ids in nodes.conf: one saved before a replica's shard id
  // reached every node made the node refuse to start again ("corrupted cluster config file").
  it('every node, killed right after the cluster formed, starts again', async () => {
    for (const node of cluster.nodes) await node.kill();
    for (const node of cluster.nodes) await node.restart();
    for (const node of cluster.nodes)
      expect(await callOnce({ host: node.host, port: node.port }, ['PING'], { password })).toBe('PONG');
  });
});
