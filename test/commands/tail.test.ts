// `redis-warden tail` against a real server, run as the built CLI: events made before it
// starts, --json's stable fields, hostile bytes escaped in both forms, --follow and Ctrl-C,
// history from the capture, NOPERM. Filters and --since: tail-filters.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/domain/display.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';
import { asUser, failAuth, FIELDS, follow, freshState, jsonLines, TAIL_USERS } from './tail-cli.js';
import { letTimePass } from '../helpers/until.js';

// Everything an attacker would try on an operator's terminal: colours, clear screen and
// cursor home, OSC 52 (clipboard write), an OSC 8 link, a bidi override, CR, an 8-bit CSI
// (U+009B) and bytes that are not UTF-8.
const HOSTILE_USER = Buffer.concat([
  Buffer.from(
    '\x1b[31mred\x1b[2J\x1b[H\x1b]52;c;aGk=\x07\x1b]8;;http://evil/\x07link\x1b]8;;\x07\u202eevil\rroot\u009b31m',
  ),
  Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
]);
const HOSTILE_USER_SHOWN =
  '\\x1b[31mred\\x1b[2J\\x1b[H\\x1b]52;c;aGk=\\x07\\x1b]8;;http://evil/\\x07link\\x1b]8;;\\x07\\u202eevil\\x0droot\\u009b31m\\xff\\xfe\\xc3(';
const HOSTILE_KEY = Buffer.concat([Buffer.from('k\x1b]52;c;aGk=\x07\u202e\r\x1b[2J'), Buffer.from([0xff])]);
const HOSTILE_KEY_SHOWN = 'k\\x1b]52;c;aGk=\\x07\\u202e\\x0d\\x1b[2J\\xff';
// Anything a terminal would act on; \n only ends lines. U+FFFD would mean a raw invalid byte.
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd]/;

let server: RedisHandle;
let xdg: XdgDirs;
let state: ReturnType<typeof freshState>;
const admin = () => ['-p', String(server.port), '--user', 'admin'];
const env = () => ({ REDISCLI_AUTH: 'adm-pw-123', ...state.env });
const tail = (args: string[]) => cli(['tail', ...admin(), ...args], env());

beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis({ aclUsers: TAIL_USERS });
});
afterAll(async () => {
  await server?.stop();
  xdg.cleanup();
});
// Each test starts with an empty capture and tracker position of its own.
let cleanups: (() => void)[] = [];
const fresh = () => {
  state = freshState();
  cleanups.push(state.cleanup);
};
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  cleanups = [];
});

describe('tail (once)', () => {
  it('prints the failed AUTH, denied command and denied key made before it, as a table; exit 0', async () => {
    fresh();
    await failAuth(server.port, 'intruder-1');
    await asUser(server.port, 'lim', 'lim-pw-456', [['FLUSHALL'], ['GET', 'secret:1']]);
    const r = await tail([]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^LAST\s+REASON\s+OBJECT\s+USER\s+N\s+CLIENT\s+CMD\s*$/);
    const row = (re: RegExp) => lines.find((l) => re.test(l));
    expect(
      row(/^\d\d:\d\d:\d\d {2}auth {5}AUTH\s+intruder-1\s+1 {2}127\.0\.0\.1:\d+\s+auth\s*$/),
    ).toBeDefined();
    expect(
      row(/^\d\d:\d\d:\d\d {2}command {2}flushall\s+lim\s+1 {2}127\.0\.0\.1:\d+\s+flushall\s*$/),
    ).toBeDefined();
    expect(row(/^\d\d:\d\d:\d\d {2}key {6}secret:1\s+lim\s+1 {2}127\.0\.0\.1:\d+\s+get\s*$/)).toBeDefined();
    // Oldest first: the AUTH came first.
    expect(lines.findIndex((l) => l.includes('intruder-1'))).toBeLessThan(
      lines.findIndex((l) => l.includes('secret:1')),
    );
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });

  it('--json: one object per line with the stable fields', async () => {
    fresh();
    await asUser(server.port, 'lim', 'lim-pw-456', [['GET', 'secret:json']]);
    const r = await tail(['--json']);
    expect(r.code).toBe(0);
    const events = jsonLines(r.stdout);
    for (const e of events) {
      expect(Object.keys(e)).toEqual(FIELDS);
      expect(Object.keys(e.client as object)).toEqual([
        'id',
        'addr',
        'laddr',
        'name',
        'name_hex',
        'user',
        'user_hex',
        'cmd',
      ]);
    }
    const e = events.find((x) => x.object === 'secret:json');
    expect(e).toMatchObject({
      node: `127.0.0.1:${server.port}`,
      reason: 'key',
      context: 'toplevel',
      username: 'lim',
      count: 1,
      client: {
        user: 'lim',
        cmd: 'get',
        name: '',
        addr: expect.stringMatching(/^127\.0\.0\.1:\d+$/) as unknown,
      },
      client_info: expect.stringContaining('cmd=get user=lim') as unknown,
      history: true, // already in the server's log when the tail started
    });
    expect(Date.parse(e!.time as string)).toBeGreaterThan(Date.now() - 60_000);
    expect(e!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof e!.first_seen).toBe('string');
  });

  it('hostile usernames and key names are escaped in the table and in JSON, never emitted; the table stays aligned', async () => {
    fresh();
    await failAuth(server.port, HOSTILE_USER);
    await asUser(server.port, 'lim', 'lim-pw-456', [['GET', HOSTILE_KEY]]);
    const wide = await cli(['tail', ...admin()], { ...env(), COLUMNS: '400' });
    const r = await tail([]);
    for (const out of [r.stdout, wide.stdout]) {
      expect(out).not.toMatch(RAW);
      const lines = out.split('\n').filter(Boolean);
      expect(new Set(lines.map(displayWidth)).size).toBe(1);
      // Every row's REASON cell is where the header says.
      const at = lines[0]!.indexOf('REASON');
      for (const l of lines.slice(1)) expect(l.slice(at, at + 7).trim()).toMatch(/^(auth|command|key)$/);
    }
    // Cut to the column, but escaped from the first byte.
    expect(r.stdout).toContain('\\x1b[31mred\\x1b[2');
    expect(r.stdout).toContain('k\\x1b]52;c;aGk=\\x07');
    expect(wide.stdout).toContain(HOSTILE_KEY_SHOWN);

    const j = await tail(['--json']);
    expect(j.stdout).not.toMatch(RAW);
    const events = jsonLines(j.stdout);
    // In JSON the whole string, with the table's escaping (see README): the SIEM shows it as is.
    expect(events.map((e) => e.username)).toContain(HOSTILE_USER_SHOWN);
    expect(events.map((e) => e.object)).toContain(HOSTILE_KEY_SHOWN);
    // And the exact bytes, for a script that acts on the name (README: machine output).
    expect(events.map((e) => e.username_hex)).toContain(HOSTILE_USER.toString('hex'));
    expect(events.map((e) => e.object_hex)).toContain(HOSTILE_KEY.toString('hex'));
    for (const e of events) for (const v of Object.values(e)) expect(JSON.stringify(v)).not.toMatch(RAW);
  });

  it('the NOPERM console user: SEC003 and +acl|log named, exit 2', async () => {
    fresh();
    const r = await cli(['tail', '-p', String(server.port), '--user', 'noperm'], {
      REDISCLI_AUTH: 'np-pw-789',
      ...state.env,
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:${server.port}: ACL LOG .*SEC003.*\\+acl\\|log`, 'm'),
    );
    expect(r.stderr).toMatch(/redis-warden: could not read the ACL LOG/);
    const j = await cli(['tail', '--json', '-p', String(server.port), '--user', 'noperm'], {
      REDISCLI_AUTH: 'np-pw-789',
      ...state.env,
    });
    expect(j.code).toBe(2);
    // The first run's notice comes back from the capture as "(earlier)"; this run says it again.
    const notices = jsonLines(j.stdout) as { notice?: string; node?: string; text?: string }[];
    expect(notices.every((n) => n.notice === 'error' && n.node === `127.0.0.1:${server.port}`)).toBe(true);
    expect(notices.filter((n) => !n.text?.startsWith('(earlier)')).map((n) => n.text)).toEqual([
      expect.stringContaining('SEC003') as unknown,
    ]);
  });

  it('cannot connect: exit 2 with the cause', async () => {
    fresh();
    const r = await cli(['tail', '-p', '1', '--timeout', '3000'], state.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/could not connect/);
  });
});

describe('tail --follow', () => {
  it('streams an event made after it started; Ctrl-C ends it with exit 0; a second run shows it as history, once', async () => {
    fresh();
    await asUser(server.port, 'lim', 'lim-pw-456', [['GET', 'secret:before-follow']]);
    const t = follow(['--json', ...admin()], env());
    await t.waitFor((_, err) => err.includes('following the ACL LOG of 1 node'), 'start');
    expect(t.stdout()).toContain('secret:before-follow');
    const made = Date.now();
    await asUser(server.port, 'lim', 'lim-pw-456', [['GET', 'secret:live']]);
    await t.waitFor((out) => out.includes('secret:live'), 'the live event', 5000);
    expect(Date.now() - made).toBeLessThan(5000);
    expect(await t.signal('SIGINT')).toBe(0);
    // Every line whole: nothing cut off, nothing after the stop.
    expect(t.stdout().endsWith('\n')).toBe(true);
    const live = jsonLines(t.stdout()).filter((e) => e.object === 'secret:live');
    expect(live).toEqual([expect.objectContaining({ history: false, count: 1, reason: 'key' })]);

    const again = await tail(['--json']);
    expect(again.code).toBe(0);
    const seen = jsonLines(again.stdout).filter((e) => e.object === 'secret:live');
    expect(seen).toEqual([expect.objectContaining({ history: true, count: 1 })]);
  });

  it('the table form prints its header at once and stops on SIGTERM with exit 0', async () => {
    fresh();
    const t = follow(admin(), env());
    await t.waitFor((out, err) => out.startsWith('LAST') && err.includes('following'), 'the header');
    await failAuth(server.port, 'late-intruder');
    await t.waitFor((out) => /auth {5}AUTH\s+late-intruder/.test(out), 'the failed AUTH', 5000);
    expect(await t.signal('SIGTERM')).toBe(0);
    const lines = t.stdout().split('\n').filter(Boolean);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });

  it('--timeout bounds connecting and the first read; the follow goes on past it', async () => {
    fresh();
    const t = follow(['--timeout', '2500', ...admin()], env());
    await t.waitFor((out, err) => out.startsWith('LAST') && err.includes('following'), 'the header');
    // Past the 2.5 s bound: the bound's time passing is the scenario.
    await letTimePass(3000);
    await failAuth(server.port, 'after-the-bound');
    await t.waitFor((out) => out.includes('after-the-bound'), 'an event after the bound', 5000);
    expect(await t.signal('SIGINT')).toBe(0);
  });
});
