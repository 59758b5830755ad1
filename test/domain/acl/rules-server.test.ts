// The grammar against a real redis-server 7.0: what it prints, what it accepts, what it rejects.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseRules,
  rulesToArgs,
  userFromListLine,
  validateAgainstServer,
} from '../../../src/domain/acl/rules.js';
import type { AclUser, CommandUniverse } from '../../../src/domain/acl/types.js';
import { startRedis } from '../../support/redis-server.js';
import type { RedisHandle } from '../../support/redis-server.js';
import { getUser, universeOf } from './server-helpers.js';

let server: RedisHandle;
let admin: Redis;
let universe: CommandUniverse;

beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default on nopass ~* &* +@all',
      'user alice on >alicepw ~app:* %R~ro:* &chan:* -@all +@read -keys +config|get (~sel:* -@all +set) (&n:* +publish)',
      'user bob off nopass %W~w:* skip-sanitize-payload +@all -@dangerous',
      'user carol on >c1 >c2 sanitize-payload allkeys allchannels -@all +select|0 +client|list',
    ],
  });
  admin = new Redis({ host: server.host, port: server.port, protocol: 2 });
  await admin.call('ACL', ['SETUSER', '\x1b[31mevil\u202e', 'on', 'nopass', '~x', '+get']);
  universe = await universeOf(admin);
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

const setuser = async (user: string, args: string[]): Promise<string | undefined> => {
  try {
    await admin.call('ACL', ['SETUSER', user, ...args]);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('against a real Redis', () => {
  it('userFromListLine reads every line of ACL LIST as ACL GETUSER describes the user', async () => {
    const lines = (await admin.call('ACL', ['LIST'])) as string[];
    expect(lines.length).toBe(5);
    for (const line of lines) {
      const user: AclUser = userFromListLine(line);
      expect(user).toEqual(await getUser(admin, user.name));
    }
    const evil = lines.map(userFromListLine).find((u) => u.name.startsWith('\x1b'));
    expect(evil?.name).toBe('\x1b[31mevil\u202e');
  });

  it('a >password sent as its #sha256 authenticates with the original password; <pw as !sha256 removes it', async () => {
    const { tokens, errors } = parseRules('on >Tr0ub4dor&3 >other ~* +@all');
    expect(errors).toEqual([]);
    const args = rulesToArgs(tokens, { hashPasswords: true });
    expect(args.join(' ')).not.toContain('Tr0ub4dor');
    expect(await setuser('hashed', ['reset', ...args])).toBeUndefined();
    const login = async (password: string) => {
      const c = new Redis({ host: server.host, port: server.port, protocol: 2, lazyConnect: true });
      c.on('error', () => undefined);
      try {
        await c.connect();
        return await c.call('AUTH', ['hashed', password]);
      } catch (error) {
        return (error as Error).message;
      } finally {
        c.disconnect();
      }
    };
    expect(await login('Tr0ub4dor&3')).toBe('OK');
    const removal = rulesToArgs(parseRules('<Tr0ub4dor&3').tokens, { hashPasswords: true });
    expect(removal[0]).toMatch(/^![0-9a-f]{64}$/);
    expect(await setuser('hashed', removal)).toBeUndefined();
    expect(await login('Tr0ub4dor&3')).toMatch(/WRONGPASS/);
    expect(await login('other')).toBe('OK');
  });

  it('validateAgainstServer agrees with what Redis accepts and rejects', async () => {
    const cases = [
      '+client|setinfo',
      '+nosuch',
      '+@nosuch',
      '-@nosuch',
      '+get',
      '+GET',
      '+config',
      '+client',
      '+config|get',
      '-config|set',
      '-config|nosuch',
      '+select|0',
      '-select|0',
      '+get|foo',
      '+@all',
      '-@all',
      '+@read',
      '+acl|whoami',
      '+clinet',
      '+@raed',
      '(+nosuch)',
      '(+get -@dangerous)',
      '(~a +client|setinfo)',
    ];
    for (const rule of cases) {
      const parsed = parseRules(rule);
      expect(parsed.errors, rule).toEqual([]);
      const ours = validateAgainstServer(parsed.tokens, universe);
      const theirs = await setuser('probe', [rule]);
      expect({ rule, rejected: ours.length > 0 }).toEqual({ rule, rejected: theirs !== undefined });
    }
  });

  it('suggests the closest name and locates the error inside a selector', () => {
    const { tokens } = parseRules('on +clinet -@raed (~a +client|setnam) +config|gte');
    const errors = validateAgainstServer(tokens, universe);
    expect(errors.map((e) => [e.text, e.start, e.end])).toEqual([
      ['+clinet', 3, 10],
      ['-@raed', 11, 17],
      ['+client|setnam', 22, 36],
      ['+config|gte', 38, 49],
    ]);
    expect(errors[0]?.message).toBe('unknown command "+clinet" on this server: did you mean +client?');
    expect(errors[1]?.message).toBe(
      'unknown category "-@raed" on this server: did you mean -@read? (ACL CAT lists them)',
    );
    expect(errors[2]?.message).toBe(
      '"+client|setnam": this server has no such subcommand of client; did you mean +client|setname?',
    );
    expect(errors[3]?.message).toContain('did you mean +config|get?');
    const [nosuch] = validateAgainstServer(parseRules('+nosuch -select|0').tokens, universe);
    expect(nosuch?.message).toBe('unknown command "+nosuch" on this server');
    expect(validateAgainstServer(parseRules('-select|0').tokens, universe)[0]?.message).toBe(
      '"-select|0": a first-argument rule can only be added; block the command (-select) and allow the argument you want (+select|0)',
    );
    // Valkey 8.1's: none of the servers the tests run on (7.0, 7.4, Valkey 8.0) has it.
    expect(validateAgainstServer(parseRules('+client|import-source').tokens, universe)[0]?.message).toBe(
      '"+client|import-source": this server has no such subcommand of client; +client allows all of them',
    );
  });
});
