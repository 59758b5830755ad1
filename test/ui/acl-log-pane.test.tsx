// The ACL Log pane against a real redis-server: hostile strings escaped, pause, filter,
// details, the capture across console restarts, and the actions on an event.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { journalOf, startTui, tempXdg } from '../helpers/tui.js';
import { openProfileStore } from '../../src/profiles/store.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';
import { letTimePass } from '../helpers/until.js';
import { adminOf } from '../support/admin-client.js';

let server: RedisHandle;
let admin: Redis;
let xdg: XdgDirs;
let tui: Tui | undefined;

beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >admin-pw-1 ~* &* +@all',
      'user app on >app-pw-1 ~app:* +get',
      'user narrow on >narrow-pw-1 resetkeys resetchannels -@all +ping +acl|whoami +info',
    ],
  });
  admin = adminOf(server, 'admin-pw-1');
  admin.on('error', () => undefined);
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});
beforeEach(async () => {
  xdg = tempXdg();
  await admin.call('ACL', ['LOG', 'RESET']);
});
afterEach(async () => {
  await tui?.stop();
  tui = undefined;
  xdg.cleanup();
});

const as = (user: string, password: string) => ({
  spec: { host: server.host, port: server.port, user },
  password,
  readOnly: false,
});

async function logPane(user = 'admin', password = 'admin-pw-1') {
  const t = await startTui({ connection: as(user, password) });
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.acl-log');
  await t.waitFor((f) => f.includes('REASON'), 'tail shown');
  return t;
}

/** AUTH as `username` (any bytes) on a fresh connection; the caller disconnects it. */
async function authAs(username: string | Buffer, password: string) {
  const c = new Redis({
    disableClientInfo: true, // CLIENT SETINFO would log NOPERM entries of its own (Redis 7.2+)
    host: server.host,
    port: server.port,
    protocol: 2,
    lazyConnect: true,
    enableReadyCheck: false,
    retryStrategy: () => null,
  });
  c.on('error', () => undefined);
  await c.connect();
  await c.call('AUTH', [username, password]).catch(() => undefined);
  return c;
}

/** A failed AUTH as `username` (any bytes) from a fresh connection. */
async function failAuth(username: string | Buffer) {
  (await authAs(username, 'wrong')).disconnect();
}

async function asApp<T>(fn: (c: Redis) => Promise<T>) {
  const c = new Redis({
    disableClientInfo: true,
    enableReadyCheck: false,
    host: server.host,
    port: server.port,
    username: 'app',
    password: 'app-pw-1',
    protocol: 2,
  });
  c.on('error', () => undefined);
  try {
    // The violation is the point: its NOPERM reply is expected.
    return await fn(c).catch(() => undefined);
  } finally {
    c.disconnect();
  }
}

describe('the tail', () => {
  it('shows new violations with hostile strings escaped, never emitted, columns aligned', async () => {
    tui = await logPane();
    await failAuth('ev\x1b[31mil\x1b[2J');
    await failAuth(
      Buffer.from([
        0x62, 0x61, 0x64, 0xff, 0x1b, 0x5d, 0x35, 0x32, 0x3b, 0x63, 0x3b, 0x61, 0x47, 0x6b, 0x3d, 0x07,
      ]),
    );
    await asApp((c) => c.get('secret:\u202eyek'));
    const f = await tui.waitFor(
      (f) => f.includes('ev\\x1b[31mi') && f.includes('secret:\\u202eyek'),
      'events',
      8000,
    );
    expect(f).not.toMatch(/\x1b|\u202e|\x07/);
    expect(f).toContain('bad\\xff');
    // Every row's columns start where the header's do: nothing misaligned.
    const rows = f.split('\n').filter((l) => /^\d\d:\d\d:\d\d /.test(l));
    const ctx = f
      .split('\n')
      .find((l) => l.startsWith('LAST'))!
      .indexOf('CTX');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect([...r].slice(ctx, ctx + 4).join('')).toBe('top ');
    await tui.waitFor((f) => /reasons: auth 2 key 1/.test(f), 'counted as new');
  });

  it('p pauses the view while the capture goes on; / filters with text or /regex/; Enter shows the client-info', async () => {
    tui = await logPane();
    tui.press('log.pause');
    await tui.waitFor((f) => f.includes('PAUSED'), 'paused');
    await asApp((c) => c.get('other:1'));
    await tui.waitFor((f) => /PAUSED \(1 new, captured\)/.test(f), 'held while paused', 8000);
    expect(tui.frame()).not.toContain('other:1');
    tui.press('log.pause');
    await tui.waitFor((f) => f.includes('other:1'), 'shown on resume');
    await failAuth('mallory');
    await tui.waitFor((f) => f.includes('mallory'), 'auth failure');
    tui.press('list.filter');
    tui.type('/^mal/');
    tui.key('return');
    const filtered = await tui.waitFor((f) => !f.includes('other:1'), 'regex filter');
    expect(filtered).toContain('mallory');
    tui.press('log.open');
    const d = await tui.waitFor((f) => f.includes('client-info:'), 'details');
    expect(d).toMatch(/addr\s+127\.0\.0\.1:\d+/);
    expect(d).toMatch(/cmd\s+auth/);
  });

  it('the capture keeps every event on disk; a restarted console shows them as history, not as new', async () => {
    tui = await logPane();
    await asApp((c) => c.get('other:before'));
    await tui.waitFor((f) => f.includes('other:before'), 'seen');
    await tui.stop();
    const dir = join(xdg.state, 'redis-warden', 'captures');
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.jsonl'));
    expect(files).toHaveLength(1);
    const lines = readFileSync(join(dir, files[0]!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object?: string; count?: number });
    expect(lines.filter((l) => l.type === 'event' && l.object === 'other:before')).toHaveLength(1);
    // While no console runs, the same user violates again.
    await asApp((c) => c.get('other:before'));
    tui = await logPane();
    // The earlier event comes back as history at once; the new one is counted as new.
    const f = await tui.waitFor((f) => /reasons: key 1\b/.test(f), 'the new violation counted once', 8000);
    expect(f.match(/other:before/g)).toHaveLength(2);
    expect(tui.app.store.get().aclLog.rows.map((r) => Boolean(r.history))).toEqual([false, true]);
    const after = readFileSync(join(dir, files[0]!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object?: string; count?: number });
    // Exactly two violations of other:before on disk: one from each console, none twice.
    expect(
      after
        .filter((l) => l.type === 'event' && l.object === 'other:before')
        .reduce((n, l) => n + (l.count ?? 0), 0),
    ).toBe(2);
  });

  it('says when the log was reset, and R resets it only after RESET is typed', async () => {
    tui = await logPane();
    await asApp((c) => c.get('other:2'));
    await tui.waitFor((f) => f.includes('other:2'), 'seen');
    tui.press('log.reset');
    await tui.waitFor((f) => f.includes('Type RESET to confirm'), 'typed confirmation');
    tui.type('RESET');
    tui.key('return');
    await tui.waitFor((f) => f.includes('Done: ACL LOG RESET'), 'reset');
    expect(((await admin.call('ACL', ['LOG'])) as unknown[]).length).toBe(0);
    await asApp((c) => c.get('other:3'));
    await tui.waitFor((f) => f.includes('other:3'), 'tail goes on after the reset', 8000);
  });

  it('x blocks the user of an event (k also kills its connections)', async () => {
    tui = await logPane();
    const c = new Redis({
      disableClientInfo: true,
      host: server.host,
      port: server.port,
      username: 'app',
      password: 'app-pw-1',
      protocol: 2,
      retryStrategy: () => null,
    });
    c.on('error', () => undefined);
    await c.get('other:4').catch(() => undefined);
    await tui.waitFor((f) => f.includes('other:4'), 'seen');
    tui.press('log.kill');
    await tui.waitFor((f) => f.includes('b: block user app instead'), 'kill or block');
    tui.type('b');
    await tui.waitFor((f) => f.includes('Block user app?'), 'confirm');
    tui.type('k');
    await tui.waitFor((f) => f.includes('Blocked app; killed 1 connection(s) of app'), 'blocked and killed');
    expect(((await admin.call('ACL', ['LIST'])) as string[]).find((l) => l.startsWith('user app '))).toMatch(
      /^user app off/,
    );
    await admin.call('ACL', ['SETUSER', 'app', 'on']);
    c.disconnect();
  });

  it("x kills the event's client, named by its own user; a client already gone is said so and journaled killed: 0", async () => {
    tui = await logPane();
    const journal = () => journalOf(xdg, 'client.kill');
    // Logged in as app, it then tries to log in as someone else: the event's username is the
    // name tried, the client's own user is still app.
    const c = await authAs('app', 'app-pw-1');
    const mine = String(await admin.call('CLIENT', ['LIST']))
      .split('\n')
      .filter((l) => / user=app /.test(l));
    expect(mine).toHaveLength(1);
    const id = /^id=(\d+) /.exec(mine[0]!)![1]!;
    await c.call('AUTH', ['intruder', 'wrong']).catch(() => undefined);
    await tui.waitFor((f) => f.includes('intruder'), 'seen');
    tui.press('log.kill');
    let f = await tui.waitFor((f) => f.includes(`Kill client ${id} (user app)`), 'confirm');
    expect(f).not.toContain('user intruder');
    expect(f).toContain('"intruder" failed to log in');
    tui.type('y');
    await tui.waitFor((f) => f.includes(`Killed client ${id} on`), 'killed');
    expect(journal().at(-1)).toMatchObject({ outcome: 'ok', detail: { killed: 1 } });
    // The same event again: that client is gone now.
    tui.press('log.kill');
    await tui.waitFor((f) => f.includes(`Kill client ${id} (user app)`), 'confirm again');
    tui.type('y');
    f = await tui.waitFor((f) => f.includes('no such client (already gone)'), 'already gone');
    expect(f).not.toContain('Done: Kill client');
    expect(journal()).toHaveLength(2);
    expect(journal().at(-1)).toMatchObject({ outcome: 'ok', detail: { killed: 0 } });
    c.disconnect();
  });

  it('x on an event of a user whose name is not UTF-8 blocks exactly that user, by its bytes', async () => {
    const bad = Buffer.from([0x75, 0xff, 0x62, 0x61, 0x64]); // u 0xff bad
    const lossy = Buffer.from('u\ufffdbad'); // what a UTF-8 decoder made of it: u EF BF BD bad
    const flags = async (name: Buffer) => {
      const r = (await admin.call('ACL', ['GETUSER', name])) as unknown[] | null;
      return r === null ? null : (r[1] as string[]);
    };
    await admin.callBuffer('ACL', ['SETUSER', bad, 'on', 'nopass', '~app:*', '+get']);
    tui = await logPane();
    const c = await authAs(bad, 'any'); // nopass: any password logs in
    await c.get('other:7').catch(() => undefined);
    await tui.waitFor((f) => f.includes('other:7') && f.includes('u\\xffbad'), 'seen');
    tui.press('log.kill');
    await tui.waitFor((f) => f.includes('b: block user u\\xffbad instead'), 'kill or block');
    tui.type('b');
    await tui.waitFor((f) => f.includes('Block user u\\xffbad?'), 'confirm');
    tui.type('y');
    await tui.waitFor((f) => f.includes('Done: Block user u\\xffbad'), 'blocked');
    expect(await flags(bad)).toContain('off');
    expect(await flags(lossy)).toBeNull();
    c.disconnect();
    await admin.callBuffer('ACL', ['DELUSER', bad]);
  });

  it('x and u on an auth event name the user escaped once, as the table shows it (copyable)', async () => {
    tui = await logPane();
    await failAuth(Buffer.from([0x75, 0xff, 0x62, 0x61, 0x64])); // u 0xff bad
    await tui.waitFor((f) => f.includes('u\\xffbad'), 'seen');
    // x on a failed AUTH offers to kill the client only: the name it tried may be no user.
    tui.press('log.kill');
    let f = await tui.waitFor((f) => f.includes('failed to log in'), 'x said');
    expect(f).toContain('"u\\xffbad" failed to log in');
    expect(f).not.toContain('\\\\x');
    tui.key('escape');
    await tui.waitFor((f) => !f.includes('failed to log in'), 'the confirmation closed');
    tui.press('log.user');
    f = await tui.waitFor((f) => f.includes('tried to log in with'), 'u said');
    expect(f).toContain('"u\\xffbad" is the name a client tried to log in with');
    expect(f).not.toContain('\\\\x');
  });

  it('a console user without +acl|log is told what to grant, and the console stays usable', async () => {
    tui = await logPane('narrow', 'narrow-pw-1');
    const f = await tui.waitFor((f) => f.includes('grant the console user +acl|log'), 'explained');
    expect(f).toContain('SEC003');
    tui.press('pane.users');
    await tui.waitFor((f) => f.includes('Could not read the users'), 'other panes still work');
  });

  it('a server restarted mid-tail: events before and after are captured and the restart is noted', async () => {
    tui = await logPane();
    await asApp((c) => c.get('other:pre'));
    await tui.waitFor((f) => f.includes('other:pre'), 'before');
    await server.kill();
    await server.restart();
    await asApp((c) => c.get('other:post'));
    const f = await tui.waitFor(
      (f) => f.includes('other:post') && f.includes('restarted'),
      'after, and the restart said',
      20_000,
    );
    expect(f).toContain('other:pre');
    const dir = join(xdg.state, 'redis-warden', 'captures');
    const file = readdirSync(dir, { recursive: true })
      .map(String)
      .find((x) => x.endsWith('.jsonl'));
    expect(file && existsSync(join(dir, file))).toBeTruthy();
    const text = readFileSync(join(dir, file!), 'utf8');
    expect(text).toContain('other:pre');
    expect(text).toContain('other:post');
    expect(text).toMatch(/"kind":"restart"/);
  }, 40_000);

  it("raises an ALERT when the rate crosses the profile's alertRate", async () => {
    openProfileStore().store.add({
      name: 'prod',
      host: server.host,
      port: server.port,
      user: 'admin',
      password: { kind: 'none' },
      alertRate: 3,
    });
    tui = await startTui({ connection: { ...as('admin', 'admin-pw-1'), profileName: 'prod' } });
    await tui.waitFor((f) => f.includes('● ready'), 'ready');
    tui.press('pane.acl-log');
    await tui.waitFor((f) => f.includes('REASON'), 'tail shown');
    await asApp(async (c) => {
      for (let i = 0; i < 4; i++) await c.get(`other:a${i}`).catch(() => undefined);
    });
    const f = await tui.waitFor((f) => f.includes('over the set 3/min'), 'alert', 8000);
    expect(f).toMatch(/[4-9]\/min/);
    // On every pane, not only the tail's.
    tui.press('pane.users');
    await tui.waitFor((f) => /ACL ALERT RATE [4-9]\/min/.test(f), 'alert in the header');
  });

  it('off follow, the selection stays on the same event as new ones arrive above it', async () => {
    tui = await logPane();
    await asApp((c) => c.get('other:first'));
    await tui.waitFor((f) => f.includes('other:first'), 'first');
    await asApp((c) => c.get('other:second'));
    await tui.waitFor((f) => f.includes('other:second'), 'second');
    tui.press('list.down');
    const selected = () => {
      const s = tui!.app.store.get();
      return s.aclLog.rows[s.ui.selection['acl-log'] ?? 0]?.object;
    };
    await tui.waitFor(() => selected() === 'other:first', 'moved to the older event');
    await asApp((c) => c.get('other:third'));
    await tui.waitFor((f) => f.includes('other:third'), 'third');
    // It stays there as the pane renders on: time passing is the check.
    await letTimePass(200);
    expect(selected()).toBe('other:first');
    expect(tui.app.store.get().aclLog.follow).toBe(false);
  });
});
