// `redis-warden acl apply -c` on a real 3+3 cluster: ACL users are per node, so the plan
// must reach every primary and replica, and a node that is down is shown, not hidden.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { callOnce } from '../support/resp-client.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli, scratch } from './acl-cli.js';

const DEFAULT = 'user default on nopass ~* &* +@all';

describe('acl apply on a cluster (slow)', () => {
  let cluster: ClusterHandle;
  let xdg: XdgDirs;
  let files: ReturnType<typeof scratch>;
  const seed = () => ['-c', '-p', String(cluster.seed.port)];

  beforeAll(async () => {
    xdg = tempXdg();
    files = scratch();
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
    files.cleanup();
    xdg.cleanup();
  });

  it('creates the user on all 6 nodes, then finds nothing to do', async () => {
    const file = files.file('cluster.acl', [DEFAULT, 'user app on >cluster-app-pw ~app:* +@read']);
    const r = await cli(['acl', 'apply', file, '--yes', ...seed()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created app: ok on 6/6 nodes');
    expect(r.stdout).toContain('the server now matches');
    for (const node of cluster.nodes) {
      const users = (await callOnce({ host: node.host, port: node.port }, ['ACL', 'USERS'])) as string[];
      expect(users, `node ${node.port}`).toContain('app');
    }
    const again = await cli(['acl', 'apply', file, '--yes', ...seed()]);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('Nothing to do')]);
  });

  it('a node that is down: the others are changed, the failure is named, exit 1', async () => {
    const down = cluster.nodes[5];
    if (!down) throw new Error('no sixth node');
    await down.kill();
    const file = files.file('cluster2.acl', [
      DEFAULT,
      'user app on >cluster-app-pw ~app:* +@read',
      'user app2 on >cluster-app2-pw ~app2:* +get',
    ]);
    const r = await cli(['acl', 'apply', file, '--yes', '--timeout', '5000', ...seed()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`node 127.0.0.1:${down.port} is not reachable`);
    expect(r.stdout).toContain('created app2: PARTLY on 5/6 nodes');
    expect(r.stdout).toContain(`    127.0.0.1:${down.port}: `);
    expect(r.stdout).toMatch(
      new RegExp(`5 of 6 nodes now match .*; not checked:\\n  127\\.0\\.0\\.1:${down.port}`),
    );
    for (const node of cluster.nodes.slice(0, 5)) {
      const users = (await callOnce({ host: node.host, port: node.port }, ['ACL', 'USERS'])) as string[];
      expect(users, `node ${node.port}`).toContain('app2');
    }
  });
});
