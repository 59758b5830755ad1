// `redis-warden acl list|show|test|export` against a real server, run as the built CLI.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth, toDisplay } from '../../src/domain/display.js';
import { callOnce } from '../support/resp-client.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli, scratch } from './acl-cli.js';

const EVIL = '\x1b[31mevil\u202e';
const USERS = [
  'user default off',
  'user admin on >adm-pw-123 ~* &* +@all',
  'user alice on >alice-pw-456 ~app:* %R~ro:* &news +@read -keys',
  'user monitor on >mon-pw-789 -@all +acl|users +acl|whoami +ping',
  `user ${EVIL} on nopass ~* +get`,
];
const HASH = /[0-9a-f]{64}/;
const admin = { REDISCLI_AUTH: 'adm-pw-123' };

let server: RedisHandle;
let xdg: XdgDirs;
let files: ReturnType<typeof scratch>;
const as = (user: string) => ['-p', String(server.port), '--user', user];

beforeAll(async () => {
  xdg = tempXdg();
  files = scratch();
  server = await startRedis({ aclUsers: USERS });
});
afterAll(async () => {
  await server.stop();
  files.cleanup();
  xdg.cleanup();
});

describe('acl list', () => {
  it('prints a table; server strings are escaped; no hash ever', async () => {
    const r = await cli(['acl', 'list', ...as('admin')], admin);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^NAME\s+STATUS\s+PASSWORDS\s+KEYS\s+CHANNELS\s+COMMANDS\s+SEL\s+CLIENTS\s+RISKS/,
    );
    expect(lines.find((l) => l.startsWith('alice '))).toMatch(
      /alice\s+on\s+1 pw\s+app:\* R:ro:\*\s+news\s+\+@read -keys\s+0\s+0/,
    );
    expect(lines.find((l) => l.startsWith('default '))).toMatch(/default\s+off\s+none/);
    expect(lines.find((l) => l.startsWith('admin '))).toMatch(/1\s+@all ~\*$/); // admin's own client + badges (&* is low: detail only)
    expect(r.stdout).toContain('\\x1b[31mevil\\u202e');
    expect(r.stdout).toMatch(/nopass/);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).not.toContain('\u202e');
    expect(r.stdout).not.toMatch(HASH);
  });

  it('fits COLUMNS (cutting COMMANDS first, with …); piped without COLUMNS, or --wide, whole', async () => {
    const widest = async (env: Record<string, string>, ...extra: string[]) => {
      const r = await cli(['acl', 'list', ...as('admin'), ...extra], { ...admin, ...env });
      expect(r.code).toBe(0);
      return {
        lines: r.stdout.trimEnd().split('\n'),
        max: Math.max(...r.stdout.split('\n').map(displayWidth)),
      };
    };
    // A user whose rules are long (the issue: COMMANDS padded to ~350 cells, every row wrapped).
    const cmds = Array.from({ length: 40 }, (_, i) => `+${['get', 'set', 'del', 'incr', 'hget'][i % 5]}`);
    const auth = { username: 'admin', password: 'adm-pw-123' };
    await callOnce(
      { port: server.port },
      [
        'ACL',
        'SETUSER',
        'longrules',
        'on',
        '>lr-pw-1',
        '~lr:*',
        ...cmds,
        '+hset',
        '+lpush',
        '+rpush',
        '+sadd',
        '+zadd',
        '+xadd',
        '+expire',
        '+ttl',
        '+scan',
      ],
      auth,
    );
    const fit = await widest({ COLUMNS: '100' });
    expect(fit.max).toBeLessThanOrEqual(100);
    // The names and the risks are kept whole; the long command summaries give way.
    expect(fit.lines.find((l) => l.startsWith('admin '))).toMatch(/@all ~\*$/);
    expect(fit.lines.find((l) => l.startsWith('longrules '))).toContain('…');
    const piped = await widest({ COLUMNS: '' });
    const wide = await widest({ COLUMNS: '100' }, '--wide');
    expect(wide.lines).toEqual(piped.lines);
    expect(piped.max).toBeGreaterThan(100);
    expect(piped.lines.join('\n')).not.toContain('…');
    await callOnce({ port: server.port }, ['ACL', 'DELUSER', 'longrules'], auth);
  });

  it('--json: counts, not hashes; connection flags before the subcommand work too', async () => {
    const r = await cli([...as('admin'), 'acl', 'list', '--json'], admin);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(HASH);
    const users = JSON.parse(r.stdout) as Record<string, unknown>[];
    // Escaped as on screen, also after JSON.parse; the exact bytes as hex (README: machine output).
    expect(users.map((u) => u.name).sort()).toEqual(
      ['admin', 'alice', 'default', toDisplay(EVIL), 'monitor'].sort(),
    );
    const alice = users.find((u) => u.name === 'alice');
    expect(alice).toEqual({
      name: 'alice',
      nameHex: Buffer.from('alice').toString('hex'),
      enabled: true,
      nopass: false,
      passwords: 1,
      keys: ['~app:*', '%R~ro:*'],
      keysHex: ['~app:*', '%R~ro:*'].map((k) => Buffer.from(k).toString('hex')),
      channels: ['&news'],
      channelsHex: [Buffer.from('&news').toString('hex')],
      commands: '-@all +@read -keys',
      selectors: 0,
      clients: 0,
      risks: expect.any(Array) as unknown,
    });
    const evil = users.find((u) => u.name === toDisplay(EVIL)) as {
      nopass: boolean;
      nameHex: string;
      risks: { id: string }[];
    };
    expect(evil.nameHex).toBe(Buffer.from(EVIL).toString('hex'));
    expect(evil.nopass).toBe(true);
    expect(evil.risks.map((x) => x.id)).toContain('nopass');
    const adm = users.find((u) => u.name === 'admin') as {
      clients: number;
      risks: { id: string; severity: string }[];
    };
    expect(adm.clients).toBe(1);
    expect(adm.risks).toContainEqual(expect.objectContaining({ id: 'admin-all-keys', severity: 'critical' }));
  });

  it('a monitor user without +acl|list gets the names and a SEC003 warning naming the permission', async () => {
    const r = await cli(['acl', 'list', ...as('monitor')], { REDISCLI_AUTH: 'mon-pw-789' });
    expect(r.code).toBe(0);
    for (const name of ['admin', 'alice', 'default', 'monitor'])
      expect(r.stdout).toMatch(new RegExp(`^${name} `, 'm'));
    expect(r.stderr).toMatch(/ACL LIST: SEC003 .*needs \+acl\|list/);
    const j = await cli(['acl', 'list', '--json', ...as('monitor')], { REDISCLI_AUTH: 'mon-pw-789' });
    expect(j.code).toBe(0);
    const rows = JSON.parse(j.stdout) as { name: string; enabled: unknown }[];
    expect(rows.find((u) => u.name === 'alice')).toMatchObject({ enabled: null, passwords: null });
  });

  it('cannot connect: exit 2, the reason first, then the cause and fix on stderr', async () => {
    const r = await cli(['acl', 'list', '-p', '1', '--timeout', '3000']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^redis-warden: could not connect.*UNREACHABLE/);
    expect(lines[1]).toMatch(/Nothing is listening/);
    expect(lines.slice(2).every((l) => l.startsWith('  → '))).toBe(true);
  });
});

describe('acl show', () => {
  it('lays out the user: keys split by access, risks, per-category counts; hashes only on request', async () => {
    const r = await cli(['acl', 'show', 'alice', ...as('admin')], admin);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/keys\s+read\+write app:\*; read-only ro:\*/);
    expect(r.stdout).toMatch(/passwords\s+1 password/);
    expect(r.stdout).toMatch(/@read\s+\d+\/\d+/);
    expect(r.stdout).not.toMatch(HASH);
    const h = await cli(['acl', 'show', 'alice', '--show-hashes', ...as('admin')], admin);
    expect(h.stdout).toMatch(HASH);
  });

  it('--json, and an unknown user is exit 2', async () => {
    const r = await cli(['acl', 'show', 'alice', '--json', ...as('admin')], admin);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({
      name: 'alice',
      enabled: true,
      passwords: 1,
      keys: { readWrite: ['app:*'], read: ['ro:*'], write: [] },
      channels: ['&news'],
      selectors: [],
    });
    expect(j.hashes).toBeUndefined();
    expect(
      (j.categories as { category: string; allowed: number }[]).find((c) => c.category === 'write'),
    ).toMatchObject({
      allowed: 0,
    });
    const missing = await cli(['acl', 'show', 'nobody', ...as('admin')], admin);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no user "nobody"');
  });
});

describe('acl test', () => {
  it('allowed exit 0, denied exit 1 with the reason, unknown user or command exit 2', async () => {
    const ok = await cli(['acl', 'test', 'alice', 'GET', 'app:1', ...as('admin')], admin);
    expect([ok.code, ok.stdout.trim()]).toEqual([0, 'allowed']);
    const no = await cli(['acl', 'test', 'alice', 'SET', 'app:1', 'v', ...as('admin')], admin);
    expect(no.code).toBe(1);
    expect(no.stdout).toMatch(/^denied: .*'set' command/);
    const j = await cli(['acl', 'test', 'alice', 'GET', 'other:1', '--json', ...as('admin')], admin);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({
      user: 'alice',
      command: ['GET', 'other:1'],
      allowed: false,
    });
    const user = await cli(['acl', 'test', 'nobody', 'GET', 'k', ...as('admin')], admin);
    expect([user.code, user.stderr]).toEqual([2, expect.stringContaining('no user "nobody"')]);
    const cmd = await cli(['acl', 'test', 'alice', 'nosuchcmd', ...as('admin')], admin);
    expect([cmd.code, cmd.stderr]).toEqual([2, expect.stringContaining('no command "nosuchcmd"')]);
  });
  it('a negative number among the arguments is passed through; another dash argument needs "--" (README)', async () => {
    const json = async (args: string[]) =>
      JSON.parse((await cli(args, admin)).stdout) as { command: string[] };
    const neg = await json(['acl', 'test', 'alice', 'GETEX', 'app:1', 'EX', '-1', '--json', ...as('admin')]);
    expect(neg.command).toEqual(['GETEX', 'app:1', 'EX', '-1']);
    const flag = await cli(['acl', 'test', 'alice', 'GET', '-x', ...as('admin')], admin);
    expect([flag.code, flag.stderr]).toEqual([2, expect.stringContaining("unknown option '-x'")]);
    const dashed = await json(['acl', 'test', 'alice', '--json', ...as('admin'), '--', 'GET', '-x']);
    expect(dashed.command).toEqual(['GET', '-x']);
  });
});

describe('acl export', () => {
  it('prints an ACL file with #hashes; --out writes 0600 and will not overwrite without --force', async () => {
    const r = await cli(['acl', 'export', ...as('admin')], admin);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^user alice on #[0-9a-f]{64} .*~app:\* %R~ro:\* .*&news -@all \+@read -keys$/m);
    expect(r.stdout).not.toContain('alice-pw-456');
    const out = join(files.dir, 'export.acl');
    expect((await cli(['acl', 'export', '--out', out, ...as('admin')], admin)).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
    const again = await cli(['acl', 'export', '--out', out, ...as('admin')], admin);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('--force')]);
    expect((await cli(['acl', 'export', '--out', out, '--force', ...as('admin')], admin)).code).toBe(0);
  });

  it('round trip: a server started from the export matches it (plan: nothing to do)', async () => {
    const exported = (await cli(['acl', 'export', ...as('admin')], admin)).stdout;
    const file = files.file('roundtrip.acl', exported.trimEnd().split('\n'));
    const self = await cli(['acl', 'plan', file, ...as('admin')], admin);
    expect([self.code, self.stdout]).toEqual([0, expect.stringContaining('Nothing to do')]);
    const twin = await startRedis({ aclUsers: exported.trimEnd().split('\n') });
    try {
      const r = await cli(
        ['acl', 'plan', file, '--prune', '-p', String(twin.port), '--user', 'admin'],
        admin,
      );
      expect(r.stdout).toContain(`Nothing to do: the server matches ${file}.`);
      expect(r.code).toBe(0);
    } finally {
      await twin.stop();
    }
  });
});

// Every acl subcommand says what a refusal means and which grant fixes it (SEC003), never a
// bare NOPERM: the monitor here may run ACL USERS / WHOAMI and PING, nothing else.
describe('a console user without permission', () => {
  const mon = { REDISCLI_AUTH: 'mon-pw-789' };
  const cases: [string, () => string[], string][] = [
    ['acl show', () => ['acl', 'show', 'alice'], '+acl|getuser'],
    ['acl test', () => ['acl', 'test', 'alice', 'get', 'k'], '+acl|dryrun'],
    ['acl export', () => ['acl', 'export'], '+acl|list'],
    ['acl plan', () => ['acl', 'plan', files.file('mon.acl', ['user default off'])], '+acl|list'],
  ];
  it.each(cases)('%s: SEC003, the permission and the grant; exit 2', async (_what, args, perm) => {
    const r = await cli([...args(), ...as('monitor')], mon);
    expect(r.code).toBe(2);
    const [first, ...rest] = r.stderr.trim().split('\n');
    expect(first).toMatch(new RegExp(`SEC003 NOPERM .*\\(needs \\${perm}\\)$`));
    expect(rest).toContain(`  → Grant it: ACL SETUSER monitor ${perm}`);
  });
  it('acl save: says it cannot tell how users persist, with SEC003 and the permission', async () => {
    const r = await cli(['acl', 'save', '--yes', ...as('monitor')], mon);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SEC003 NOPERM .*\(needs \+config\|get\)/);
  });
});
