// Names are bytes, headless: `acl show|list|export|plan|apply` on a user whose name is not
// UTF-8 (`u` 0xff `bad`), run as the built CLI against a real server. The file holds the raw
// bytes; the screen and a typed NAME use the escaped form `u\xffbad`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { connectRaw } from '../support/resp-client.js';
import type { RawConnection } from '../support/resp-client.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli, journalOf, scratch } from './acl-cli.js';

const BAD = Buffer.from([0x75, 0xff, 0x62, 0x61, 0x64]); // u 0xff bad
const TWIN = Buffer.from([0x75, 0xfe, 0x62, 0x61, 0x64]); // differs in one invalid byte
const LOSSY = Buffer.from('u\ufffdbad'); // what a UTF-8 decoder made of BAD: u EF BF BD bad
const SHOWN = 'u\\xffbad';
const ADMIN = 'user admin on >adm-pw-123 ~* &* +@all';
const admin = { REDISCLI_AUTH: 'adm-pw-123' };

let server: RedisHandle;
let raw: RawConnection;
let xdg: XdgDirs;
let files: ReturnType<typeof scratch>;
const conn = () => ['-p', String(server.port), '--user', 'admin'];
const flagsOf = async (name: Buffer) => {
  const reply = (await raw.call('ACL', 'GETUSER', name)) as unknown[] | null;
  return reply === null ? null : (reply[1] as string[]);
};
const journal = () => journalOf(xdg);

beforeAll(async () => {
  xdg = tempXdg();
  files = scratch();
  server = await startRedis({ aclUsers: ['user default off', ADMIN] });
  raw = await connectRaw({ host: server.host, port: server.port });
  await raw.call('AUTH', 'admin', 'adm-pw-123');
});
afterAll(async () => {
  raw?.close();
  await server?.stop();
  files.cleanup();
  xdg.cleanup();
});
beforeEach(async () => {
  await raw.call('ACL', 'DELUSER', BAD, TWIN, LOSSY);
  await raw.call('ACL', 'SETUSER', BAD, 'on', 'nopass', '~*', '+@all');
});

describe('reading', () => {
  it('acl show finds the user by the escaped name shown on screen', async () => {
    const r = await cli(['acl', 'show', SHOWN, ...conn()], admin);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`User ${SHOWN}\n`);
    expect(r.stdout).toMatch(/flags\s+on nopass/);
  });

  it('every USER is read as shown: an escape sequence typed escaped; a user that is not there is named escaped', async () => {
    await raw.call('ACL', 'SETUSER', 'ev\x1bil', 'on', 'nopass', '~*', '+get');
    const r = await cli(['acl', 'show', 'ev\\x1bil', ...conn()], admin);
    expect([r.code, r.stdout.split('\n')[0]]).toEqual([0, 'User ev\\x1bil']);
    const missing = await cli(['acl', 'show', 'u\\xfebad', ...conn()], admin);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('no user "u\\xfebad"')]);
    await raw.call('ACL', 'DELUSER', 'ev\x1bil');
  });

  it('acl test runs ACL DRYRUN as that user', async () => {
    const r = await cli(['acl', 'test', SHOWN, 'get', 'k', ...conn()], admin);
    expect([r.code, r.stdout.trim()]).toEqual([0, 'allowed']);
  });

  it('acl list: two users that differ only in an invalid byte are two rows', async () => {
    await raw.call('ACL', 'SETUSER', TWIN, 'off');
    const r = await cli(['acl', 'list', ...conn()], admin);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n');
    expect(rows.find((l) => l.startsWith(`${SHOWN} `))).toMatch(/\s+on\s+nopass/);
    expect(rows.find((l) => l.startsWith('u\\xfebad '))).toMatch(/\s+off\s+/);
    expect(r.stdout).not.toContain('\\ufffd');
  });
});

describe('ACL files hold the bytes', () => {
  it('acl export writes 0xff, and acl plan of that file finds nothing to do', async () => {
    const out = join(files.dir, `export-${Date.now()}.acl`);
    const r = await cli(['acl', 'export', '--out', out, ...conn()], admin);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.includes(Buffer.concat([Buffer.from('user '), BAD, Buffer.from(' on nopass')]))).toBe(true);
    expect(bytes.includes(LOSSY)).toBe(false);
    const plan = await cli(['acl', 'plan', out, '--prune', ...conn()], admin);
    expect([plan.code, plan.stdout.trim()]).toEqual([0, `Nothing to do: the server matches ${out}.`]);
  });

  it('a file that names u\\xffbad (raw bytes) changes that user; no look-alike is created', async () => {
    const file = join(files.dir, 'off.acl');
    writeFileSync(file, Buffer.concat([Buffer.from('user '), BAD, Buffer.from(' off nopass ~* +@all\n')]));
    const r = await cli(['acl', 'apply', file, '--yes', ...conn()], admin);
    expect(r.stdout).toContain(`changed ${SHOWN}: ok on 1/1 node`);
    expect(r.code).toBe(0);
    expect(await flagsOf(BAD)).toContain('off');
    expect(await flagsOf(LOSSY)).toBeNull();
  });

  it('acl apply --prune of a file without it deletes exactly it; the re-read confirms, the journal names it escaped', async () => {
    const file = files.file('pruned.acl', ['user default off', ADMIN]);
    const before = journal().length;
    const r = await cli(['acl', 'apply', file, '--prune', '--yes', ...conn()], admin);
    expect(r.stdout).toContain(`deleted ${SHOWN}: ok on 1/1 node`);
    expect(r.stdout).toContain(`the server now matches ${file}`);
    expect(r.code).toBe(0);
    expect(await flagsOf(BAD)).toBeNull();
    const written = journal().slice(before);
    expect(written).toContain('"args":["ACL","DELUSER","u\\\\xffbad"],"outcome":"ok"');
    expect(written).not.toContain('\\ufffd');
  });
});
