// The Users pane on a real 3+3 cluster whose nodes disagree: every node is read, so a user
// that exists only on one replica is listed (with where), a risk on one node names it, the
// header counts the drift, and D shows the users x nodes matrix.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { tuiPerTest } from '../helpers/tui.js';

const { start } = tuiPerTest();

describe('the Users pane on a cluster with drift (slow)', () => {
  let cluster: ClusterHandle;
  const id = (i: number) => `127.0.0.1:${cluster.nodes[i]!.port}`;
  const on = async (i: number, args: string[]) => {
    const n = cluster.nodes[i]!;
    const c = new Redis({ host: n.host, port: n.port, protocol: 2 });
    await c.call('ACL', args);
    c.disconnect();
  };
  beforeAll(async () => {
    cluster = await startCluster();
    await Promise.all(
      cluster.nodes.map(async (_, i) => {
        await on(i, ['SETUSER', 'admin', 'on', '>admin-pw-1', '~*', '&*', '+@all']);
        await on(i, ['SETUSER', 'app', 'on', '>app-pw-1', '~app:*', '+@read']);
      }),
    );
    // A user only on replica 4; `default` left nopass on node 1 (on, as Redis starts it).
    await on(4, ['SETUSER', 'drift', 'on', '>drift-pw', '~*', '+@all']);
    await on(1, ['SETUSER', 'default', 'on', 'nopass']);
    await Promise.all([0, 2, 3, 4, 5].map((i) => on(i, ['SETUSER', 'default', 'off'])));
  }, 120_000);
  afterAll(async () => {
    await cluster.stop();
  });

  async function openUsers() {
    const seed = cluster.nodes[0]!;
    const t = await start({
      connection: {
        spec: { host: seed.host, port: seed.port, user: 'admin', cluster: true },
        password: 'admin-pw-1',
        readOnly: false,
      },
    });
    await t.waitFor((f) => f.includes('● ready'), 'ready');
    t.press('pane.users');
    await t.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'users listed');
    return t;
  }

  it('lists a user that exists only on one replica, counts the drift in the header, names the risky node', async () => {
    const t = await openUsers();
    const f = await t.waitFor((f) => f.includes('ACL drift:'), 'drift headline', 20_000);
    expect(f).toContain('ACL drift: 2 users on 2 nodes');
    expect(f).toMatch(/drift .*≠1 nodes/);
    t.press('list.filter');
    t.type('default');
    t.key('return');
    const d = await t.waitFor((f) => f.includes('/default'), 'filtered');
    expect(d).toContain(`on ${id(1)}`);
  }, 60_000);
});
