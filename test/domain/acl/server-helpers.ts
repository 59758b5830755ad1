// Reading a real server in the shapes of the ACL model, independently of src/redis, so the
// tests compare the grammar with what Redis itself reports.
import type { Redis } from 'ioredis';
import type { AclSelector, AclUser, CommandUniverse } from '../../../src/domain/acl/types.js';

export async function universeOf(redis: Redis): Promise<CommandUniverse> {
  const categories = new Map<string, Set<string>>();
  const commands = new Set<string>();
  for (const cat of (await redis.call('ACL', ['CAT'])) as string[]) {
    const members = new Set((await redis.call('ACL', ['CAT', cat])) as string[]);
    categories.set(cat, members);
    for (const c of members) commands.add(c);
  }
  return { categories, commands };
}

const pairs = (reply: unknown[]): Map<string, unknown> => {
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < reply.length; i += 2) map.set(String(reply[i]), reply[i + 1]);
  return map;
};
const words = (v: unknown): string[] => (typeof v === 'string' ? v : '').split(' ').filter((w) => w !== '');

function selectorOf(reply: unknown[]): AclSelector {
  const m = pairs(reply);
  return {
    keys: words(m.get('keys')),
    channels: words(m.get('channels')),
    commands: words(m.get('commands')).join(' '),
  };
}

/** ACL GETUSER as an AclUser (7.0 shape: flags, passwords, commands, keys, channels, selectors). */
export async function getUser(redis: Redis, name: string): Promise<AclUser | null> {
  const reply = (await redis.call('ACL', ['GETUSER', name])) as unknown[] | null;
  if (reply === null) return null;
  const m = pairs(reply);
  const flags = (m.get('flags') as string[]).map(String);
  const root = selectorOf(reply);
  return {
    name,
    enabled: flags.includes('on'),
    nopass: flags.includes('nopass'),
    flags,
    passwords: (m.get('passwords') as string[]).map(String),
    ...root,
    selectors: ((m.get('selectors') as unknown[][] | undefined) ?? []).map(selectorOf),
  };
}

/** Every user as GETUSER reports it, by name. */
export async function allUsers(redis: Redis): Promise<Map<string, AclUser | null>> {
  const names = ((await redis.call('ACL', ['USERS'])) as string[]).map(String);
  const users = new Map<string, AclUser | null>();
  for (const name of names) users.set(name, await getUser(redis, name));
  return users;
}

/** ACL SETUSER's verdict: undefined when Redis took the rules, else its error. */
export async function setUserVerdict(
  redis: Redis,
  name: string,
  args: readonly string[],
): Promise<string | undefined> {
  try {
    await redis.call('ACL', ['SETUSER', name, ...args]);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

// Refused here though the server accepts them, because newer servers crash on the user they
// make (ACL LIST, ACL GETUSER or ACL SAVE fail an assertion and the server exits; seen on
// 7.4.1 and Valkey 8.0.1): `%` alone (7.0 refuses it too), and a first argument holding a
// space or a quote (`+get|x on))`; 7.0 describes it fine).
export const deliberate = (mine: string[], theirs: string | undefined): boolean =>
  theirs === undefined &&
  mine.length > 0 &&
  // The editor prefixes the column (`column 1: "%": ...`), acl plan does not.
  mine.every((m) => /^(column \d+: )?"%": /.test(m) || m.includes('then crash on ACL LIST'));
