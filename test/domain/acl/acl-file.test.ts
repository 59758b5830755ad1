import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { formatAclFile, parseAclFile } from '../../../src/domain/acl/acl-file.js';
import { sha256Hex, userFromListLine } from '../../../src/domain/acl/rules.js';
import type { AclUser } from '../../../src/domain/acl/types.js';
import { REDACTED } from '../../../src/domain/redact.js';
import { startRedis } from '../../support/redis-server.js';
import { allUsers } from './server-helpers.js';

// The seed guide's acl-users.conf.
const SEED = `user default off
user admin on >admin_password ~* +@all
user app on >app_password ~app:* +@read +@write -@dangerous
user readonly on >ro_password ~* +@read -@write -@admin
user replication on >repl_password +psync +replconf +ping
`;

describe('parseAclFile', () => {
  it('reads the seed file: one user per line with its rules', () => {
    const { users, errors } = parseAclFile(SEED);
    expect(errors).toEqual([]);
    expect(users.map((u) => [u.name, u.line, u.tokens.length])).toEqual([
      ['default', 1, 1],
      ['admin', 2, 4],
      ['app', 3, 6],
      ['readonly', 4, 6],
      ['replication', 5, 5],
    ]);
    expect(users[2]?.tokens[2]?.rule).toEqual({ kind: 'key', access: 'RW', pattern: 'app:*' });
  });

  it('skips blank lines and trims " \\t\\r\\n" as Redis does', () => {
    const { users, errors } = parseAclFile('\n   \n  user a on nopass\r\n\t\nuser b off\n');
    expect(errors).toEqual([]);
    expect(users.map((u) => [u.name, u.line])).toEqual([
      ['a', 3],
      ['b', 5],
    ]);
  });

  it('refuses # comment lines, which redis-server 7.0 refuses too', () => {
    expect(parseAclFile('# users\nuser a on').errors).toEqual([
      {
        line: 1,
        text: '# users',
        message:
          'line 1: comments are not allowed: Redis 7.0 refuses to load an ACL file with a "#" line; remove it (keep notes in a separate file)',
      },
    ]);
  });

  it('names the line for lines that are not user lines, empty names and tabs', () => {
    const { errors, warnings } = parseAclFile(
      'user a on\nacl b >secret\nuser  c on\nUSER d\nuser\te on\nuser\n',
    );
    expect(errors.map((e) => [e.line, e.text, e.message])).toEqual([
      [2, 'acl b', 'line 2: every line must be "user NAME rules...", this one starts with "acl"'],
      // Redis reads `user  c on` as the user "" with the rules `c on`, and refuses `c`.
      [3, 'c', 'line 3: unknown rule "c": did you mean +c (a command) or ~c (a key pattern)?'],
      [
        4,
        'USER d',
        'line 4: every line must be "user NAME rules...", this one starts with "USER": "user" must be lowercase',
      ],
      [
        5,
        'user\te on',
        'line 5: every line must be "user NAME rules...", this one starts with "user\\x09e": separate words with single spaces (Redis does not split on tabs)',
      ],
      [6, 'user', 'line 6: the user name is missing: write "user NAME rules..."'],
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      'line 3: the user name is empty (two spaces after "user"?): Redis loads it as a user called ""; write "user NAME rules..." with one space between words',
    ]);
  });

  it('names both lines of a user defined twice', () => {
    const { users, errors } = parseAclFile('user a on\nuser b on\nuser a off\n');
    expect(users.map((u) => u.name)).toEqual(['a', 'b']);
    expect(errors).toEqual([
      {
        line: 3,
        text: 'user a',
        message:
          'line 3: user "a" is already defined on line 1; Redis refuses a file that defines a user twice: merge the two lines into one',
      },
    ]);
  });

  it('reports rule errors with the line number, passwords redacted', () => {
    const { users, errors } = parseAclFile('user a on\nuser b on #abc ~* ~x (>hunter2) >\n');
    expect(errors.map((e) => [e.line, e.text])).toEqual([
      [2, '#abc'],
      [2, '~x'],
      [2, `>${REDACTED}`],
    ]);
    expect(errors[0]?.message).toMatch(/^line 2: "#abc": a #hash is the SHA-256 of the password/);
    expect(errors[2]?.message).toMatch(/^line 2: ">‹redacted›" is not valid inside a selector/);
    expect(JSON.stringify(errors)).not.toContain('hunter2');
    expect(users[1]?.tokens.map((t) => t.text)).toEqual(['on', '~*', '(>hunter2)', '>']);
  });
});

const sortCommands = (commands: string) => commands.split(' ').sort().join(' ');
const sortedCommands = (users: Map<string, AclUser | null>) =>
  new Map(
    [...users].map(([name, u]) => [
      name,
      u && {
        ...u,
        commands: sortCommands(u.commands),
        selectors: u.selectors.map((s) => ({ ...s, commands: sortCommands(s.commands) })),
      },
    ]),
  );
const PROBES = [
  ['get', 'app:1'],
  ['get', 'ro:1'],
  ['set', 'ro:1', 'v'],
  ['set', 'w:1', 'v'],
  ['set', 'sel:1', 'v'],
  ['get', 'r'],
  ['keys', '*'],
  ['config', 'get', 'x'],
  ['config', 'set', 'x', 'y'],
  ['select', '0'],
  ['select', '1'],
  ['client', 'list'],
  ['publish', 'chan:1', 'm'],
  ['publish', 'n:1', 'm'],
  ['flushall'],
];
const dryRuns = (redis: Redis, user: string) =>
  Promise.all(PROBES.map((p) => redis.call('ACL', ['DRYRUN', user, ...p]).catch((e: Error) => e.message)));

describe('ACL files and a real redis-server 7.0', () => {
  // Each file is tried for real: parseAclFile must find errors exactly when Redis refuses it.
  it.each([
    {
      lines: ['# a comment', 'user default on nopass ~* +@all'],
      loads: false,
      says: 'should start with user keyword',
    },
    { lines: ['', 'user default on nopass ~* +@all', '   ', ''], loads: true },
    {
      lines: ['user default on nopass ~* +@all # note'],
      loads: false,
      says: 'password hash must be exactly 64',
    },
    { lines: ['user default on nopass', 'user default off'], loads: false, says: "Duplicate user 'default'" },
    {
      lines: ['user default on nopass ~* ~x'],
      loads: false,
      says: "Adding a pattern after the * pattern (or the 'allkeys' flag)",
    },
  ])('$lines', async ({ lines, loads, says }) => {
    expect(parseAclFile(lines.join('\n')).errors.length === 0).toBe(loads);
    const started = startRedis({ aclUsers: lines });
    if (loads) {
      await (await started).stop();
      return;
    }
    await expect(started).rejects.toThrow(says);
  });

  it('formatAclFile exports users that a second server loads identically', async () => {
    const source = await startRedis({
      aclUsers: [
        'user default on nopass sanitize-payload ~* &* +@all',
        'user alice on >alicepw ~app:* %R~ro:* %W~w:* &chan:* -@all +@read -keys +config|get (~sel:* -@all +set) (&n:* %R~r +publish)',
        'user bob off nopass ~* skip-sanitize-payload +@all -@dangerous',
        'user carol on >c1 >c2 allkeys allchannels -@all +select|0 +client|list',
        'user dave off resetchannels -@all',
      ],
    });
    const a = new Redis({ host: source.host, port: source.port, protocol: 2 });
    try {
      const lines = (await a.call('ACL', ['LIST'])) as string[];
      const before = await allUsers(a);
      const text = formatAclFile(lines.map(userFromListLine));
      expect(text).not.toMatch(/alicepw|>c1/);
      expect(text).toContain(`#${sha256Hex('alicepw')}`);
      expect(text.split('\n').map((l) => l.split(' ')[1])).toEqual([
        'alice',
        'bob',
        'carol',
        'dave',
        'default',
        undefined,
      ]);
      expect(parseAclFile(text).errors).toEqual([]);

      const copy = await startRedis({ aclUsers: text.trimEnd().split('\n') });
      try {
        const b = new Redis({ host: copy.host, port: copy.port, protocol: 2 });
        // Redis 7.0 may print the same command rules in another order (`-keys +config|get`
        // comes back as `+config|get -keys`), so rules compare as sets and grants by DRYRUN.
        expect(sortedCommands(await allUsers(b))).toEqual(sortedCommands(before));
        for (const name of before.keys()) {
          expect(await dryRuns(b, name), name).toEqual(await dryRuns(a, name));
        }
        const alice = await dryRuns(b, 'alice');
        expect(alice.filter((r) => r === 'OK')).toHaveLength(5);
        expect(alice.filter((r) => String(r).includes('no permissions'))).toHaveLength(PROBES.length - 5);
        b.disconnect();
      } finally {
        await copy.stop();
      }
    } finally {
      a.disconnect();
      await source.stop();
    }
  });

  it('formatAclFile refuses what a file cannot hold', () => {
    const user: AclUser = {
      name: 'x',
      enabled: true,
      nopass: true,
      flags: ['on', 'nopass'],
      passwords: [],
      keys: ['~a b'],
      channels: [],
      commands: '+@all',
      selectors: [],
    };
    expect(() => formatAclFile([user])).toThrow('the rule "~a b" holds a space or line break');
    expect(() => formatAclFile([{ ...user, keys: [], name: 'a\nb' }])).toThrow(
      'cannot be written to an ACL file',
    );
  });
});
