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

/**
 * The link was down when the change's message was written: it says so, never "re-read";
 * and until the re-read the user was shown as unknown, not with its old rules as fact.
 */
function toldTheTruth(t: Tui) {
  expect(t.allFrames()).toContain('(not re-read yet)');
  expect(t.allFrames()).not.toContain('the state was re-read');
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
    expect(tui.allFrames()).toMatch(/victim2\s+\?\s+\?.*unknown \(re-reading\)/);
    toldTheTruth(tui);
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
    toldTheTruth(tui);
  }, 20_000);

  it('e: the changed rules show within seconds, without r; x waits while the state is unknown', async () => {
    const tui = await openVictim();
    proxy.fault(/^ACL SETUSER victim2 /i, { kind: 'reset' });
    // The proxy is slow to let the console back in: the unknown state is there to be acted on.
    proxy.fault(/^PING$/i, { kind: 'delay', ms: 1500 });
    tui.press('users.edit');
    await tui.waitFor((f) => f.includes('Rules for victim2'), 'editor');
    tui.type('+get');
    await tui.waitFor((f) => f.includes('+get'), 'typed');
    tui.key('return');
    await tui.waitFor((f) => f.includes('Change user victim2?'), 'confirmation');
    tui.type('y');
    await tui.waitFor((f) => f.includes('(not re-read yet)'), 'unknown outcome said');
    tui.key('escape');
    await tui.waitFor((f) => /victim2\s+\?\s+\?.*unknown \(re-reading\)/.test(f), 'marked unknown');
    // x would flip "on" to "off" from rules that may be gone: it says why it waits instead.
    tui.press('users.toggle');
    await tui.waitFor((f) => f.includes('The state of victim2 is unknown'), 'x refused while unknown');
    const f = await tui.waitFor((f) => /victim2\s+on\s+nopass.*\+get/.test(f), 'victim2 with +get', 8000);
    expect(f).toMatch(/re-read since: victim2 is on/);
    toldTheTruth(tui);
  }, 20_000);

  it('ACL Log "Block user": re-read when the node is back, and the Users pane shows the user off', async () => {
    const tui = await start({
      connection: {
        spec: { host: '127.0.0.1', port: proxy.port, user: 'admin' },
        password: 'admin-pw-1',
        readOnly: false,
      },
    });
    await tui.waitFor((f) => f.includes('● ready'), 'ready');
    tui.press('pane.acl-log');
    await tui.waitFor((f) => f.includes('REASON'), 'tail shown');
    const victim = new Redis({
      host: server.host,
      port: server.port,
      username: 'victim2',
      password: 'x',
      protocol: 2,
      enableReadyCheck: false,
    });
    victim.on('error', () => undefined);
    // victim2 may run nothing: this GET is a violation in ACL LOG, the event to block it from.
    await victim.get('blocked:1').catch(() => undefined);
    victim.disconnect();
    await tui.waitFor((f) => /command\s+top\s+get\s+victim2/.test(f), 'event seen');
    proxy.fault(/^ACL SETUSER victim2 off/i, { kind: 'reset' });
    tui.press('log.block');
    await tui.waitFor((f) => f.includes('Block user victim2?'), 'confirmation');
    tui.type('y');
    await tui.waitFor((f) => /re-read since: victim2 is off/.test(f), 're-read when back', 6000);
    toldTheTruth(tui);
    tui.press('pane.users');
    await tui.waitFor((f) => /victim2\s+off\s+nopass/.test(f), 'Users pane shows victim2 off');
  }, 20_000);
});
