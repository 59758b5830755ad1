// The Users pane's changes, headless (`acl create|setuser|disable|enable|delete|rotate|kill`),
// run as the built CLI against a real server: what would happen without --yes (exit 1), the
// change with it, read-only and lockout refusals (exit 2), NOPERM with the grant, names with
// invalid bytes typed as shown, and a generated password that logs in and is never journaled.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { connectRaw } from '../support/resp-client.js';
import type { RawConnection } from '../support/resp-client.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli, journalOf } from './acl-cli.js';

const ADMIN = 'user admin on >adm-pw-123 ~* &* +@all';
const APP = 'user app on >app-pw-1 ~app:* resetchannels +@read +@write';
// May read users but not change them: every write is a NOPERM.
const READER =
  'user reader on >rd-pw-1 resetkeys resetchannels -@all +acl|list +acl|getuser +acl|whoami +acl|cat +ping';
const admin = { REDISCLI_AUTH: 'adm-pw-123' };
const BAD = Buffer.from([0x75, 0xff, 0x62, 0x61, 0x64]); // u 0xff bad
const SHOWN = 'u\\xffbad';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

let server: RedisHandle;
let raw: RawConnection;
let xdg: XdgDirs;
const conn = (user = 'admin') => ['-p', String(server.port), '--user', user];
const journal = () => journalOf(xdg);
const entries = () =>
  journal()
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { action: string; outcome: string; args: unknown });
const flagsOf = async (name: string | Buffer) => {
  const reply = (await raw.call('ACL', 'GETUSER', name)) as unknown[] | null;
  return reply === null ? null : (reply[1] as string[]);
};
const passwordsOf = async (name: string) => {
  const reply = (await raw.call('ACL', 'GETUSER', name)) as unknown[];
  return reply[3] as string[];
};
/** AUTH as `user` on a fresh connection: true when the server takes the password. */
async function logsIn(user: string, password: string): Promise<boolean> {
  const c = await connectRaw({ host: server.host, port: server.port });
  try {
    await c.call('AUTH', user, password);
    return true;
  } catch {
    return false;
  } finally {
    c.close();
  }
}

beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis({ aclUsers: ['user default off', ADMIN, APP, READER] });
  raw = await connectRaw({ host: server.host, port: server.port });
  await raw.call('AUTH', 'admin', 'adm-pw-123');
});
afterAll(async () => {
  raw?.close();
  await server?.stop();
  xdg.cleanup();
});
beforeEach(async () => {
  await raw.call('ACL', 'DELUSER', BAD, 'bob', 'carol');
  await raw.call('ACL', 'SETUSER', 'app', 'reset', ...APP.split(' ').slice(2));
  await raw.call('ACL', 'SETUSER', BAD, 'on', 'nopass', '~*', '+get');
});

describe('acl disable / enable', () => {
  it('without --yes: the masked SETUSER line and the diff, nothing changed, exit 1', async () => {
    const r = await cli(['acl', 'disable', 'app', ...conn()], admin);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ACL SETUSER app off on 1 node.');
    expect(r.stdout).toContain('status: on → off');
    expect(r.stderr).toContain('Not done: run again with --yes');
    expect(await flagsOf('app')).toContain('on');
  });

  it('--yes --kill: off on the server, its connection killed, journaled as the pane does', async () => {
    const client = await connectRaw({ host: server.host, port: server.port });
    await client.call('AUTH', 'app', 'app-pw-1');
    expect(await client.call('GET', 'app:1')).toBeNull();
    const before = entries().length;
    const r = await cli(['acl', 'disable', 'app', '--yes', '--kill', ...conn()], admin);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('Disable user app: ok on 1/1 node');
    expect(r.stdout).toContain('Killed 1 connection(s) of app.');
    expect(await flagsOf('app')).toContain('off');
    await expect(client.call('GET', 'app:1')).rejects.toThrow();
    client.close();
    // The pane's ids for x then k (src/state/actions/users.ts via src/ops/users.ts).
    expect(
      entries()
        .slice(before)
        .map((e) => [e.action, e.outcome]),
    ).toEqual([
      ['acl.setuser', 'ok'],
      ['client.kill-user', 'ok'],
    ]);
    const on = await cli(['acl', 'enable', 'app', '--yes', ...conn()], admin);
    expect(on.code).toBe(0);
    expect(await flagsOf('app')).toContain('on');
  });

  it("the console's own user: --yes alone is refused (exit 2), --yes --allow-lockout does it", async () => {
    await raw.call('ACL', 'SETUSER', 'admin2', 'on', '>adm2-pw', '~*', '&*', '+@all');
    const env = { REDISCLI_AUTH: 'adm2-pw' };
    const dry = await cli(['acl', 'disable', 'admin2', ...conn('admin2')], env);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('LOCKOUT: this disables "admin2", the user this console is logged in as.');
    expect(dry.stderr).toContain('--yes --allow-lockout');
    const r = await cli(['acl', 'disable', 'admin2', '--yes', ...conn('admin2')], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Refused: this could lock the console');
    expect(await flagsOf('admin2')).toContain('on');
    const forced = await cli(
      ['acl', 'disable', 'admin2', '--yes', '--allow-lockout', ...conn('admin2')],
      env,
    );
    expect(forced.code).toBe(0);
    expect(await flagsOf('admin2')).toContain('off');
    await raw.call('ACL', 'DELUSER', 'admin2');
  });

  it('read-only: refused with or without --yes, exit 2, journaled as refused', async () => {
    for (const yes of [[], ['--yes']]) {
      const r = await cli(['acl', 'disable', 'app', ...yes, '--read-only', ...conn()], admin);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Refused: read-only/);
    }
    expect(await flagsOf('app')).toContain('on');
    expect(journal()).toMatch(/"action":"acl.setuser".*"outcome":"refused","detail":"read-only mode"/);
  });

  it('NOPERM on the write: SEC003 and the permission to grant, exit 1, nothing changed', async () => {
    const r = await cli(['acl', 'disable', 'app', '--yes', ...conn('reader')], { REDISCLI_AUTH: 'rd-pw-1' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Disable user app: FAILED on 0\/1 node/);
    expect(r.stdout).toMatch(/SEC003 NOPERM.*\(needs \+acl\|setuser\)/);
    expect(await flagsOf('app')).toContain('on');
  });

  it('NOPERM on the read it needs (ACL LIST): SEC003, the permission and the grant, exit 2', async () => {
    await raw.call(
      'ACL',
      'SETUSER',
      'mon',
      'on',
      '>mon-pw-1',
      '-@all',
      '+acl|whoami',
      '+ping',
      '+acl|setuser',
    );
    const r = await cli(['acl', 'disable', 'app', '--yes', ...conn('mon')], { REDISCLI_AUTH: 'mon-pw-1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ACL LIST: SEC003 .*needs \+acl\|list/);
    expect(r.stderr).toContain('Grant it: ACL SETUSER mon +acl|list');
    expect(await flagsOf('app')).toContain('on');
    await raw.call('ACL', 'DELUSER', 'mon');
  });

  it('a name with an invalid byte, typed as shown: that user, by its bytes', async () => {
    const r = await cli(['acl', 'disable', SHOWN, '--yes', ...conn()], admin);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Disable user ${SHOWN}: ok on 1/1 node`);
    expect(await flagsOf(BAD)).toContain('off');
    expect(journal()).toContain(`"args":["ACL","SETUSER","u\\\\xffbad","off"]`);
    const missing = await cli(['acl', 'disable', 'u\\xfebad', '--yes', ...conn()], admin);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('no such user: u\\xfebad')]);
  });
});

describe('acl delete / kill', () => {
  it('delete: exit 1 without --yes; with it the exact name is gone (checked), journaled acl.deluser', async () => {
    const dry = await cli(['acl', 'delete', SHOWN, ...conn()], admin);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(`ACL DELUSER ${SHOWN} on 1 node.`);
    expect(await flagsOf(BAD)).not.toBeNull();
    const r = await cli(['acl', 'delete', SHOWN, '--yes', ...conn()], admin);
    expect(r.code).toBe(0);
    expect(await flagsOf(BAD)).toBeNull();
    expect(entries().at(-1)).toMatchObject({ action: 'acl.deluser', outcome: 'ok' });
  });

  it('kill: its connections on every node only with --yes', async () => {
    const client = await connectRaw({ host: server.host, port: server.port });
    await client.call('AUTH', 'app', 'app-pw-1');
    const dry = await cli(['acl', 'kill', 'app', ...conn()], admin);
    expect(dry.code).toBe(1);
    expect(await client.call('GET', 'app:1')).toBeNull();
    const r = await cli(['acl', 'kill', 'app', '--yes', ...conn()], admin);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Killed 1 connection(s) of app.');
    await expect(client.call('GET', 'app:1')).rejects.toThrow();
    client.close();
  });
});

describe('acl setuser', () => {
  it('validated as the rule editor does, the diff and NEW RISK printed, applied with --yes', async () => {
    const bad = await cli(['acl', 'setuser', 'app', 'bad~', '--yes', ...conn()], admin);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rule "bad~"');
    const dry = await cli(['acl', 'setuser', 'app', '&*', ...conn()], admin);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('ACL SETUSER app &* on 1 node.');
    expect(dry.stdout).toContain('channels: + &*');
    expect(dry.stdout).toMatch(/NEW RISK: every pub\/sub channel/);
    const r = await cli(['acl', 'setuser', 'app', '&*', '--yes', ...conn()], admin);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Change user app: ok on 1/1 node');
    const list = (await raw.call('ACL', 'LIST')) as string[];
    expect(list.find((l) => l.startsWith('user app '))).toContain(' &* ');
  });

  it('a plain-text password on argv is sent as its hash, masked, warned about, never journaled', async () => {
    const r = await cli(['acl', 'setuser', 'app', '>argv-secret-9', '--yes', ...conn()], admin);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('visible to other local users');
    expect(r.stdout).not.toContain('argv-secret-9');
    expect(r.stdout).not.toContain(sha('argv-secret-9'));
    expect(await logsIn('app', 'argv-secret-9')).toBe(true);
    expect(journal()).not.toContain('argv-secret-9');
    expect(journal()).not.toContain(sha('argv-secret-9'));
  });
});

describe('acl create / rotate', () => {
  it('create --template: a generated password alone on stdout, that logs in, never journaled', async () => {
    const dry = await cli(['acl', 'create', 'bob', '--template', 'app', ...conn()], admin);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('ACL SETUSER bob reset on ~app:*');
    expect(dry.stdout).toContain('#‹sha256 of the new password›');
    expect(await flagsOf('bob')).toBeNull();
    const r = await cli(
      ['acl', 'create', 'bob', '--template', 'app', '--password-generate', '--yes', ...conn()],
      admin,
    );
    expect(r.code).toBe(0);
    const password = r.stdout.trim();
    expect(password).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stderr).toContain('Create user bob: ok on 1/1 node');
    expect(await logsIn('bob', password)).toBe(true);
    expect(journal()).not.toContain(password);
    expect(journal()).not.toContain(sha(password));
    expect(entries().at(-1)).toMatchObject({ action: 'acl.create-user', outcome: 'ok' });
    const again = await cli(['acl', 'create', 'bob', '--template', 'app', '--yes', ...conn()], admin);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('a user with that name exists')]);
  });

  it('create --password-stdin: one line from stdin, never echoed, logs in', async () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'redis-warden.js');
    const child = spawn(
      'node',
      [bin, 'acl', 'create', 'carol', '--template', 'readonly', '--password-stdin', '--yes', ...conn()],
      { env: { ...process.env, ...admin } },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.stderr.on('data', (d: Buffer) => (out += String(d)));
    child.stdin.end('stdin-secret-77\nignored\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out).not.toContain('stdin-secret-77');
    expect(await logsIn('carol', 'stdin-secret-77')).toBe(true);
    expect(journal()).not.toContain('stdin-secret-77');
  });

  it('rotate --add then --drop-old: both log in between, only the new one after', async () => {
    const add = await cli(['acl', 'rotate', 'app', '--add', ...conn()], admin);
    expect(add.code).toBe(0);
    const fresh = add.stdout.trim();
    expect(fresh).toMatch(/^[0-9a-f]{64}$/);
    expect(add.stderr).toContain('The old password keeps working');
    expect(await logsIn('app', 'app-pw-1')).toBe(true);
    expect(await logsIn('app', fresh)).toBe(true);
    const dry = await cli(['acl', 'rotate', 'app', '--drop-old', ...conn()], admin);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('passwords: 2 → 1');
    expect(dry.stdout).not.toContain(sha('app-pw-1'));
    const drop = await cli(['acl', 'rotate', 'app', '--drop-old', '--yes', ...conn()], admin);
    expect(drop.code).toBe(0);
    expect(await passwordsOf('app')).toEqual([sha(fresh)]);
    expect(await logsIn('app', 'app-pw-1')).toBe(false);
    expect(await logsIn('app', fresh)).toBe(true);
    expect(journal()).not.toContain(fresh);
    expect(journal()).not.toContain(sha(fresh));
    const none = await cli(['acl', 'rotate', 'app', '--drop-old', '--yes', ...conn()], admin);
    expect([none.code, none.stdout.trim()]).toEqual([0, 'Nothing to do: app has 1 password.']);
  });
});
