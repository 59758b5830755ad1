// `redis-warden clients` (listing) against a real server, run as the built CLI: the table, the
// JSON document, filter/sort/group-by, hostile usernames escaped, missing permissions named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProfileStore } from '../../src/profiles/store.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';
import { CLIENT_FIELDS, openRaw, RAW } from './clients-cli.js';
import type { ListJson, RawClient } from './clients-cli.js';

const USERS = [
  'user default off',
  'user admin on >adm-pw-123 ~* &* +@all',
  'user app on >app-pw-456 ~app:* +@read +@write +ping +client|id +client|setname',
  'user monitor on >mon-pw-789 -@all +ping +acl|whoami +acl|users +client|list +client|id',
  'user noperm on >np-pw-000 -@all +ping +acl|whoami +client|id',
];
const EVIL = Buffer.concat([Buffer.from('evil\x1b[31m\u202e'), Buffer.from([0xff])]);
const EVIL_SHOWN = 'evil\\x1b[31m\\u202e\\xff';
const admin = { REDISCLI_AUTH: 'adm-pw-123' };

let server: RedisHandle;
let xdg: XdgDirs;
const raws: RawClient[] = [];
let app1: RawClient;
let evil: RawClient;
const as = (user: string) => ['-p', String(server.port), '--user', user];
const list = (args: string[] = [], user = 'admin', env = admin) =>
  cli(['clients', ...args, ...as(user)], env);
const json = async (args: string[] = []) => {
  const r = await list(['--json', ...args]);
  expect(r.stderr).not.toMatch(/Warning/);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ListJson;
};

beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis({ aclUsers: USERS });
  const root = await openRaw(server.port, [['AUTH', 'admin', 'adm-pw-123']]);
  expect(await root.send(['ACL', 'SETUSER', EVIL, 'on', '>evil-pw', '-@all', '+ping', '+client|id'])).toBe(
    '+OK',
  );
  root.close();
  app1 = await openRaw(server.port, [
    ['AUTH', 'app', 'app-pw-456'],
    ['CLIENT', 'SETNAME', 'app-worker-1'],
  ]);
  const app2 = await openRaw(server.port, [
    ['AUTH', 'app', 'app-pw-456'],
    ['CLIENT', 'SETNAME', 'app-worker-2'],
  ]);
  evil = await openRaw(server.port, [['AUTH', EVIL, 'evil-pw']]);
  raws.push(app1, app2, evil);
});
afterAll(async () => {
  for (const r of raws) r.close();
  await server.stop();
  xdg.cleanup();
});

describe('clients (table)', () => {
  it('lists every client; the console itself marked self; hostile usernames escaped', async () => {
    const r = await list();
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^ID\s+ADDR\s+NAME\s+USER\s+AGE\s+IDLE\s+FLAGS\s+DB\s+CMD\s+TOT-MEM\s+OMEM\s+QBUF\s+RESP\s+LIB\s+RISK$/,
    );
    expect(lines).toHaveLength(1 + 4); // three raw clients and the console
    const worker = lines.find((l) => l.includes('app-worker-1'));
    expect(worker).toMatch(
      new RegExp(
        `^${app1.id}\\s+${app1.addr}\\s+app-worker-1\\s+app\\s+\\d+s\\s+\\d+s\\s+N\\s+0\\s+client\\|id\\s+\\d+(\\.\\d)?K\\s+0B\\s+0B\\s+2\\b`,
      ),
    );
    const self = lines.filter((l) => /\bself\b/.test(l));
    expect(self).toHaveLength(1);
    expect(self[0]).toMatch(/\badmin\b.*client\|list/);
    expect(lines.find((l) => l.startsWith(`${evil.id} `))).toContain(EVIL_SHOWN);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stderr).toMatch(/^4 clients on 1 node$/m);
  });

  it('--filter, --sort, --reverse', async () => {
    const f = await list(['--filter', 'user=app', '--sort', 'name', '--reverse']);
    expect(f.code).toBe(0);
    const rows = f.stdout.trimEnd().split('\n').slice(1);
    expect(rows.map((l) => /app-worker-\d/.exec(l)?.[0])).toEqual(['app-worker-2', 'app-worker-1']);
    expect(f.stderr).toMatch(/^2 of 4 clients on 1 node match the filter$/m);
    const byId = await list(['--sort', 'id', '--reverse']);
    const ids = byId.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(/\s+/)[0]));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('a bad --filter or --sort is a usage error (exit 2) before connecting', async () => {
    const f = await cli(['clients', '--filter', 'user=app idle>soon', '-p', '1']);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/^redis-warden: --filter: /m);
    const [, expr, caret] = f.stderr.split('\n');
    expect(expr).toBe('  user=app idle>soon');
    expect(caret).toMatch(/^ {2}\s*\^$/);
    expect((caret ?? '').indexOf('^')).toBeGreaterThanOrEqual(expr!.indexOf('idle'));
    const s = await cli(['clients', '--sort', 'bogus', '-p', '1']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--sort: .*bogus/);
    expect(s.stderr).toMatch(/idle/); // the valid fields are listed
  });

  it('--group-by user: KEY COUNT NODES TOT-MEM OMEM MAX-IDLE', async () => {
    const r = await list(['--group-by', 'user']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KEY\s+COUNT\s+NODES\s+TOT-MEM\s+OMEM\s+MAX-IDLE$/);
    expect(lines.find((l) => l.startsWith('app '))).toMatch(/^app\s+2\s+1\s+\d+(\.\d)?K\s+0B\s+\d+s$/);
    expect(lines.find((l) => l.startsWith('evil'))).toContain(EVIL_SHOWN);
    expect(r.stdout).not.toMatch(RAW);
    const bad = await list(['--group-by', 'colour']);
    expect(bad.code).toBe(2);
  });
});

describe('clients --json', () => {
  it('one document: nodes, and every client with every field under the names Redis prints', async () => {
    const doc = await json();
    const node = `127.0.0.1:${server.port}`;
    expect(doc.nodes).toEqual([{ node, ok: true, clients: 4 }]);
    const clients = doc.clients ?? [];
    expect(clients).toHaveLength(4);
    for (const c of clients) {
      const keys = Object.keys(c);
      // Redis 7.0 also prints rbs/rbp, which this version keeps as printed, before self/risks.
      expect(keys.filter((k) => CLIENT_FIELDS.includes(k))).toEqual(CLIENT_FIELDS);
      expect(keys.slice(-2)).toEqual(['self', 'risks']);
      expect(keys).toEqual(expect.arrayContaining(['rbs', 'rbp']));
      expect(typeof c.id).toBe('string');
      expect(typeof c['tot-mem']).toBe('number');
      expect(c.node).toBe(node);
    }
    expect(clients.filter((c) => c.self).map((c) => [c.user, c.cmd])).toEqual([['admin', 'client|list']]);
    expect(clients.find((c) => c.id === app1.id)).toMatchObject({
      addr: app1.addr,
      name: 'app-worker-1',
      user: 'app',
      flags: 'N',
      db: 0,
      resp: 2,
      'lib-name': '',
      self: false,
    });
    const e = clients.find((c) => c.id === evil.id);
    expect(e?.user).toBe(EVIL_SHOWN);
    // ACL LIST reads its name as UTF-8 (0xff -> U+FFFD): still the same, existing user.
    expect(e?.risks).not.toContain('no-user');
    expect(JSON.stringify(doc)).not.toMatch(RAW);
  });

  it('--group-by: "groups" instead of "clients"', async () => {
    const doc = await json(['--group-by', 'user']);
    expect(doc.clients).toBeUndefined();
    const app = doc.groups?.find((g) => g.key === 'app');
    expect(app).toMatchObject({ count: 2, nodes: [`127.0.0.1:${server.port}`] });
    expect(app?.members.map((m) => m.id)).toContain(app1.id);
    expect(doc.groups?.some((g) => g.key === EVIL_SHOWN)).toBe(true);
  });
});

describe('clients: permissions and risks', () => {
  it('without +acl|list: still listed, said once on stderr that user-based highlights are off', async () => {
    const r = await list([], 'monitor', { REDISCLI_AUTH: 'mon-pw-789' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('app-worker-1');
    expect(r.stderr.match(/ACL LIST: SEC003 .*needs \+acl\|list/g)).toHaveLength(1);
    expect(r.stdout.split('\n').filter((l) => /\bself\b/.test(l))).toHaveLength(1);
  });

  it('without +client|list: exit 2, SEC003 and the permission named (table and JSON)', async () => {
    const r = await list([], 'noperm', { REDISCLI_AUTH: 'np-pw-000' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/SEC003/);
    expect(r.stderr).toMatch(/\+client\|list/);
    const j = await list(['--json'], 'noperm', { REDISCLI_AUTH: 'np-pw-000' });
    expect(j.code).toBe(2);
    const doc = JSON.parse(j.stdout) as ListJson;
    expect(doc.clients).toEqual([]);
    expect(doc.nodes[0]).toMatchObject({ ok: false });
    expect(doc.nodes[0]?.error).toMatch(/^SEC003 NOPERM .*\(needs \+client\|list\)$/);
  });

  it("a profile's expectedNetworks: clients from elsewhere get a badge", async () => {
    openProfileStore().store.add({
      name: 'office',
      host: '127.0.0.1',
      port: server.port,
      user: 'admin',
      password: { kind: 'env', name: 'RW_TEST_PW' },
      expectedNetworks: ['10.0.0.0/8'],
    });
    const r = await cli(['clients', '--json', '--profile', 'office'], { RW_TEST_PW: 'adm-pw-123' });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as ListJson;
    const withNets = doc.clients?.find((c) => c.id === app1.id)?.risks ?? [];
    const plain = (await json()).clients?.find((c) => c.id === app1.id)?.risks ?? [];
    // 127.0.0.1 is not in 10.0.0.0/8: one more highlight than without the profile.
    expect(withNets.filter((id) => !plain.includes(id))).toHaveLength(1);
  });
});
