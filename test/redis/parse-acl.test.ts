// Pure parsers of ACL replies, fed the RESP2 shapes a 7.0.15 server sends (captured by hand).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildUniverse,
  explainDryRunError,
  parseAclCat,
  parseClientUsers,
  parseConfigGet,
  parseDryRun,
  parseGetUser,
} from '../../src/redis/parse/acl.js';

const HASH = '2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b';
const app = [
  'flags',
  ['on'],
  'passwords',
  [HASH],
  'commands',
  '-@all +get +set',
  'keys',
  '~app:* %R~ro:*',
  'channels',
  '&chan:*',
  'selectors',
  [['commands', '-@all +hget', 'keys', '~x:*', 'channels', '']],
];

describe('parseGetUser', () => {
  it('reads a 7.0 reply: keys and channels split, selectors as flat arrays', () => {
    expect(parseGetUser('app', app)).toEqual({
      name: 'app',
      enabled: true,
      nopass: false,
      flags: ['on'],
      passwords: [HASH],
      commands: '-@all +get +set',
      keys: ['~app:*', '%R~ro:*'],
      channels: ['&chan:*'],
      selectors: [{ commands: '-@all +hget', keys: ['~x:*'], channels: [] }],
    });
  });

  it('a default-like user: nopass, empty strings become empty lists', () => {
    const u = parseGetUser('d', [
      'flags',
      ['off', 'nopass', 'sanitize-payload'],
      'passwords',
      [],
      'commands',
      '-@all',
      'keys',
      '',
      'channels',
      '',
      'selectors',
      [],
    ]);
    expect(u).toMatchObject({ enabled: false, nopass: true, keys: [], channels: [], selectors: [] });
    expect(u?.flags).toEqual(['off', 'nopass', 'sanitize-payload']);
  });

  it('null (no such user) is undefined', () => {
    expect(parseGetUser('x', null)).toBeUndefined();
  });

  it('accepts the 6.2 array form of keys and channels', () => {
    const reply = [...app];
    reply[7] = ['~a', '~b'];
    reply[9] = ['&c'];
    expect(parseGetUser('app', reply)).toMatchObject({ keys: ['~a', '~b'], channels: ['&c'] });
  });

  it('malformed replies throw an Error that says what was wrong', () => {
    expect(() => parseGetUser('u', 'OK')).toThrow(/ACL GETUSER u: expected a key\/value array, got string/);
    expect(() => parseGetUser('u', ['flags'])).toThrow(/odd length/);
    expect(() => parseGetUser('u', ['commands', '+@all'])).toThrow(/"flags" field is missing/);
    expect(() => parseGetUser('u', ['flags', 'on', 'commands', ''])).toThrow(/flags: expected an array/);
    expect(() => parseGetUser('u', ['flags', [1], 'commands', ''])).toThrow(/flags\[0\]: expected a string/);
    expect(() => parseGetUser('u', ['flags', [], 'commands', '', 'selectors', 'x'])).toThrow(/selectors/);
    expect(() => parseGetUser('u', ['flags', [], 'commands', '', 'selectors', [['keys']]])).toThrow(
      /selector 1/,
    );
  });

  it('never crashes with anything but an Error on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (reply) => {
        try {
          parseGetUser('u', reply);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
        }
      }),
    );
  });
});

describe('parseClientUsers', () => {
  const line = (id: number, user: string) =>
    `id=${id} addr=127.0.0.1:1 laddr=127.0.0.1:2 fd=8 name= age=0 idle=0 flags=N db=0 cmd=client|list user=${user} redir=-1 resp=2`;

  it('counts clients per user, names with = and escape bytes kept raw', () => {
    const text =
      [line(1, 'default'), line(2, 'a=b'), line(3, 'default'), line(4, '\x1b[31m\u202e')].join('\n') + '\n';
    expect(parseClientUsers(text)).toEqual(
      new Map([
        ['default', 2],
        ['a=b', 1],
        ['\x1b[31m\u202e', 1],
      ]),
    );
  });

  it('an empty list and lines without user= count nothing; CRLF is tolerated', () => {
    expect(parseClientUsers('').size).toBe(0);
    expect(parseClientUsers('id=1 addr=x\r\n').size).toBe(0);
    expect(parseClientUsers(`${line(1, 'u')}\r\n`)).toEqual(new Map([['u', 1]]));
  });

  it('round-trips any whitespace-free username', () => {
    const name = fc.string({ unit: 'binary', minLength: 1 }).filter((s) => !/[\s\0]/.test(s));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 20 }), (names) => {
        const counts = parseClientUsers(names.map((n, i) => line(i, n)).join('\n'));
        for (const n of names) expect(counts.get(n)).toBe(names.filter((m) => m === n).length);
      }),
    );
  });
});

describe('parseDryRun', () => {
  it('OK is allowed; a bulk-string denial carries its reason', () => {
    expect(parseDryRun('OK')).toEqual({ allowed: true });
    const reason = "This user has no permissions to access the 'app:1' key";
    expect(parseDryRun(reason)).toEqual({ allowed: false, reason });
  });

  it('anything else throws', () => {
    expect(() => parseDryRun(null)).toThrow(/ACL DRYRUN: expected a string, got null/);
    expect(() => parseDryRun(1)).toThrow(/got number/);
    expect(() => parseDryRun('')).toThrow(/empty/);
  });

  it('names the unknown user or command behind a not-found error', () => {
    expect(explainDryRunError("ERR User 'bob' not found", 'bob', 'get')).toBe('no user "bob" on this server');
    expect(explainDryRunError("ERR Command 'nosuch' not found", 'app', 'nosuch')).toBe(
      'no command "nosuch" on this server',
    );
    expect(explainDryRunError("ERR wrong number of arguments for 'set' command", 'a', 'set')).toBeUndefined();
  });
});

describe('ACL CAT and CONFIG GET', () => {
  it('builds the command universe from ACL CAT replies', () => {
    expect(parseAclCat(['keyspace', 'read'])).toEqual(['keyspace', 'read']);
    const u = buildUniverse(
      new Map<string, unknown>([
        ['read', ['get', 'HGET']],
        ['admin', ['config|get', 'acl|list']],
      ]),
    );
    expect(u.categories.get('read')).toEqual(new Set(['get', 'hget']));
    expect(u.commands).toEqual(new Set(['get', 'hget', 'config|get', 'acl|list']));
    expect(() => buildUniverse(new Map([['read', 'x']]))).toThrow(/ACL CAT read: expected an array/);
    expect(() => parseAclCat(null)).toThrow(/ACL CAT/);
  });

  it('reads a CONFIG GET pair list', () => {
    expect(parseConfigGet(['aclfile', '/etc/redis/users.acl'])).toEqual(
      new Map([['aclfile', '/etc/redis/users.acl']]),
    );
    expect(parseConfigGet([])).toEqual(new Map());
    expect(() => parseConfigGet(['aclfile'])).toThrow(/odd length/);
  });
});
