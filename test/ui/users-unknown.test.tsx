// A user change whose reply is lost (the proxy forwards ACL SETUSER / DELUSER, then resets
// both sides): the Users pane must not go on showing the old rules as fact. It marks the user
// as unknown, re-reads as soon as the node is back (no r), and its message says only what happened.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { startProxy } from '../support/proxy.js';
import type { ProxyHandle } from '../support/proxy.js';
import { tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';

const { start } = tuiPerTest();

/** Each frame drawn so far (every frame starts with the header). */
const framesOf = (t: Tui) => t.allFrames().split(/(?=redis-warden as )/);

/** No frame said the state was re-read while it still showed what the change replaced. */
function neverClaimedStale(t: Tui, old: RegExp) {
  const claims = framesOf(t).filter((f) => f.includes('the state was re-read'));
  expect(claims.filter((f) => old.test(f))).toEqual([]);
}
let server: RedisHandle;
let admin: Redis;
let proxy: ProxyHandle;

beforeAll(async () => {
  server = await startRedis({
    aclUsers: ['user default off', 'user admin on >admin-pw-1 ~* &* +@all'],
  });
  admin = new Redis({
    host: server.host,
    port: server.port,
    username: 'admin',
    password: 'admin-pw-1',
    protocol: 2,
  });
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});
beforeEach(async () => {
  await admin.call('ACL', ['SETUSER', 'victim2', 'reset', 'on', 'nopass']);
  proxy = await startProxy({ port: server.port });
});
afterEach(async () => {
  await proxy.close();
});

async function openVictim(): Promise<Tui> {
  const t = await start({
    connection: {
      spec: { host: '127.0.0.1', port: proxy.port, user: 'admin' },
      password: 'admin-pw-1',
      readOnly: false,
    },
  });
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.users');
  await t.waitFor((f) => /victim2\s+on\s+nopass/.test(f), 'victim2 listed on');
  t.press('list.filter');
  t.type('victim2');
  t.key('return');
  await t.waitFor((f) => f.includes('/victim2'), 'filtered');
  return t;
}

describe('a reply lost after the write reached the server', () => {
  it('x: the pane shows the user off within seconds, without r, and says what it knows', async () => {
    const tui = await openVictim();
    proxy.fault(/^ACL SETUSER victim2 off/i, { kind: 'reset' });
    tui.press('users.toggle');
    await tui.waitFor((f) => f.includes('Disable user victim2?'), 'confirmation');
    tui.type('y');
    const f = await tui.waitFor(
      (f) => /re-read since: victim2 is off/.test(f) && /victim2\s+off\s+nopass/.test(f),
      'victim2 shown off',
      6000,
    );
    expect(((await admin.call('ACL', ['GETUSER', 'victim2'])) as unknown[])[1]).toContain('off');
    expect(f).toMatch(/Outcome unknown: Disable user victim2 \(its reply was lost\)/);
    expect(f).not.toContain('Not connected');
    // Until the re-read, the user was not shown with its old rules as if they were current.
    expect(tui.allFrames()).toMatch(/victim2\s+\?\s+\?.*unknown \(re-reading\)/);
    neverClaimedStale(tui, /victim2\s+on\s+nopass/);
  }, 20_000);

  it('d: the deleted user leaves the list within seconds, without r', async () => {
    const tui = await openVictim();
    proxy.fault(/^ACL DELUSER victim2/i, { kind: 'reset' });
    tui.press('users.delete');
    await tui.waitFor((f) => f.includes('Type victim2 to confirm'), 'confirmation');
    tui.type('victim2');
    tui.key('return');
    const f = await tui.waitFor(
      (f) => /re-read since: victim2 is not on the\s+server/.test(f) && f.includes('No user matches'),
      'victim2 gone from the list',
      6000,
    );
    expect(await admin.call('ACL', ['GETUSER', 'victim2'])).toBeNull();
    expect(f).toMatch(/Outcome unknown: Delete user victim2/);
    expect(f).not.toContain('Not connected');
    expect(tui.allFrames()).toMatch(/victim2\s+\?\s+\?.*unknown \(re-reading\)/);
    neverClaimedStale(tui, /victim2\s+on\s+nopass/);
  }, 20_000);
});
