// `profiles test` says, pane by pane, what the console's user may do and which grant fixes
// each missing one, found without side effects: never "ok" for a user no pane can work with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRedisServer } from '../support/redis-binary.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { callOnce } from '../support/resp-client.js';
import type { RespValue } from '../support/resp-client.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

const USERS = [
  'user default off',
  'user admin on >adm-pw ~* &* +@all',
  // The user: connects, but no pane can show anything.
  'user weak on >weak-pw resetkeys resetchannels -@all +ping +info +acl|whoami +client|list',
  // May ask ACL DRYRUN: every answer is exact, actions included.
  'user dry on >dry-pw resetkeys resetchannels -@all +ping +info +acl|whoami +acl|dryrun +client|list +client|kill',
  // May read its own rules: evaluated as Redis does.
  'user self on >self-pw resetkeys resetchannels -@all +ping +info +acl|whoami +acl|getuser +acl|cat +acl|log',
];

interface Need {
  what: string;
  kind: 'read' | 'action';
  can: 'yes' | 'no' | 'unknown';
  grant: string;
}
interface Report {
  ok: boolean;
  nodes?: { server: string | null; version: string | null }[];
  warnings: string[];
  access: {
    user: string;
    method: string;
    panes: { pane: string; needs: Need[] }[];
    missing: { read: string[]; action: string[] };
  };
}

let server: RedisHandle;
let xdg: XdgDirs;
beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis({ aclUsers: USERS });
});
afterAll(async () => {
  await server.stop();
  xdg.cleanup();
});

const test = (user: string, pw: string, json = false) =>
  cli(['profiles', 'test', '-p', String(server.port), '--user', user, ...(json ? ['--json'] : [])], {
    REDISCLI_AUTH: pw,
  });

const need = (r: Report, pane: string, what: RegExp): Need | undefined =>
  r.access.panes.find((p) => p.pane === pane)?.needs.find((n) => what.test(n.what));

/** ACL LOG entries the server holds for `user` (each distinct refusal is one entry). */
async function logEntries(user: string): Promise<number> {
  const log = (await callOnce({ host: server.host, port: server.port }, ['ACL', 'LOG'], {
    username: 'admin',
    password: 'adm-pw',
  })) as RespValue[][];
  return log.filter((e) => e.includes(user)).length;
}

describe('profiles test: what the console user may do, per pane', () => {
  it('a user no pane can work with: "ok, with warnings", each missing read named with its grant', async () => {
    const r = await test('weak', 'weak-pw');
    expect(r.code).toBe(0);
    const head = r.stdout.split('\n')[0] ?? '';
    expect(head).toMatch(/: ok, with warnings \(/);
    expect(r.stdout).toMatch(/^Users +NO +users and their rules \(ACL LIST\) +\+acl\|list$/m);
    expect(r.stdout).toMatch(/^ACL Log +NO +the log \(ACL LOG\) +\+acl\|log$/m);
    expect(r.stdout).toMatch(/^Clients +yes +clients \(CLIENT LIST\)$/m);
    // It cannot ask ACL DRYRUN: the actions are unknown, never "yes".
    expect(r.stdout).toMatch(/^Clients +unknown +action: kill clients \(CLIENT KILL\) +\+client\|kill$/m);
    expect(r.stdout).toMatch(/SEC003 weak may not read .*: grant it: ACL SETUSER weak .*\+acl\|list/);

    // The product and its own version: Valkey 8 is not shown as the 7.2.4 it is compatible with.
    expect(r.stdout).toMatch(new RegExp(`^\\S+ +ready +${requireRedisServer().label} +master +weak`, 'm'));

    const j = JSON.parse((await test('weak', 'weak-pw', true)).stdout) as Report;
    expect(j.ok).toBe(true);
    expect(j.nodes?.[0]?.server).toBe(requireRedisServer().label);
    expect(j.warnings.join('\n')).toMatch(/SEC003 weak may not read/);
    expect(j.access).toMatchObject({ user: 'weak', method: 'tried' });
    expect(need(j, 'Users', /ACL LIST/)).toMatchObject({ can: 'no', grant: '+acl|list', kind: 'read' });
    expect(need(j, 'header', /PING/)?.can).toBe('yes');
    expect(j.access.missing.read).toEqual(expect.arrayContaining(['+acl|list', '+acl|log', '+acl|cat']));
    const actions = j.access.panes.flatMap((p) => p.needs.filter((n) => n.kind === 'action'));
    expect(actions.length).toBeGreaterThan(5);
    // Never "yes" without asking ACL DRYRUN: an action it could not ask about is unknown.
    expect(actions.filter((n) => n.can === 'yes')).toEqual([]);
    expect(actions.filter((n) => n.can === 'unknown').length).toBeGreaterThan(5);
    // At most one ACL LOG entry per command refused, however often it is tested.
    expect(await logEntries('weak')).toBeLessThanOrEqual(10);
  });

  it('with ACL DRYRUN: exact for actions too, and not one ACL LOG entry', async () => {
    const before = await logEntries('dry');
    const j = JSON.parse((await test('dry', 'dry-pw', true)).stdout) as Report;
    expect(j.access.method).toBe('dryrun');
    expect(need(j, 'Clients', /kill clients/)?.can).toBe('yes');
    expect(need(j, 'Users', /ACL SETUSER/)).toMatchObject({ can: 'no', grant: '+acl|setuser' });
    expect(need(j, 'Users', /save users/)).toMatchObject({
      can: 'no',
      grant: '+acl|save or +config|rewrite',
    });
    expect(need(j, 'Users', /ACL DRYRUN/)?.can).toBe('yes');
    expect(j.access.panes.flatMap((p) => p.needs).some((n) => n.can === 'unknown')).toBe(false);
    expect(await logEntries('dry')).toBe(before);
  });

  it('with ACL GETUSER and ACL CAT on itself: its own rules are evaluated', async () => {
    const j = JSON.parse((await test('self', 'self-pw', true)).stdout) as Report;
    expect(j.access.method).toBe('rules');
    expect(need(j, 'ACL Log', /the log \(ACL LOG\)/)?.can).toBe('yes');
    expect(need(j, 'ACL Log', /reset the log/)?.can).toBe('yes');
    expect(need(j, 'ACL Log', /block a user/)?.can).toBe('no');
    expect(need(j, 'Clients', /clients \(CLIENT LIST\)/)?.can).toBe('no');
  });

  it('an administrator: plain ok, every need yes', async () => {
    const r = await test('admin', 'adm-pw');
    expect(r.stdout.split('\n')[0]).toMatch(/: ok \(\d+ ms\)$/);
    const j = JSON.parse((await test('admin', 'adm-pw', true)).stdout) as Report;
    expect(j.warnings).toEqual([]);
    expect(j.access.panes.flatMap((p) => p.needs).every((n) => n.can === 'yes')).toBe(true);
  });
});
