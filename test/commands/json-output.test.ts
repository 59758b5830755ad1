// Every `--json` of every command, fed hostile server strings (a real server where one can hold
// them: user names, key patterns, channels, ACL LOG entries of failed AUTHs and denied keys;
// the project's fake server for INFO fields and error replies), holds no raw control, C1,
// bidi or format character, also after JSON.parse (what `jq -r` prints); and every hex field
// gives back the exact bytes of the string beside it. README: "Machine output".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDisplayBytes, toDisplay } from '../../src/domain/display.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { infoText, resp, startFakeRedis } from '../support/fake-redis.js';
import type { FakeRedis, Scripted } from '../support/fake-redis.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli, scratch } from './acl-cli.js';
import { openRaw } from './clients-cli.js';
import type { RawClient } from './clients-cli.js';
import { failAuth, freshState } from './tail-cli.js';
import { jsonStrings } from '../helpers/json-strings.js';

// Valid UTF-8 (so it can be typed on argv): ESC sequences, a bidi override, an 8-bit CSI.
const SHOW_USER = 'v\x1b[2J\u202e\u009b31m';
// Bytes that are not UTF-8 too: only a raw connection can send them.
const BYTE_USER = Buffer.concat([Buffer.from('b\x1b]52;c;aGk=\x07\u202e'), Buffer.from([0xff, 0xfe])]);
const KEY_PATTERN = Buffer.concat([Buffer.from('~k\x1b[31m\u202e'), Buffer.from([0xff]), Buffer.from('*')]);
const CHANNEL = Buffer.concat([Buffer.from('&c\u2066\u009b'), Buffer.from([0xfe])]);
const DENIED_KEY = Buffer.concat([Buffer.from('x\x1b[2J\u202e\r'), Buffer.from([0xff])]);
const AUTH_NAME = Buffer.concat([
  Buffer.from('\x1b]8;;http://evil/\x07\u202eroot\u009b'),
  Buffer.from([0xc3, 0x28]),
]);
const HOSTILE_TEXT = Buffer.concat([
  Buffer.from('\x1b[2J\x1b]52;c;aGk=\x07\u202e\u009b31m'),
  Buffer.from([0xff]),
]);

// Unsafe in a terminal or hidden; in stdout \n is JSON's own line break, in a parsed string it is not.
const UNSAFE =
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u2028\u2029\ufeff\ufffd]/;
const UNSAFE_PARSED =
  /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u2028\u2029\ufeff\ufffd]/;

let server: RedisHandle;
let xdg: XdgDirs;
let state: ReturnType<typeof freshState>;
let files: ReturnType<typeof scratch>;
let byteClient: RawClient;
const fakes: FakeRedis[] = [];
const admin = () => ['-p', String(server.port), '--user', 'admin'];
const env = () => ({ REDISCLI_AUTH: 'adm-pw-123', ...state.env });

beforeAll(async () => {
  xdg = tempXdg();
  state = freshState();
  files = scratch();
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >adm-pw-123 ~* &* +@all',
      `user ${SHOW_USER} on nopass ~k:* &news +get`,
    ],
  });
  const setup = await openRaw(server.port, [['AUTH', 'admin', 'adm-pw-123']]);
  await setup.send([
    'ACL',
    'SETUSER',
    BYTE_USER,
    'on',
    'nopass',
    KEY_PATTERN,
    CHANNEL,
    '+get',
    '+client|id',
    '+ping',
  ]);
  setup.close();
  // A client of that user stays connected (CLIENT LIST shows its name) and is denied a key.
  byteClient = await openRaw(server.port, [['AUTH', BYTE_USER, 'any']]);
  await byteClient.send(['GET', DENIED_KEY]);
  await failAuth(server.port, AUTH_NAME);
});

afterAll(async () => {
  byteClient?.close();
  for (const f of fakes) await f.stop();
  await server?.stop();
  state?.cleanup();
  files?.cleanup();
  xdg?.cleanup();
});

const HEX_KEY = /^(.+?)(Hex|_hex|-hex)$/;

/** Checks every hex field against the string beside it; returns the hex values it checked. */
function hexPairs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) hexPairs(x, out);
  else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(o)) {
      const base = HEX_KEY.exec(k)?.[1];
      if (base !== undefined) {
        expect(Object.keys(o), `${k} has no ${base} beside it`).toContain(base);
        same(o[base], x, out);
      } else hexPairs(x, out);
    }
  }
  return out;
}

/** `hex` mirrors `shown` (a string, a list, or an object of lists) with its exact bytes. */
function same(shown: unknown, hex: unknown, out: string[]): void {
  if (shown === null) return expect(hex).toBeNull();
  if (typeof shown === 'string') {
    expect(hex).toMatch(/^([0-9a-f]{2})*$/);
    expect(Buffer.from(hex as string, 'hex')).toEqual(Buffer.from(fromDisplayBytes(shown)));
    out.push(hex as string);
    return;
  }
  if (Array.isArray(shown)) {
    expect((hex as unknown[]).length).toBe(shown.length);
    shown.forEach((s, i) => same(s, (hex as unknown[])[i], out));
    return;
  }
  const h = hex as Record<string, unknown>;
  expect(Object.keys(h)).toEqual(Object.keys(shown as object));
  for (const [k, s] of Object.entries(shown as object)) same(s, h[k], out);
}

/** Parses one document or JSON lines, checks the escaping; returns the values and hex fields. */
function machine(stdout: string, lines = false): { docs: unknown[]; hex: string[] } {
  expect(stdout.trim()).not.toBe('');
  expect(stdout).not.toMatch(UNSAFE);
  const docs = lines
    ? stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown)
    : [JSON.parse(stdout) as unknown];
  for (const s of jsonStrings(docs)) expect(s).not.toMatch(UNSAFE_PARSED);
  return { docs, hex: hexPairs(docs) };
}

const hexOf = (b: Buffer | string) => Buffer.from(b).toString('hex');

describe('every --json is escaped as the screen is, names also as exact bytes', () => {
  it('acl list, acl show, acl test, acl plan', async () => {
    const list = await cli(['acl', 'list', '--json', ...admin()], env());
    expect(list.code).toBe(0);
    const l = machine(list.stdout);
    expect(l.hex).toContain(hexOf(SHOW_USER));
    expect(JSON.stringify(l.docs)).toContain(JSON.stringify(toDisplay(SHOW_USER)));
    // Names and patterns that are not UTF-8 come back as the server's exact bytes, not U+FFFD's.
    expect(l.hex).toEqual(expect.arrayContaining([hexOf(BYTE_USER), hexOf(KEY_PATTERN)]));

    const show = await cli(['acl', 'show', SHOW_USER, '--json', ...admin()], env());
    expect(show.code).toBe(0);
    expect(machine(show.stdout).hex).toEqual(expect.arrayContaining([hexOf(SHOW_USER), hexOf('k:*')]));

    const test = await cli(
      ['acl', 'test', SHOW_USER, 'GET', DENIED_KEY.toString('utf8'), '--json', ...admin()],
      env(),
    );
    expect(test.code).toBe(1);
    machine(test.stdout);

    const file = files.file('want.acl', ['user default off', 'user admin on >adm-pw-123 ~* &* +@all']);
    const plan = await cli(['acl', 'plan', file, '--prune', '--json', ...admin()], env());
    expect(plan.code).toBe(1);
    const p = machine(plan.stdout);
    expect(p.hex).toEqual(expect.arrayContaining([hexOf(SHOW_USER), hexOf('admin')]));
  });

  it('clients, clients --group-by, clients kill (the plan)', async () => {
    const list = await cli(['clients', '--json', ...admin()], env());
    expect(list.code).toBe(0);
    expect(machine(list.stdout).hex).toContain(hexOf(BYTE_USER));

    const groups = await cli(['clients', '--group-by', 'user', '--json', ...admin()], env());
    expect(machine(groups.stdout).hex).toContain(hexOf(BYTE_USER));

    // Typed as the table shows it: the exact bytes are not typeable on argv.
    const kill = await cli(
      ['clients', 'kill', '--username', toDisplay(BYTE_USER), '--json', ...admin()],
      env(),
    );
    expect(kill.code).toBe(1); // no --yes: the plan only
    expect(machine(kill.stdout).hex).toContain(hexOf(BYTE_USER));
    expect(byteClient.closed()).toBe(false);
  });

  it('tail: the failed AUTH and the denied key, as JSON lines', async () => {
    const r = await cli(['tail', '--json', ...admin()], env());
    expect(r.code).toBe(0);
    const { hex } = machine(r.stdout, true);
    expect(hex).toEqual(expect.arrayContaining([hexOf(AUTH_NAME), hexOf(DENIED_KEY), hexOf(BYTE_USER)]));
  });

  it('profiles list', async () => {
    const add = await cli(['profiles', 'add', 'odd', '-p', '7000', '--notes', 'n\u202e\u2066otes'], env());
    expect(add.code).toBe(0);
    const r = await cli(['profiles', 'list', '--json'], env());
    expect(machine(r.stdout).docs).toEqual([
      [expect.objectContaining({ name: 'odd', notes: 'n\\u202e\\u2066otes' })],
    ]);
  });
});

/** `profiles test --json` against a fake server answering as scripted. */
async function probeFake(replies: Record<string, Scripted>) {
  const fake = await startFakeRedis({ replies });
  fakes.push(fake);
  const r = await cli(
    ['profiles', 'test', '-h', fake.host, '-p', String(fake.port), '--json', '--timeout', '3000'],
    {
      REDISCLI_AUTH: 'pw',
      ...state.env,
    },
  );
  return { r, fake, ...machine(r.stdout) };
}

describe('profiles test --json against a server that sends hostile INFO and errors', () => {
  it('INFO fields and ACL WHOAMI', async () => {
    const { r, hex } = await probeFake({
      INFO: resp.bulk(
        Buffer.concat([
          infoText({ redis_version: HOSTILE_TEXT, run_id: 'x' }),
          infoText({ role: HOSTILE_TEXT }, 'Replication'),
        ]),
      ),
      'ACL WHOAMI': resp.bulk(BYTE_USER),
    });
    expect(r.code).toBe(0);
    // INFO is read as bytes: the version and the role keep their 0xff byte, shown as \xff.
    const shown = JSON.stringify(toDisplay(HOSTILE_TEXT)).slice(1, -1);
    expect(shown).toMatch(/\\\\xff$/);
    // The version (as server and as version) and the role: three places, each escaped.
    expect(r.stdout.split(shown)).toHaveLength(4);
    expect(r.stdout).not.toMatch(/\\ufffd|\ufffd/);
    // ioredis decodes WHOAMI as UTF-8 (lossy) today; the hex mirrors what the console holds.
    expect(hex.length).toBe(1);
  });

  it('an error reply to INFO (a warning) and to AUTH (a failure)', async () => {
    const warned = await probeFake({
      INFO: resp.error(
        Buffer.concat([Buffer.from("NOPERM this user has no permissions to run the 'info' "), HOSTILE_TEXT]),
      ),
    });
    expect(warned.r.code).toBe(0);
    expect(JSON.stringify(warned.docs)).toContain('NOPERM');
    const failed = await probeFake({
      AUTH: resp.error(
        Buffer.concat([
          Buffer.from('WRONGPASS '),
          HOSTILE_TEXT,
          Buffer.from(' invalid username-password pair'),
        ]),
      ),
    });
    expect(failed.r.code).toBe(2);
    expect(JSON.stringify(failed.docs)).toContain('WRONGPASS');
    expect(JSON.stringify(failed.docs)).toContain('\\\\x1b[2J');
  });
});

describe('one gate', () => {
  it('no command serialises JSON but through output.ts (printJson / jsonLine escape it)', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'commands');
    // tui.tsx: the start-up timing file of REDIS_WARDEN_TIMING, numbers only, never stdout.
    const allowed = new Set(['output.ts', 'tui.tsx']);
    const offenders = readdirSync(dir).filter(
      (f) => !allowed.has(f) && readFileSync(join(dir, f), 'utf8').includes('JSON.stringify('),
    );
    expect(offenders).toEqual([]);
  });
});
