// The headless user changes on a real 3+3 cluster (-c): ACL users are per node, so each
// change is written to every primary and replica and re-read there by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { callOnce } from '../support/resp-client.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

describe('acl create / disable / delete on a cluster (slow)', () => {
  let cluster: ClusterHandle;
  let xdg: XdgDirs;
  const seed = () => ['-c', '-p', String(cluster.seed.port)];
  const getUser = (node: { host: string; port: number }, name: string) =>
    callOnce({ host: node.host, port: node.port }, ['ACL', 'GETUSER', name]) as Promise<unknown[] | null>;

  beforeAll(async () => {
    xdg = tempXdg();
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
    xdg.cleanup();
  });

  it('every node gets the user, the generated password works on each, then off, then gone', async () => {
    const made = await cli(['acl', 'create', 'app', '--template', 'app', '--yes', ...seed()]);
    expect(made.code).toBe(0);
    expect(made.stderr).toContain('Create user app: ok on 6/6 nodes');
    const password = made.stdout.trim();
    for (const node of cluster.nodes) {
      const ok = await callOnce({ host: node.host, port: node.port }, ['ACL', 'WHOAMI'], {
        username: 'app',
        password,
      }).catch((e: unknown) => e);
      // AUTH took: the command after it is refused for want of permission, not of a login.
      expect(String(ok), `node ${node.port}`).not.toMatch(/WRONGPASS/);
    }
    const off = await cli(['acl', 'disable', 'app', '--kill', '--yes', ...seed()]);
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('Disable user app: ok on 6/6 nodes');
    expect(off.stdout).toContain('Kill the connections of user app: ok on 6/6 nodes');
    for (const node of cluster.nodes)
      expect((await getUser(node, 'app'))?.[1], `node ${node.port}`).toContain('off');
    const gone = await cli(['acl', 'delete', 'app', '--yes', ...seed()]);
    expect(gone.code).toBe(0);
    for (const node of cluster.nodes) expect(await getUser(node, 'app'), `node ${node.port}`).toBeNull();
  });
});
