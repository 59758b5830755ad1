// The headless CLI, run as a user runs it (the built bundle, a child process, no TTY).
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis } from './support/redis-server.js';
import type { RedisHandle } from './support/redis-server.js';
import { tempXdg } from './helpers/tui.js';
import type { XdgDirs } from './helpers/tui.js';
import { VERSION } from '../src/version.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'redis-warden.js');
let xdg: XdgDirs;
let server: RedisHandle;

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run('node', [BIN, ...args], {
      env: { ...process.env, REDISCLI_AUTH: '', ...env },
      timeout: 20_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  server = await startRedis({ aclUsers: ['user default off', 'user admin on >cli-admin-pw ~* &* +@all'] });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  xdg = tempXdg();
});
afterEach(() => xdg.cleanup());

describe('redis-warden (headless)', () => {
  it('--version matches package.json; --help lists every connection flag', async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
    expect((await cli(['--version'])).stdout.trim()).toBe(pkg.version);
    const help = (await cli(['--help'])).stdout;
    for (const flag of [
      '-h, --host',
      '-p, --port',
      '-s, --socket',
      '-u, --uri',
      '--user',
      '--pass',
      '--askpass',
      '--tls',
      '--cacert',
      '--cacertdir',
      '--cert',
      '--key',
      '--sni',
      '--insecure',
      '-c, --cluster',
      '--profile',
      '--read-only',
      '--theme',
      '--demo',
    ]) {
      expect(help).toContain(flag);
    }
  });

  it('REDISCLI_AUTH authenticates; flags work before and after the subcommand', async () => {
    const env = { REDISCLI_AUTH: 'cli-admin-pw' };
    const before = await cli(
      ['-p', String(server.port), '--user', 'admin', 'profiles', 'test', '--json'],
      env,
    );
    expect(before.code).toBe(0);
    const after = await cli(
      ['profiles', 'test', '--json', '-p', String(server.port), '--user', 'admin'],
      env,
    );
    expect(after.code).toBe(0);
    const j = JSON.parse(after.stdout) as { ok: boolean; nodes: { user: string; state: string }[] };
    expect(j).toMatchObject({ ok: true, nodes: [{ user: 'admin', state: 'ready' }] });
    expect(after.stdout + after.stderr).not.toContain('cli-admin-pw');
  });

  it('a wrong password: SEC002, exit 2, the secret never printed', async () => {
    const r = await cli([
      'profiles',
      'test',
      '-p',
      String(server.port),
      '--user',
      'admin',
      '--pass',
      'wrong-secret-xyz',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('SEC002');
    expect(r.stderr).toMatch(/process list/);
    expect(r.stdout + r.stderr).not.toContain('wrong-secret-xyz');
  });

  it('--askpass without a terminal fails at once, saying what to set', async () => {
    const r = await cli(['profiles', 'test', '-p', String(server.port), '--askpass']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/REDISCLI_AUTH/);
  });

  it('profiles add/list/test/default/remove; the file is 0600 and holds no secret', async () => {
    const add = await cli(
      [
        'profiles',
        'add',
        'local',
        '-p',
        String(server.port),
        '--user',
        'admin',
        '--password-env',
        'LOCAL_PW',
        '--notes',
        'test box',
        '--default',
      ],
      { REDISCLI_AUTH: 'cli-admin-pw' },
    );
    expect(add.code).toBe(0);
    expect(add.stderr).toMatch(/not saved/);
    const file = join(xdg.config, 'redis-warden', 'profiles.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('cli-admin-pw');

    const list = JSON.parse((await cli(['profiles', 'list', '--json'])).stdout) as {
      name: string;
      default: boolean;
      password: unknown;
    }[];
    expect(list).toEqual([
      expect.objectContaining({ name: 'local', default: true, password: { kind: 'env', name: 'LOCAL_PW' } }),
    ]);

    expect((await cli(['profiles', 'test', 'local'], { LOCAL_PW: 'cli-admin-pw' })).code).toBe(0);
    const unset = await cli(['profiles', 'test', 'local']);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('LOCAL_PW');
    // The default profile is used when no address is given.
    expect((await cli(['profiles', 'test', '--json'], { LOCAL_PW: 'cli-admin-pw' })).code).toBe(0);

    const dry = await cli(['profiles', 'remove', 'local']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/--yes/);
    expect((await cli(['profiles', 'remove', 'local', '--yes'])).code).toBe(0);
    expect(JSON.parse((await cli(['profiles', 'list', '--json'])).stdout)).toEqual([]);

    const journal = readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('profile.add');
    expect(journal).toContain('profile.remove');
    expect(journal).not.toContain('cli-admin-pw');
    expect(statSync(join(xdg.state, 'redis-warden', 'journal.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('--password-plain stores it only with a warning', async () => {
    const r = await cli(['profiles', 'add', 'plain', '-p', String(server.port), '--password-plain'], {
      REDISCLI_AUTH: 'plain-pw-1',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/plain text/);
  });

  it('a corrupt profile file is backed up and reported, never silently wiped', async () => {
    await cli(['profiles', 'add', 'x', '-p', '1']);
    const file = join(xdg.config, 'redis-warden', 'profiles.json');
    writeFileSync(file, '{ this is not json', { mode: 0o600 });
    const r = await cli(['profiles', 'list']);
    expect(r.stderr).toMatch(/corrupt|backed up|could not/i);
    expect(r.stderr).toContain('profiles.json.corrupt-');
  });

  it('bad input is a clear message and exit 2, never a stack trace', async () => {
    for (const args of [
      ['profiles', 'test', '-p', 'notaport'],
      ['profiles', 'test', '-u', 'http://x'],
      ['profiles', 'add', '../evil'],
      ['profiles', 'test', 'nosuch'],
      ['--theme', 'x', 'profiles', 'remove', 'nosuch'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^(redis-warden|error): /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('the TUI refuses to start without a terminal and says what to use instead', async () => {
    const r = await cli(['-p', String(server.port)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a terminal/);
  });
});

describe('profiles add paths', () => {
  it('stores relative certificate paths as absolute ones and warns about missing files', async () => {
    const r = await cli(['profiles', 'add', 'tlsrel', '-p', '6380', '--tls', '--cacert', 'certs/ca.crt']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/does not exist/);
    const saved = JSON.parse((await cli(['profiles', 'list', '--json'])).stdout) as {
      tls: { cacert: string };
    }[];
    expect(saved[0]?.tls.cacert).toBe(join(process.cwd(), 'certs/ca.crt'));
  });

  it('--expected-network is repeatable, validated, and saved as expectedNetworks (--replace saves the ones given)', async () => {
    const add = (name: string, ...more: string[]) =>
      cli(['profiles', 'add', name, '-p', '6380', '--expected-network', '10.0.0.0/8', ...more]);
    expect(
      (await add('nets', '--expected-network', 'fd00::/8', '--expected-network', '192.0.2.7')).code,
    ).toBe(0);
    const bad = await add('bad', '--expected-network', '10.0.0.0/33');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--expected-network: "10\.0\.0\.0\/33" is not an IP address or CIDR/);
    expect((await add('nets', '--replace')).code).toBe(0); // an edit: the networks given now
    const saved = JSON.parse((await cli(['profiles', 'list', '--json'])).stdout) as {
      name: string;
      expectedNetworks?: string[];
    }[];
    expect(saved.map((p) => [p.name, p.expectedNetworks])).toEqual([['nets', ['10.0.0.0/8']]]);
  });
});

describe('password files', () => {
  it('a password file others can read works, with a warning that never shows the password', async () => {
    const pwFile = join(xdg.config, 'pw.txt');
    mkdirSync(xdg.config, { recursive: true });
    writeFileSync(pwFile, 'cli-admin-pw\n', { mode: 0o644 });
    chmodSync(pwFile, 0o644);
    expect(
      (
        await cli([
          'profiles',
          'add',
          'pf',
          '-p',
          String(server.port),
          '--user',
          'admin',
          '--password-file',
          pwFile,
        ])
      ).code,
    ).toBe(0);
    const r = await cli(['profiles', 'test', 'pf']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/readable|others/i);
    expect(r.stdout + r.stderr).not.toContain('cli-admin-pw');
  });
});
