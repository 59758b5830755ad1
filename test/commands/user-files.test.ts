// Every file a headless command is told to read or write, given what a path can name instead
// of a file: `acl plan /dev/zero` reached 3 GB RSS in 5 s, `acl plan FIFO` and `acl export
// --out FIFO --force` hung under any --timeout, `--password-file /proc/self/pagemap` read half
// a gigabyte, and `acl export --out LINK --force` wrote through the link and chmodded its
// target. Each run is a child killed after 10 s, so a hang fails here instead of hanging.
import { execFile, execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { scratch } from './acl-cli.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'redis-warden.js');
const ADMIN = 'user admin on >adm-pw-123 ~* &* +@all';

let server: RedisHandle;
let xdg: XdgDirs;
let files: ReturnType<typeof scratch>;
const path = (name: string) => join(files.dir, name);

interface Run {
  code: number | null;
  stderr: string;
  ms: number;
}

/** The built CLI, killed after 10 s: code null means it hung (or ran away) and was killed. */
function bounded(args: string[], auth = 'adm-pw-123', env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      'node',
      [BIN, ...args],
      { env: { ...process.env, REDISCLI_AUTH: auth, ...env }, timeout: 10_000, killSignal: 'SIGKILL' },
      (err, _stdout, stderr) => {
        const e = err as (Error & { code?: number; killed?: boolean }) | null;
        resolve({ code: e ? (e.killed ? null : (e.code ?? null)) : 0, stderr, ms: Date.now() - started });
      },
    );
  });
}

beforeAll(async () => {
  xdg = tempXdg();
  files = scratch();
  execFileSync('mkfifo', [path('fifo')]);
  mkdirSync(path('dir'));
  symlinkSync('/dev/zero', path('zero-link'));
  writeFileSync(path('huge.acl'), '');
  truncateSync(path('huge.acl'), 100 * 1024 * 1024); // sparse: over the 64 MiB bound
  server = await startRedis({ aclUsers: ['user default off', ADMIN] });
});
afterAll(async () => {
  await server.stop();
  files.cleanup();
  xdg.cleanup();
});

const NOT_REGULAR = 'is not a regular file (a device, a pipe or a socket)';

describe('acl plan / acl apply FILE: only a regular file of at most 64 MiB', () => {
  it.each([
    ['plan', '/dev/zero', NOT_REGULAR],
    ['apply', '/dev/zero', NOT_REGULAR],
    ['plan', 'fifo', NOT_REGULAR],
    ['apply', 'fifo', NOT_REGULAR],
    ['plan', 'zero-link', NOT_REGULAR],
    ['plan', 'dir', 'is a directory'],
    ['plan', 'huge.acl', 'is 100.0 MiB: larger than the 64.0 MiB an ACL file may be'],
    ['plan', 'missing.acl', 'does not exist'],
    // Size 0 by stat, endless to read: refused once 64 MiB were read.
    ['plan', '/proc/self/pagemap', 'is larger than the 64.0 MiB an ACL file may be'],
  ])('acl %s %s: exit 2 at once: %s', async (verb, name, reason) => {
    const file = name.startsWith('/') ? name : path(name);
    const r = await bounded([
      'acl',
      verb,
      file,
      ...(verb === 'apply' ? ['--yes'] : []),
      '-p',
      String(server.port),
      '--user',
      'admin',
    ]);
    expect([r.code, r.stderr]).toEqual([2, `redis-warden: the ACL file ${file} ${reason}\n`]);
    expect(r.ms).toBeLessThan(8000);
  });
});

describe('a password file: only a regular file of at most 64 KiB', () => {
  it.each([
    ['/proc/self/pagemap', 'is larger than the 64.0 KiB a password file may be'],
    ['/dev/zero', NOT_REGULAR],
    ['fifo', NOT_REGULAR],
  ])('profiles test with --password-file %s: exit 2 at once: %s', async (name, reason) => {
    const file = name.startsWith('/') ? name : path(name);
    const profile = `pw-${name.replace(/\W/g, '')}`;
    const add = await bounded([
      'profiles',
      'add',
      profile,
      '-p',
      String(server.port),
      '--password-file',
      file,
    ]);
    expect(add.code).toBe(0);
    // No REDISCLI_AUTH: it would stand in for the profile's password source.
    const r = await bounded(['profiles', 'test', profile], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`password file ${file} (profile "${profile}") ${reason}`);
    expect(r.stderr).not.toMatch(/Invalid string length/);
    expect(r.ms).toBeLessThan(8000);
  });
});

describe('profiles.json: a FIFO or a device there does not hang every command', () => {
  it.each([
    ['a FIFO', (f: string) => execFileSync('mkfifo', [f]), NOT_REGULAR],
    ['a link to /dev/zero', (f: string) => symlinkSync('/dev/zero', f), NOT_REGULAR],
  ])('profiles.json is %s: profiles list exits 2 at once and says why', async (_what, make, reason) => {
    const config = path(`config-${_what.replace(/\W/g, '')}`);
    mkdirSync(join(config, 'redis-warden'), { recursive: true, mode: 0o700 });
    const file = join(config, 'redis-warden', 'profiles.json');
    make(file);
    const r = await bounded(['profiles', 'list'], '', { XDG_CONFIG_HOME: config });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`profiles file ${file} ${reason}`);
  });
});

describe('acl export --out: never written through a link, never into a FIFO or a directory', () => {
  const exportTo = (out: string, force = true) =>
    bounded([
      'acl',
      'export',
      '--out',
      out,
      ...(force ? ['--force'] : []),
      '-p',
      String(server.port),
      '--user',
      'admin',
    ]);

  it('--out FIFO --force: exit 2 at once, nothing written', async () => {
    const r = await exportTo(path('fifo'));
    expect([r.code, r.stderr]).toEqual([
      2,
      `redis-warden: ${path('fifo')} ${NOT_REGULAR}: it is not written over\n`,
    ]);
  });

  it('--out DIR --force: exit 2', async () => {
    const r = await exportTo(path('dir'));
    expect([r.code, r.stderr]).toEqual([
      2,
      `redis-warden: ${path('dir')} is a directory: it is not written over\n`,
    ]);
  });

  it('--out LINK (to another file), with or without --force: refused; the target keeps its bytes and mode', async () => {
    writeFileSync(path('precious'), 'do not touch\n');
    chmodSync(path('precious'), 0o644);
    symlinkSync(path('precious'), path('link.acl'));
    const forced = await exportTo(path('link.acl'));
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain(`${path('link.acl')} is a symbolic link: it is not written through`);
    const plain = await exportTo(path('link.acl'), false);
    expect([plain.code, plain.stderr]).toEqual([
      2,
      `redis-warden: ${path('link.acl')} exists: pass --force to overwrite it\n`,
    ]);
    expect(readFileSync(path('precious'), 'utf8')).toBe('do not touch\n');
    expect(statSync(path('precious')).mode & 0o777).toBe(0o644);
  });

  it('--out FILE --force over a 0644 file: replaced by a 0600 file holding the users', async () => {
    writeFileSync(path('users.acl'), 'old\n');
    chmodSync(path('users.acl'), 0o644);
    const r = await exportTo(path('users.acl'));
    expect(r.code).toBe(0);
    expect(readFileSync(path('users.acl'), 'utf8')).toMatch(/^user admin on #[0-9a-f]{64} /m);
    expect(statSync(path('users.acl')).mode & 0o777).toBe(0o600);
  });
});
