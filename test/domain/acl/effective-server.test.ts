// The local ACL model against a real redis-server 7.0: random rule sequences go through
// ACL SETUSER, and what Redis reads back (ACL GETUSER) and enforces (ACL DRYRUN) must be
// what effectiveOf / applyRules / diffUsers predict. Counterexamples found here are kept
// as unit tests in effective.test.ts and apply-rules.test.ts.
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRules, blankUser, sha256 } from '../../../src/domain/acl/apply-rules.js';
import { diffUsers } from '../../../src/domain/acl/diff.js';
import { diffEffective, effectiveOfText } from '../../../src/domain/acl/effective.js';
import { parseRuleArgs, validateAgainstServer } from '../../../src/domain/acl/rules.js';
import type { AclUser, CommandUniverse } from '../../../src/domain/acl/types.js';
import { buildUniverse, parseAclCat, parseDryRun, parseGetUser } from '../../../src/redis/parse/acl.js';
import { startRedis } from '../../support/redis-server.js';
import type { RedisHandle } from '../../support/redis-server.js';

let server: RedisHandle;
let admin: Redis;
let universe: CommandUniverse;

beforeAll(async () => {
  server = await startRedis({ aclUsers: ['user default on nopass ~* &* +@all'] });
  admin = new Redis({ host: server.host, port: server.port, protocol: 2 });
  const cats = parseAclCat(await admin.call('ACL', ['CAT']));
  const byCat = new Map<string, unknown>();
  for (const c of cats) byCat.set(c, await admin.call('ACL', ['CAT', c]));
  universe = buildUniverse(byCat);
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

const setuser = async (args: string[]): Promise<string | undefined> => {
  try {
    await admin.call('ACL', ['SETUSER', 'u', ...args]);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

const getUser = async (): Promise<AclUser> => {
  const user = parseGetUser('u', await admin.call('ACL', ['GETUSER', 'u']));
  if (!user) throw new Error('user u vanished');
  return user;
};

// Real names chosen for their edges: parents (`client`), subcommands, first arguments
// (`select|0`), and a few invalid on purpose (`-select|0`, `+nosuch`) that Redis rejects.
const NAMED = [
  'get',
  'set',
  'keys',
  'ping',
  'info',
  'flushall',
  'eval',
  'config',
  'config|get',
  'config|set',
  'client',
  'client|list',
  'client|kill',
  'acl',
  'acl|whoami',
  'acl|setuser',
  'select',
  'select|0',
  'select|1',
  'debug|object',
  'nosuch',
];
// Not `%RW~*`: Redis takes it as a plain pattern and accepts `~x` after it, which the grammar
// refuses (a rules-parse finding); the quirk has its own test below.
const KEYS = [
  '%R~*',
  '%W~*',
  '~x:*',
  '~app:*',
  '%R~x:*',
  '%W~x:*',
  '%R~app:*',
  '%RW~app:*',
  '~*',
  'allkeys',
  'resetkeys',
];
const CHANNELS = ['&ch:*', '&*', 'allchannels', 'resetchannels'];
const USER_ONLY = [
  'on',
  'off',
  'nopass',
  'resetpass',
  '>pw1',
  '>pw2',
  '<pw1',
  `#${sha256('pw3')}`,
  `!${sha256('pw2')}`,
  'sanitize-payload',
  'skip-sanitize-payload',
  'clearselectors',
  'reset',
];

function rulePool(u: CommandUniverse): fc.Arbitrary<string> {
  const names = fc.oneof(fc.constantFrom(...NAMED), fc.constantFrom(...u.commands));
  const command = fc.tuple(fc.constantFrom('+', '-'), names).map(([s, n]) => s + n);
  const category = fc
    .tuple(fc.constantFrom('+@', '-@'), fc.constantFrom('all', ...u.categories.keys()))
    .map(([s, c]) => s + c);
  const key = fc.constantFrom(...KEYS);
  const channel = fc.constantFrom(...CHANNELS);
  const bulk = fc.constantFrom('allcommands', 'nocommands');
  const inner = fc.oneof(command, category, key, channel, bulk);
  const selector = fc.array(inner, { minLength: 1, maxLength: 4 }).map((r) => `(${r.join(' ')})`);
  return fc.oneof(
    { weight: 5, arbitrary: command },
    { weight: 4, arbitrary: category },
    { weight: 3, arbitrary: key },
    { weight: 1, arbitrary: channel },
    { weight: 1, arbitrary: bulk },
    { weight: 3, arbitrary: fc.constantFrom(...USER_ONLY) },
    { weight: 2, arbitrary: selector },
  );
}

// ACL DRYRUN probes: the leaf the command resolves to, its first argument, and the key it
// touches with the access it needs (SET without GET only writes).
const PROBES: { args: string[]; leaf: string; first?: string; key?: string; access?: 'R' | 'W' }[] = [
  { args: ['ping'], leaf: 'ping' },
  { args: ['info'], leaf: 'info' },
  { args: ['keys', '*'], leaf: 'keys' },
  { args: ['flushall'], leaf: 'flushall' },
  { args: ['config', 'get', 'x'], leaf: 'config|get' },
  { args: ['client', 'list'], leaf: 'client|list' },
  { args: ['client', 'kill', '1.2.3.4:5'], leaf: 'client|kill' },
  { args: ['acl', 'whoami'], leaf: 'acl|whoami' },
  { args: ['select', '0'], leaf: 'select', first: '0' },
  { args: ['select', '1'], leaf: 'select', first: '1' },
  { args: ['get', 'x:1'], leaf: 'get', key: 'x:1', access: 'R' },
  { args: ['get', 'app:1'], leaf: 'get', key: 'app:1', access: 'R' },
  { args: ['set', 'x:1', 'v'], leaf: 'set', key: 'x:1', access: 'W' },
];

// The pool's patterns are `*`, `x:*` and `app:*`: a prefix match is the whole glob.
function grants(keys: readonly string[], key: string, access: 'R' | 'W'): boolean {
  return keys.some((k) => {
    const m = /^(?:%([RW]+))?~(.*)$/.exec(k);
    if (!m) return false;
    const rights = m[1] ?? 'RW';
    const pattern = m[2]!;
    return rights.includes(access) && (pattern === '*' || key.startsWith(pattern.replace(/\*$/, '')));
  });
}

/** What the local model says ACL DRYRUN answers: the root or any selector allows it. */
function modelAllows(user: AclUser, probe: (typeof PROBES)[number]): boolean {
  return [user, ...user.selectors].some((scope) => {
    const eff = effectiveOfText(scope.commands, universe);
    const cmdOk =
      eff.allowed.has(probe.leaf) ||
      (probe.first !== undefined && eff.allowed.has(`${probe.leaf}|${probe.first}`));
    return cmdOk && (probe.key === undefined || grants(scope.keys, probe.key, probe.access!));
  });
}

// Everything but the command strings, which only compare as effective sets.
const printed = (u: AclUser) => ({
  enabled: u.enabled,
  nopass: u.nopass,
  flags: [...u.flags].sort(),
  passwords: u.passwords,
  keys: u.keys,
  channels: u.channels,
  selectors: u.selectors.map((s) => ({ keys: s.keys, channels: s.channels })),
});

// The one rejection nothing local can predict: `<pw` / `!hash` of a password the user
// does not hold. The grammar cannot know the user's passwords.
const STATEFUL = /password you are trying to remove from the user does not exist/;

describe('the local ACL model agrees with redis-server 7.0', () => {
  it('effective commands, every aspect of the user, and ACL DRYRUN, for random rule sequences', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(rulePool(universe), { maxLength: 8 }), async (rules) => {
        const args = ['reset', ...rules];
        const parsed = parseRuleArgs(args);
        const flagged = [...parsed.errors, ...validateAgainstServer(parsed.tokens, universe)];
        const error = await setuser(args);
        if (error !== undefined) {
          // Redis said no: the grammar or the server check must have said so first.
          if (!STATEFUL.test(error))
            expect({ rules, flagged: flagged.length > 0, error }).toMatchObject({ flagged: true });
          return;
        }
        expect({ rules, flagged: flagged.map((e) => e.message) }).toEqual({ rules, flagged: [] });
        accepted++;
        const theirs = await getUser();
        const ours = applyRules(blankUser('u'), parsed.tokens);
        const commands = diffEffective(
          effectiveOfText(theirs.commands, universe),
          effectiveOfText(ours.commands, universe),
        );
        expect({ rules, commands }).toEqual({ rules, commands: { gained: [], lost: [] } });
        expect({ rules, diff: diffUsers(theirs, ours, universe) }).toEqual({ rules, diff: [] });
        // Strictly, not just as enforced: the model holds what Redis prints, in its order.
        expect({ rules, ...printed(ours) }).toEqual({ rules, ...printed(theirs) });
        for (const probe of PROBES) {
          const real = parseDryRun(await admin.call('ACL', ['DRYRUN', 'u', ...probe.args])).allowed;
          expect({ rules, probe: probe.args.join(' '), allowed: modelAllows(ours, probe) }).toEqual({
            rules,
            probe: probe.args.join(' '),
            allowed: real,
          });
        }
      }),
      { numRuns: 120 },
    );
    // Most sequences must be accepted, or the property tests little.
    expect(accepted).toBeGreaterThan(40);
  });

  it('`%RW~*` keeps the patterns before it (unlike `~*`); diffUsers still sees the same grant', async () => {
    const args = ['reset', '~app:*', '%RW~*'];
    expect(await setuser(args)).toBeUndefined();
    const theirs = await getUser();
    expect(theirs.keys).toEqual(['~app:*', '~*']);
    const ours = applyRules(blankUser('u'), parseRuleArgs(args).tokens);
    expect(ours.keys).toEqual(theirs.keys);
    expect(diffUsers(theirs, ours, universe)).toEqual([]);
  });
});
