// The Users pane when things go wrong: a reply lost mid-change, a server that goes away,
// and a cluster whose nodes disagree about a user.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { ClusterHandle, RedisHandle } from '../support/redis-server.js';
import { tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';

const { start } = tuiPerTest();
let tui: Tui;

async function openUsers(host: string, port: number, cluster = false) {
  const t = await start({
    connection: { spec: { host, port, user: 'admin', cluster }, password: 'admin-pw-1', readOnly: false },
  });
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.users');
  await t.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'users listed');
  return t;
}

async function filterTo(t: Tui, name: string) {
  t.press('list.filter');
  t.type(name);
  t.key('return');
  await t.waitFor((f) => f.includes(`/${name}`), 'filtered');
}

describe('a single server', () => {
  let server: RedisHandle;
  let admin: Redis;
  beforeAll(async () => {
    server = await startRedis({
      aclUsers: [
        'user default off',
        'user admin on >admin-pw-1 ~* &* +@all',
        'user app on >app-pw-1 ~app:* +@read',
      ],
    });
    admin = new Redis({
      host: server.host,
      port: server.port,
      username: 'admin',
      password: 'admin-pw-1',
      protocol: 2,
    });
    // The server is killed on purpose below; this client reconnects afterwards.
    admin.on('error', () => undefined);
  });
  afterAll(async () => {
    admin.disconnect();
    await server.stop();
  });

  it('a reply lost mid-change is reported as unknown, and the list is re-read', async () => {
    tui = await openUsers(server.host, server.port);
    await filterTo(tui, 'app');
    tui.press('users.toggle');
    await tui.waitFor((f) => f.includes('Disable user app?'), 'confirmation');
    // Every client waits longer than the console's 5 s command timeout: the SETUSER is sent and
    // its reply is not seen in time. It is unknown, not failed: it may yet run. (The console
    // then drops that link, since replies behind an overdue one are out of step; whether
    // Redis ran the SETUSER of a client gone while paused is Redis's business.)
    await admin.call('CLIENT', ['PAUSE', '6500', 'ALL']);
    tui.type('y');
    const f = await tui.waitFor((f) => /outcome unknown/i.test(f), 'unknown outcome', 15_000);
    expect(f).toMatch(/Outcome unknown: Disable user app/);
    expect(f).not.toMatch(/Failed: Disable user app/);
    // r, once the server answers again, shows what really happened, as the server says.
    await new Promise((r) => setTimeout(r, 2000));
    const flags = (await admin.call('ACL', ['GETUSER', 'app'])) as unknown[];
    const state = (flags[1] as string[]).includes('off') ? 'off' : 'on';
    tui.press('app.refresh');
    await tui.waitFor(
      (f) => new RegExp(`app\\s+${state}`).test(f),
      `re-read shows the user ${state}`,
      10_000,
    );
  }, 30_000);

  it('a server that goes away: the change fails with the reason, the list stays as last read', async () => {
    tui = await openUsers(server.host, server.port);
    await filterTo(tui, 'admin');
    await server.kill();
    try {
      await tui.waitFor((f) => !f.includes('● ready'), 'connection lost');
      tui.press('users.delete');
      await tui.waitFor((f) => f.includes('Type admin to confirm'), 'confirmation');
      tui.type('admin');
      tui.key('return');
      const f = await tui.waitFor((f) => f.includes('Failed: Delete user admin'), 'failed');
      expect(f).toMatch(/admin\s+on/);
    } finally {
      await server.restart();
    }
  });
});

describe('no server', () => {
  it('the Users pane waits for the server instead of saying there is no connection', async () => {
    tui = await start({ connection: { spec: { host: '127.0.0.1', port: 1 }, readOnly: false } });
    tui.press('pane.users');
    await tui.waitFor(
      (f) => f.includes('UNREACHABLE') && f.includes('Waiting for the server'),
      'waiting said',
    );
    expect(tui.frame()).not.toContain('Not connected');
  });
});

describe('a cluster', () => {
  let cluster: ClusterHandle;
  beforeAll(async () => {
    cluster = await startCluster();
    // Users are per node: the same user everywhere, as an operator would have set it up.
    await Promise.all(
      cluster.nodes.map(async (n) => {
        const c = new Redis({ host: n.host, port: n.port, protocol: 2 });
        await c.call('ACL', ['SETUSER', 'admin', 'on', '>admin-pw-1', '~*', '&*', '+@all']);
        await c.call('ACL', ['SETUSER', 'app', 'on', '>app-pw-1', '~app:*', '+@read']);
        c.disconnect();
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await cluster.stop();
  });

  it('a user that differs on some nodes is flagged with how many', async () => {
    const [first, second] = cluster.nodes;
    const other = new Redis({
      host: second!.host,
      port: second!.port,
      username: 'admin',
      password: 'admin-pw-1',
      protocol: 2,
    });
    await other.call('ACL', ['SETUSER', 'app', '+@write']);
    other.disconnect();
    tui = await openUsers(first!.host, first!.port, true);
    const f = await tui.waitFor((f) => /6 nodes/.test(f) && f.includes('≠1 nodes'), 'drift flagged', 20_000);
    expect(f).toMatch(/app .*≠1 nodes/);
  }, 60_000);
});
