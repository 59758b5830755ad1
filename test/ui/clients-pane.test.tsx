// The Clients pane against a real redis-server: the live list with hostile strings escaped
// and the console's own connection marked, field filters, sort, group-by, details, the
// highlights a security engineer looks for, and kills through confirmations.
import net from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openProfileStore } from '../../src/profiles/store.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { journalOf, startTui, tempXdg } from '../helpers/tui.js';
import { until } from '../helpers/until.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';
import { adminOf } from '../support/admin-client.js';

let server: RedisHandle;
let admin: Redis;
let xdg: XdgDirs;
let tui: Tui | undefined;
const open: net.Socket[] = [];

const HOSTILE = 'ev\x1b[31mil\u202e';

beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >admin-pw-1 ~* &* +@all',
      'user app on >app-pw-1 ~app:* +get +client|setname',
      'user narrow on >narrow-pw-1 resetkeys resetchannels -@all +ping +acl|whoami +info',
      'user viewer on >viewer-pw-1 resetkeys resetchannels -@all +ping +info +acl|whoami +acl|log +acl|users +client|list +client|id',
    ],
  });
  admin = adminOf(server, 'admin-pw-1');
  admin.on('error', () => undefined);
  await admin.call('ACL', ['SETUSER', HOSTILE, 'on', '>evil-pw', '~*', '+@all']);
  await admin.call('ACL', ['SETUSER', 'app', '+client|setname']);
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});
beforeEach(() => {
  xdg = tempXdg();
});
afterEach(async () => {
  await tui?.stop();
  tui = undefined;
  for (const s of open.splice(0)) s.destroy();
  xdg.cleanup();
});

const resp = (...args: string[]) =>
  `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

/** A raw client that logs in as `user` and names itself; resolves once both are answered. */
async function client(
  user: string,
  password: string,
  name?: string,
  extra: string[][] = [],
): Promise<net.Socket> {
  const s = net.connect(server.port, server.host);
  s.on('error', () => undefined);
  open.push(s);
  const cmds = [['AUTH', user, password], ...(name ? [['CLIENT', 'SETNAME', name]] : []), ...extra];
  await new Promise<void>((resolve) => {
    let seen = '';
    s.on('data', (d) => {
      seen += d.toString('latin1');
      if ((seen.match(/\r\n/g) ?? []).length >= cmds.length) resolve();
    });
    s.write(cmds.map((c) => resp(...c)).join(''));
  });
  return s;
}

const closed = (s: net.Socket) =>
  new Promise<boolean>((resolve) => {
    if (s.destroyed || s.readableEnded) return resolve(true);
    const t = setTimeout(() => resolve(false), 3000);
    s.once('close', () => {
      clearTimeout(t);
      resolve(true);
    });
  });

const as = (user: string, password: string, readOnly = false) => ({
  spec: { host: server.host, port: server.port, user },
  password,
  readOnly,
});

async function clientsPane(user = 'admin', password = 'admin-pw-1', readOnly = false) {
  const t = await startTui({ connection: as(user, password, readOnly) });
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.clients');
  await t.waitFor((f) => /\d+ clients? · .*read \d+s ago|not permitted|SEC003/.test(f), 'the list read');
  return t;
}

describe('the list', () => {
  it('shows every client with hostile usernames escaped, the console marked self, and the freshness', async () => {
    await client('app', 'app-pw-1', 'worker-1');
    await client(HOSTILE, 'evil-pw', 'intruder');
    tui = await clientsPane();
    const f = await tui.waitFor((f) => f.includes('worker-1') && f.includes('intruder'), 'clients listed');
    expect(f).not.toMatch(/\x1b|\u202e/);
    expect(f).toContain('ev\\x1b[31');
    // Whole in the bottom line when selected.
    tui.press('list.filter');
    tui.type('name=intruder');
    tui.key('return');
    await tui.waitFor((f) => f.includes('user ev\\x1b[31mil\\u202e'), 'the whole name, escaped');
    expect(f).toMatch(/read \d+s ago, every \d+\.\ds \(CLIENT LIST \d+ ms\)/);
    const self = f.split('\n').find((l) => /\bself\b/.test(l));
    expect(self).toMatch(/\badmin\b/);
    expect(self).toContain('client|list');
  });

  it('filters by field expressions, sorts, groups by user, and opens a client with every field', async () => {
    await client('app', 'app-pw-1', 'worker-a');
    await client('app', 'app-pw-1', 'worker-b');
    await client('app', 'app-pw-1', 'worker-c');
    tui = await clientsPane();
    await tui.waitFor((f) => f.includes('worker-c'), 'listed');
    tui.press('list.filter');
    tui.type('user=app name=worker-?');
    tui.key('return');
    let f = await tui.waitFor((f) => f.includes('3 shown'), 'filtered');
    expect(f).not.toMatch(/\badmin\b.*client\|list/);
    // Sort by the next column (node on a single server is skipped to addr...): reverse puts c first.
    tui.press('clients.reverse');
    f = await tui.waitFor((f) => /ID▼/.test(f), 'reversed by id');
    const rows = f.split('\n').filter((l) => /^[ *] +\d+ .*worker-[abc]/.test(l));
    expect(rows.map((l) => /worker-([abc])/.exec(l)![1])).toEqual(['c', 'b', 'a']);
    tui.key('escape'); // clears the filter
    await tui.waitFor((f) => !f.includes('shown'), 'filter cleared');
    tui.press('clients.group');
    f = await tui.waitFor((f) => f.includes('CLIENTS') && f.includes('MAX-IDLE'), 'grouped by user');
    expect(f.split('\n').find((l) => /^app\s/.test(l))).toMatch(/^app\s+3\s/);
    // Enter on a group lists its clients (a filter), leaving the group view.
    tui.press('list.top');
    tui.press('clients.open');
    await tui.waitFor((f) => f.includes('/user=app'), 'group opened as a filter');
    tui.press('list.top');
    tui.press('clients.open');
    f = await tui.waitFor((f) => f.includes('qbuf-free') && f.includes('tot-mem'), 'details');
    expect(f).toMatch(/flags are\s+N no flags/i);
    expect(f).toContain('keys ~app:*');
    tui.key('escape');
    await tui.waitFor((f) => f.includes('3 shown'), 'back to the list');
  });

  it('a console user without +client|list is told what to grant, and the console stays usable', async () => {
    tui = await clientsPane('narrow', 'narrow-pw-1');
    const f = await tui.waitFor((f) => f.includes('+client|list'), 'explained');
    // Nothing could be read: the pane says so rather than "reading" forever.
    await tui.waitFor((f) => f.includes('Nothing read yet') && f.includes('not read'), 'not reading');
    expect(f).toContain('SEC003');
    tui.press('pane.profiles');
    await tui.waitFor((f) => f.includes('Profiles'), 'other panes still work');
  });
});

describe('highlights', () => {
  it("flags a disabled user's open connections, a dangerous last command, and clients outside the expected networks", async () => {
    await admin.call('ACL', ['SETUSER', 'temp', 'on', '>temp-pw', '~*', '+@all']);
    await client('temp', 'temp-pw', 'left-on');
    await client('app', 'app-pw-1', 'reader', [['GET', 'app:1']]);
    await client('admin', 'admin-pw-1', 'dbwiper', [['FLUSHDB']]);
    // Redis leaves them connected: the point of the highlight. (DELUSER and ACL LOAD do
    // disconnect a deleted user's clients on 7.0; the no-user highlight is unit-tested.)
    await admin.call('ACL', ['SETUSER', 'temp', 'off']);
    openProfileStore().store.add({
      name: 'prod',
      host: server.host,
      port: server.port,
      user: 'admin',
      password: { kind: 'none' },
      expectedNetworks: ['10.0.0.0/8'],
    });
    tui = await startTui({ connection: { ...as('admin', 'admin-pw-1'), profileName: 'prod' } });
    await tui.waitFor((f) => f.includes('● ready'), 'ready');
    tui.press('pane.clients');
    await tui.waitFor((f) => f.includes('left-on') && f.includes('dbwiper'), 'listed');
    const row = (name: string) =>
      tui!
        .frame()
        .split('\n')
        .find((l) => l.includes(name)) ?? '';
    await tui.waitFor(() => row('left-on').includes('user-off'), 'disabled user flagged');
    expect(row('dbwiper')).toContain('danger');
    expect(row('dbwiper')).toContain('flushdb');
    expect(row('reader')).toMatch(/outside/);
    expect(row('reader')).not.toMatch(/danger|user-off/);
    tui.press('list.filter');
    tui.type('name=left-on');
    tui.key('return');
    await tui.waitFor((f) => f.includes('1 shown') && f.includes('Its user is disabled'), 'said in words');
    tui.key('escape');
    // A user created and disabled while the pane is open is flagged by the next poll, no r needed.
    await admin.call('ACL', ['SETUSER', 'late', 'on', '>late-pw', '~*', '+get', '+client|setname']);
    await client('late', 'late-pw', 'late-conn');
    await admin.call('ACL', ['SETUSER', 'late', 'off']);
    await tui.waitFor(() => row('late-conn').includes('user-off'), 'flagged on the next poll', 8000);
    // 127.0.0.1 is outside 10.0.0.0/8: the risky view (!) shows every flagged client.
    await tui.waitFor((f) => !f.includes('shown'), 'filter cleared');
    tui.press('clients.risky');
    const f = await tui.waitFor((f) => f.includes('flagged only'), 'risky only');
    expect(f).toContain('reader');
  });

  it("a connection's own expected networks (the demo's: no saved profile) mark clients from elsewhere", async () => {
    await client('app', 'app-pw-1', 'from-lo', [['GET', 'app:1']]);
    tui = await startTui({
      connection: { ...as('admin', 'admin-pw-1'), profileName: 'demo', expectedNetworks: ['10.0.0.0/8'] },
    });
    await tui.waitFor((f) => f.includes('● ready'), 'ready');
    tui.press('pane.clients');
    const row = (f: string) => f.split('\n').find((l) => l.includes('from-lo')) ?? '';
    await tui.waitFor((f) => row(f).includes('outside'), '127.0.0.1 outside 10.0.0.0/8');
  });
});

describe('kills', () => {
  it('x kills the selected client after a confirmation naming it; a second kill of it says it had left', async () => {
    const victim = await client('app', 'app-pw-1', 'victim-1');
    const bystander = await client('app', 'app-pw-1', 'bystander');
    tui = await clientsPane();
    await tui.waitFor((f) => f.includes('victim-1'), 'listed');
    tui.press('list.filter');
    tui.type('name=victim-1');
    tui.key('return');
    await tui.waitFor((f) => f.includes('1 shown'), 'filtered');
    tui.press('clients.kill');
    await tui.waitFor((f) => /Kill client \d+ \(127\.0\.0\.1:\d+, user app\)\?/.test(f), 'confirm');
    tui.type('y');
    await tui.waitFor((f) => f.includes('Killed 1 connection'), 'killed');
    expect(await closed(victim)).toBe(true);
    expect(bystander.destroyed).toBe(false);
    await tui.waitFor((f) => f.includes('No client matches'), 're-read: gone from the list');
  });

  it('x on a client that left meanwhile says "no such client (already gone)" and journals killed: 0', async () => {
    const leaver = await client('app', 'app-pw-1', 'leaver-1');
    tui = await clientsPane();
    await tui.waitFor((f) => f.includes('leaver-1'), 'listed');
    tui.press('clients.pause'); // the list holds still: the row stays after the client leaves
    tui.press('list.filter');
    tui.type('name=leaver-1');
    tui.key('return');
    await tui.waitFor((f) => f.includes('1 shown'), 'filtered');
    leaver.destroy();
    await until(
      async () => !String(await admin.call('CLIENT', ['LIST'])).includes('name=leaver-1'),
      'the server saw it leave',
    );
    tui.press('clients.kill');
    await tui.waitFor((f) => f.includes('Kill client'), 'confirm');
    tui.type('y');
    const f = await tui.waitFor((f) => f.includes('no such client (already gone)'), 'said');
    expect(f).not.toMatch(/Killed \d/);
    const kills = journalOf(xdg, 'client.kill');
    expect(kills).toHaveLength(1);
    expect(kills[0]).toMatchObject({ outcome: 'ok', detail: { killed: 0 } });
  });

  it('Space marks several and x kills them; more than five at once needs the count typed', async () => {
    const socks = await Promise.all(
      Array.from({ length: 7 }, (_, i) => client('app', 'app-pw-1', `bulk-${i}`)),
    );
    tui = await clientsPane();
    await tui.waitFor((f) => f.includes('bulk-6'), 'listed');
    tui.press('list.filter');
    tui.type('name=bulk-*');
    tui.key('return');
    await tui.waitFor((f) => f.includes('7 shown'), 'filtered');
    tui.press('list.top');
    for (let i = 0; i < 7; i++) tui.press('clients.mark');
    await tui.waitFor((f) => f.includes('7 marked'), 'marked');
    // Marked clients the filter now hides are named, and the count must be typed.
    tui.press('list.filter');
    tui.key('backspace');
    tui.key('backspace');
    tui.type('-0');
    tui.key('return');
    await tui.waitFor((f) => f.includes('1 shown') && f.includes('7 marked'), 'filtered to one');
    tui.press('clients.kill');
    let f = await tui.waitFor((f) => f.includes('Type 7 to confirm'), 'typed confirmation');
    expect(f).toContain('6 of them are not shown by the filter');
    expect(f).toMatch(/bulk-\d user app/);
    expect(f).toContain('...and 3 more');
    tui.type('7');
    tui.key('return');
    f = await tui.waitFor((f) => f.includes('Killed 7 connections'), 'killed');
    expect(f).not.toContain('already left');
    for (const s of socks) expect(await closed(s)).toBe(true);
  });

  it('U kills every connection of the user (CLIENT KILL USER); the console itself survives', async () => {
    const a = await client('app', 'app-pw-1', 'u-1');
    const b = await client('app', 'app-pw-1', 'u-2');
    const other = await client(HOSTILE, 'evil-pw', 'not-app');
    tui = await clientsPane();
    await tui.waitFor((f) => f.includes('u-2'), 'listed');
    tui.press('list.filter');
    tui.type('name=u-1');
    tui.key('return');
    await tui.waitFor((f) => f.includes('1 shown'), 'filtered');
    tui.press('clients.killUser');
    await tui.waitFor((f) => f.includes('Kill every connection of user app?'), 'confirm');
    tui.type('y');
    await tui.waitFor((f) => /Killed [2-9] connections?: every connection of user app/.test(f), 'killed');
    expect(await closed(a)).toBe(true);
    expect(await closed(b)).toBe(true);
    expect(other.destroyed).toBe(false);
    expect(tui.app.store.get().connection?.nodes[0]?.state).toBe('ready');
  });

  it('read-only: the kill keys are refused and hidden from the hints', async () => {
    tui = await clientsPane('admin', 'admin-pw-1', true);
    await tui.waitFor((f) => f.includes('client|list'), 'listed');
    expect(tui.frame()).not.toMatch(/\bx kill\b/);
    tui.press('clients.kill');
    await tui.waitFor((f) => /Read-only/.test(f), 'refused');
  });

  it('a viewer console (no +client|kill) gets the permission named when a kill fails', async () => {
    const s = await client('app', 'app-pw-1', 'untouchable');
    tui = await clientsPane('viewer', 'viewer-pw-1');
    await tui.waitFor((f) => f.includes('untouchable'), 'listed');
    // Without +acl|list the user highlights are off, and the pane says so.
    expect(tui.frame()).toMatch(/no highlights by user .*\+acl\|list/);
    tui.press('list.filter');
    tui.type('name=untouchable');
    tui.key('return');
    await tui.waitFor((f) => f.includes('1 shown'), 'filtered');
    tui.press('clients.kill');
    await tui.waitFor((f) => f.includes('Kill client'), 'confirm');
    tui.type('y');
    const f = await tui.waitFor((f) => /Failed/.test(f), 'refused by the server');
    expect(f).toMatch(/SEC003|NOPERM/);
    expect(f).toContain('(needs +client|kill)');
    expect(s.destroyed).toBe(false);
  });

  it('details show a value too long for its column whole, below the columns', async () => {
    const name = `${'L'.repeat(150)}-END`;
    await client('app', 'app-pw-1', name);
    tui = await clientsPane('admin', 'admin-pw-1');
    tui.press('list.filter');
    tui.type('name=LLL*');
    tui.key('return');
    await tui.waitFor((f) => f.includes('1 shown'), 'filtered');
    tui.press('clients.open');
    const f = await tui.waitFor((f) => f.includes('-END'), 'the name whole');
    // Its cell is cut; the lines below hold all of it, in order.
    const whole = f
      .split('\n')
      .filter((l) => /^(name {7}| {11})L/.test(l))
      .map((l) => l.slice(11).trim())
      .join('');
    expect(whole).toBe(name);
  });

  // Last: it stops the server.
  it('a kill on the list of a node that went down is refused up front, saying why', async () => {
    await client('app', 'app-pw-1', 'doomed');
    tui = await clientsPane('admin', 'admin-pw-1');
    await tui.waitFor((f) => f.includes('doomed'), 'listed');
    tui.press('list.filter');
    tui.type('name=doomed');
    tui.key('return');
    await tui.waitFor((f) => f.includes('1 shown'), 'filtered');
    await server.kill();
    const t = tui;
    await t.waitFor(() => t.app.store.get().connection?.nodes[0]?.state !== 'ready', 'the link down');
    t.press('clients.kill');
    const f = await t.waitFor((f) => f.includes('Not killing'), 'refused');
    expect(f).toMatch(/not connected now/);
    expect(f).not.toContain('Kill client');
    await server.restart();
  });
});
