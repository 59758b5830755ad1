// ACL replies (RESP2) -> the shared ACL model. Pure. A reply of an unexpected shape throws
// an Error naming what was wrong, so a server we do not understand is reported, not
// silently shown as a user with no rules.
import type { AclSelector, AclUser, CommandUniverse } from '../../domain/acl/types.js';
import { decodeServerBytes } from '../../domain/bytes.js';

export type DryRunResult = { allowed: true } | { allowed: false; reason: string };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}

function text(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  // Names, key patterns and channels are bytes: every byte is kept (src/domain/bytes.ts).
  if (value instanceof Uint8Array) return decodeServerBytes(value);
  throw new Error(`${what}: expected a string, got ${describe(value)}`);
}

function textList(value: unknown, what: string): string[] {
  if (!Array.isArray(value)) throw new Error(`${what}: expected an array, got ${describe(value)}`);
  return value.map((v, i) => text(v, `${what}[${i}]`));
}

/** Patterns Redis 7.0 prints as one space-separated string (6.2 sent an array): either form. */
function patterns(value: unknown, what: string): string[] {
  if (Array.isArray(value)) return textList(value, what);
  return text(value, what)
    .split(' ')
    .filter((p) => p.length > 0);
}

/** A flat [key, value, key, value, ...] array -> a map; keys are lower-cased. */
function pairs(reply: unknown, what: string): Map<string, unknown> {
  if (!Array.isArray(reply)) throw new Error(`${what}: expected a key/value array, got ${describe(reply)}`);
  if (reply.length % 2 !== 0) throw new Error(`${what}: key/value array has an odd length (${reply.length})`);
  const out = new Map<string, unknown>();
  for (let i = 0; i < reply.length; i += 2)
    out.set(text(reply[i], `${what} key`).toLowerCase(), reply[i + 1]);
  return out;
}

function field(map: Map<string, unknown>, key: string, what: string): unknown {
  if (!map.has(key)) throw new Error(`${what}: the "${key}" field is missing`);
  return map.get(key);
}

function parseSelector(reply: unknown, what: string): AclSelector {
  const map = pairs(reply, what);
  return {
    keys: patterns(map.get('keys') ?? '', `${what} keys`),
    channels: patterns(map.get('channels') ?? '', `${what} channels`),
    commands: text(field(map, 'commands', what), `${what} commands`),
  };
}

/** ACL GETUSER reply -> AclUser; a null reply (no such user) -> undefined. */
export function parseGetUser(name: string, reply: unknown): AclUser | undefined {
  if (reply === null || reply === undefined) return undefined;
  const what = `ACL GETUSER ${name}`;
  const map = pairs(reply, what);
  const flags = textList(field(map, 'flags', what), `${what} flags`);
  const selectors = map.get('selectors') ?? [];
  if (!Array.isArray(selectors)) {
    throw new Error(`${what} selectors: expected an array, got ${describe(selectors)}`);
  }
  return {
    name,
    enabled: flags.includes('on'),
    nopass: flags.includes('nopass'),
    flags,
    passwords: textList(map.get('passwords') ?? [], `${what} passwords`),
    keys: patterns(map.get('keys') ?? '', `${what} keys`),
    // Redis 6.0 had no channels field (pub/sub was not covered by ACLs yet).
    channels: patterns(map.get('channels') ?? '', `${what} channels`),
    commands: text(field(map, 'commands', what), `${what} commands`),
    selectors: selectors.map((s, i) => parseSelector(s, `${what} selector ${i + 1}`)),
  };
}

/**
 * CLIENT LIST -> connected clients per user. Usernames cannot hold whitespace (Redis refuses
 * them), so a line splits on spaces safely; a name may hold `=`, so only the first `=` of a
 * field separates key from value.
 */
export function parseClientUsers(clientList: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of clientList.split('\n')) {
    const fields = line.replace(/\r$/, '').split(' ');
    const user = fields.find((f) => f.startsWith('user='));
    if (user === undefined) continue;
    const name = user.slice('user='.length);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/** ACL DRYRUN reply: `OK`, or (on 7.0) the denial as a bulk string, not an error. */
export function parseDryRun(reply: unknown): DryRunResult {
  const value = text(reply, 'ACL DRYRUN');
  if (value === 'OK') return { allowed: true };
  if (value.length === 0) throw new Error('ACL DRYRUN: empty reply');
  return { allowed: false, reason: value };
}

/** ACL CAT (no argument) -> category names. */
export function parseAclCat(reply: unknown): string[] {
  return textList(reply, 'ACL CAT');
}

/** Category -> its commands (each from ACL CAT <category>) -> the command universe. */
export function buildUniverse(byCategory: ReadonlyMap<string, unknown>): CommandUniverse {
  const categories = new Map<string, Set<string>>();
  const commands = new Set<string>();
  for (const [category, reply] of byCategory) {
    // Command names are case-insensitive in Redis; lower-case keeps lookups simple.
    const members = new Set(textList(reply, `ACL CAT ${category}`).map((c) => c.toLowerCase()));
    categories.set(category.toLowerCase(), members);
    for (const c of members) commands.add(c);
  }
  return { categories, commands };
}

/** ACL DRYRUN failed with an error: say which argument the server did not know. */
export function explainDryRunError(message: string, user: string, command: string): string | undefined {
  if (/^ERR User '.*' not found$/s.test(message)) return `no user "${user}" on this server`;
  if (/^ERR Command '.*' not found$/s.test(message)) return `no command "${command}" on this server`;
  return undefined;
}

/** CONFIG GET reply (RESP2: a flat name/value array) -> name -> value. */
export function parseConfigGet(reply: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of pairs(reply, 'CONFIG GET')) out.set(k, text(v, `CONFIG GET ${k}`));
  return out;
}
