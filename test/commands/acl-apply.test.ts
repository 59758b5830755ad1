// `redis-warden acl plan|apply|save` against a real server: the whole file is checked
// before anything is written, a second apply finds nothing, no secret leaks anywhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAtLeast } from '../support/redis-binary.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { aclList, cli, journalOf, scratch } from './acl-cli.js';
import { sha256Hex } from '../../src/domain/acl/rules.js';

const SECRET = 'plaintext-secret-xyz-42';
const admin = { REDISCLI_AUTH: 'adm-pw-123' };
const auth = { username: 'admin', password: 'adm-pw-123' };
const ADMIN = 'user admin on >adm-pw-123 ~* &* +@all';

let server: RedisHandle;
let xdg: XdgDirs;
let files: ReturnType<typeof scratch>;
const conn = () => ['-p', String(server.port), '--user', 'admin'];
const journal = () => journalOf(xdg);

beforeAll(async () => {
  xdg = tempXdg();
  files = scratch();
  server = await startRedis({ aclUsers: ['user default off', ADMIN, 'user old on >old-pw-1 ~old:* +get'] });
});
afterAll(async () => {
  await server.stop();
  files.cleanup();
  xdg.cleanup();
});

const desired = [
  'user default off',
  ADMIN,
  `user app on >${SECRET} ~app:* &app:* +@read +@write -@dangerous`,
  'user old on >old-pw-1 ~old:* +get +set',
];

describe('acl plan', () => {
  it('exit 0 when the server matches, 1 with differences (create, change rule by rule), 2 when the file is missing', async () => {
    const same = files.file('same.acl', ['user default off', ADMIN, 'user old on >old-pw-1 ~old:* +get']);
    const r0 = await cli(['acl', 'plan', same, ...conn()], admin);
    expect([r0.code, r0.stdout.trim()]).toEqual([0, `Nothing to do: the server matches ${same}.`]);

    const want = files.file('want.acl', desired);
    const r1 = await cli(['acl', 'plan', want, ...conn()], admin);
    expect(r1.code).toBe(1);
    expect(r1.stdout).toContain('+ create app (line 3)');
    expect(r1.stdout).toMatch(/~ change old \(line 4\)\n {4}commands: gains 1 command \(set\)/);
    expect(r1.stdout).toContain('Plan: 1 to create, 1 to change, 0 to delete, 2 unchanged.');
    expect(r1.stdout + r1.stderr).not.toContain(SECRET);
    expect(r1.stdout + r1.stderr).not.toContain(sha256Hex(SECRET));

    const j = await cli(['acl', 'plan', want, '--json', ...conn()], admin);
    const plan = JSON.parse(j.stdout) as { create: { name: string; rules: string[] }[]; empty: boolean };
    expect(plan.empty).toBe(false);
    expect(plan.create[0]?.rules).toContain('#‹redacted›');
    expect(j.stdout).not.toContain(sha256Hex(SECRET));

    const missing = await cli(['acl', 'plan', join(files.dir, 'nope.acl'), ...conn()], admin);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('does not exist')]);
  });
});

describe('acl plan says the risks a change adds, as the rule editor does', () => {
  it('a new nopass ~* &* +@all user and a user made nopass: NEW RISK lines per user, and in --json', async () => {
    const file = files.file('risky.acl', [
      'user default off',
      ADMIN,
      'user wide on nopass ~* &* +@all',
      'user old on nopass ~old:* +get',
    ]);
    const r = await cli(['acl', 'plan', file, ...conn()], admin);
    expect(r.code).toBe(1);
    const block = (head: string) => {
      const lines = r.stdout.split('\n');
      const start = lines.findIndex((l) => l.startsWith(head));
      const end = lines.findIndex((l, i) => i > start && !l.startsWith('    '));
      return lines.slice(start + 1, end);
    };
    expect(block('+ create wide')).toEqual(
      expect.arrayContaining([
        '    NEW RISK: nopass: any password, or none, logs in as this user.',
        '    NEW RISK: +@all on every key: a full administrator.',
        '    NEW RISK: every pub/sub channel (allchannels).',
      ]),
    );
    // old had a password and no risk flag; the file makes it nopass: that is the one risk added.
    expect(block('~ change old').filter((l) => l.includes('NEW RISK'))).toEqual([
      '    NEW RISK: nopass: any password, or none, logs in as this user.',
    ]);
    const j = await cli(['acl', 'plan', file, '--json', ...conn()], admin);
    const plan = JSON.parse(j.stdout) as {
      create: { name: string; newRisks: { id: string; severity: string }[] }[];
      change: { name: string; newRisks: { id: string }[] }[];
    };
    const wide = plan.create.find((c) => c.name === 'wide');
    expect(wide?.newRisks.map((x) => x.id).sort()).toEqual(['admin-all-keys', 'all-channels', 'nopass']);
    expect(wide?.newRisks.find((x) => x.id === 'nopass')?.severity).toBe('critical');
    expect(plan.change.find((c) => c.name === 'old')?.newRisks.map((x) => x.id)).toEqual(['nopass']);
  });
});

describe('a selector that a later "(" starts again', () => {
  // Redis 7.0 drops the first selector without a word; 7.2+ and Valkey refuse the line. A plan
  // must not promise a newer server a user its ACL LOAD would refuse.
  it('is a warning on Redis 7.0 and an error (exit 2) on 7.2+, as the server decides', async () => {
    const file = files.file('restart.acl', [
      'user default off',
      ADMIN,
      'user old on >old-pw-1 ~old:* +get (~a (+get ~b)',
    ]);
    const r = await cli(['acl', 'plan', file, ...conn()], admin);
    const said = `${file}:3: "(~a" is never closed and a new "(" starts after it`;
    expect(r.stderr).toContain(`Warning: ${said}`);
    if (serverAtLeast(7, 2)) {
      expect(r.code).toBe(2);
      // The error line, beside the warning line said before the server was known.
      expect(r.stderr.split('\n').filter((l) => l.startsWith(said))).toHaveLength(1);
      expect(r.stderr).toContain('is not valid on this server: 1 error; nothing was changed');
    } else {
      expect([r.code, r.stdout]).toEqual([1, expect.stringContaining('~ change old (line 3)')]);
    }
  });
});

describe('an invalid file applies nothing', () => {
  const cases: [string, string[], number, string][] = [
    [
      'a #hash that is not 64 hex digits',
      ['user default off', `user app on >${SECRET} ~app:* +get`, 'user old on #abc123 ~old:*'],
      3,
      '"#abc123"',
    ],
    [
      'an unknown command',
      ['user default off', `user app on >${SECRET} +nosuch ~app:*`, ADMIN],
      2,
      '"+nosuch"',
    ],
    [
      // Valkey 8.1's: none of the servers the tests run on (7.0, 7.4, Valkey 8.0) has it.
      'a subcommand this server does not have',
      [
        'user default off',
        ADMIN,
        'user a on nopass +get',
        'user b on nopass +get',
        'user old on +client|import-source ~*',
      ],
      5,
      '"+client|import-source"',
    ],
    // Redis refuses a pattern with a NUL (and an ACL file cannot carry one): before this was
    // checked, the other users of the file were applied and this one failed.
    [
      'a key pattern with a NUL byte',
      ['user default off', ADMIN, 'user a on nopass ~a:* +get', 'user b on nopass ~b:\0x +get'],
      4,
      'holds a NUL byte',
    ],
    [
      'a key pattern with a tab inside it',
      ['user default off', ADMIN, 'user a on nopass ~a:* +get', 'user b on nopass ~b:\tx +get'],
      4,
      'Redis refuses a pattern holding whitespace',
    ],
    // `old` has old-pw-1 on the server, but apply sends `reset` first, as ACL LOAD starts empty.
    [
      'a <password the user will not have',
      ['user default off', ADMIN, 'user a on nopass +get', 'user old on <old-pw-1 ~old:* +get'],
      4,
      'removes a password this user does not have',
    ],
    [
      'a !hash the user will not have',
      ['user default off', ADMIN, 'user a on nopass +get', `user old on !${sha256Hex('old-pw-1')} ~old:*`],
      4,
      '"!‹redacted›" removes a password',
    ],
  ];
  for (const [what, lines, line, rule] of cases) {
    it(`${what}: exit 2, FILE:${line} and the rule named, ACL LIST unchanged`, async () => {
      const file = files.file(`bad-${line}.acl`, lines);
      const before = await aclList(server.port, auth);
      const r = await cli(['acl', 'apply', file, '--yes', '--prune', ...conn()], admin);
      expect(r.code).toBe(2);
      const error = r.stderr.split('\n').find((l) => l.startsWith(`${file}:${line}: `));
      expect(error).toContain(rule);
      expect(r.stderr).toMatch(/nothing was changed/);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout + r.stderr).not.toContain(sha256Hex('old-pw-1'));
      expect(await aclList(server.port, auth)).toEqual(before);
      const plan = await cli(['acl', 'plan', file, ...conn()], admin);
      expect(plan.code).toBe(2);
    });
  }
});

describe('acl apply', () => {
  it('without --yes prints the plan and stops (exit 1); --read-only refuses (exit 2) and is journaled', async () => {
    const want = files.file('want.acl', desired);
    const before = await aclList(server.port, auth);
    const r = await cli(['acl', 'apply', want, ...conn()], admin);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+ create app');
    expect(r.stderr).toContain('--yes');
    const ro = await cli(['acl', 'apply', want, '--yes', '--read-only', ...conn()], admin);
    expect(ro.code).toBe(2);
    expect(ro.stderr).toMatch(/Refused: read-only/);
    expect(await aclList(server.port, auth)).toEqual(before);
    expect(journal()).toMatch(/"outcome":"refused","detail":"read-only mode"/);
  });

  it('refuses a plan that disables the console own user unless --allow-lockout', async () => {
    const lock = files.file('lock.acl', ['user default off', 'user admin off >adm-pw-123 ~* &* +@all']);
    const before = await aclList(server.port, auth);
    const r = await cli(['acl', 'apply', lock, '--yes', ...conn()], admin);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('disables "admin", the user this console is logged in as');
    expect(r.stderr).toContain('--allow-lockout');
    expect(await aclList(server.port, auth)).toEqual(before);
  });

  it('applies, then a second apply says nothing to do; no plaintext or hash in output or journal', async () => {
    const want = files.file('want.acl', desired);
    const r = await cli(['acl', 'apply', want, '--yes', ...conn()], admin);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/created app: ok on 1\/1 node/);
    expect(r.stdout).toMatch(/changed old: ok on 1\/1 node/);
    expect(r.stdout).toContain(`Applied 2 changes; the server now matches ${want}.`);
    expect(r.stdout).toContain('redis-warden acl save');
    const users = await aclList(server.port, auth);
    expect(users.find((l) => l.startsWith('user app '))).toContain(`#${sha256Hex(SECRET)}`);

    const again = await cli(['acl', 'apply', want, '--yes', ...conn()], admin);
    expect([again.code, again.stdout.trim()]).toEqual([0, `Nothing to do: the server matches ${want}.`]);

    const all = r.stdout + r.stderr + again.stdout + journal();
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(sha256Hex(SECRET));
    expect(journal()).toMatch(/"action":"acl.create-user".*"outcome":"ok"/);
  });

  it('--prune deletes users the file does not name; acl save persists them to the aclfile', async () => {
    const file = files.file(
      'pruned.acl',
      desired.filter((l) => !l.startsWith('user old ')),
    );
    const plan = await cli(['acl', 'plan', file, '--prune', ...conn()], admin);
    expect([plan.code, plan.stdout]).toEqual([1, expect.stringContaining('- delete old')]);
    const r = await cli(['acl', 'apply', file, '--prune', '--yes', ...conn()], admin);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/deleted old: ok on 1\/1 node/);
    expect((await aclList(server.port, auth)).some((l) => l.startsWith('user old '))).toBe(false);

    const ask = await cli(['acl', 'save', ...conn()], admin);
    expect([ask.code, ask.stderr]).toEqual([1, expect.stringContaining('ACL SAVE')]);
    const save = await cli(['acl', 'save', '--yes', ...conn()], admin);
    expect(save.code).toBe(0);
    const aclfile = readFileSync(join(server.dir, 'users.acl'), 'utf8');
    expect(aclfile).toMatch(/^user app on /m);
    expect(aclfile).not.toMatch(/^user old /m);
  });

  // Last: it disables the user every other test logs in as (its open connection survives).
  it('--allow-lockout applies a plan that disables the console own user, after saying so', async () => {
    const lock = files.file('lock.acl', ['user default off', 'user admin off >adm-pw-123 ~* &* +@all']);
    const r = await cli(['acl', 'apply', lock, '--yes', '--allow-lockout', ...conn()], admin);
    expect(r.stderr).toContain('lockout risk: disables "admin"');
    expect(r.stdout).toMatch(/changed admin: ok on 1\/1 node/);
    expect(r.code).toBe(0);
    const after = await cli(['acl', 'list', ...conn()], admin);
    expect([after.code, after.stderr]).toEqual([2, expect.stringContaining('SEC002')]);
  });
});
