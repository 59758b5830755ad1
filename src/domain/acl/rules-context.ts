// What Redis checks of a rule against the state it lands on: no pattern after the allkeys
// flag (`~*`, `allkeys`) or the allchannels flag (`&*`, `allchannels`) without a reset in
// between. The state is not always empty (redis-server 7.0.15, tried):
// - ACL SETUSER without `reset` adds the rules to the user as it is: `~x` is refused on a
//   user that has `~*`, `&x` on one that has `&*`.
// - With `acl-pubsub-default allchannels`, every new user, every new selector `( ... )` and
//   every `reset` starts with the allchannels flag, so `&x` is refused unless `resetchannels`
//   comes first (in ACL LOAD and ACL SETUSER alike).
// The grammar (rules-parse.ts) applies these checks to a user that starts empty on a server
// with the default `resetchannels`; contextErrors() applies them to parsed tokens from any
// other start. Both run contextError(), so there is one copy of Redis's rule.
import { msg, redactToken } from './rules-messages.js';
import type { AclRule, AclRuleError, AclRuleToken, AclUser } from './types.js';

/** The server's `acl-pubsub-default`: the channels a new user, a selector and `reset` get. */
export type PubsubDefault = 'resetchannels' | 'allchannels';

/** Redis's default, assumed where the server's setting cannot be read. */
export const DEFAULT_PUBSUB: PubsubDefault = 'resetchannels';

export interface Scope {
  allKeys: boolean;
  allChannels: boolean;
  /** The flag was there before any rule: the user had it, or acl-pubsub-default gave it. */
  keysFrom?: 'user';
  channelsFrom?: 'user' | 'default';
  /** acl-pubsub-default allchannels: `reset` gives the allchannels flag back. */
  pubsubAll?: boolean;
}

/** Where rules start: a user as it is (ACL SETUSER without reset), or a new one. */
export interface RuleStart {
  /** The user the rules are added to; absent: a user that starts empty (new, or `reset`). */
  user?: AclUser;
  pubsubDefault?: PubsubDefault;
  /** A line of an ACL file: its messages say why each line starts empty. */
  fileLine?: boolean;
  /** The server is Redis 7.2 or newer (or its version is unknown): it refuses what only 7.0 loads. */
  since72?: boolean;
}

/** Redis 7.2 or newer by INFO's redis_version (Valkey 8 says 7.2.4); unknown counts as newer. */
export function since72(version: string | undefined): boolean {
  const [major = 0, minor = 0] = (version ?? '').split('.').map(Number);
  return version === undefined || major > 7 || (major === 7 && minor >= 2);
}

/** A scope that starts empty: a new user's root, a new selector, after `reset`. */
export function emptyScope(pubsubAll = false): Scope {
  const channelsFrom = pubsubAll ? ('default' as const) : undefined;
  return { allKeys: false, allChannels: pubsubAll, keysFrom: undefined, channelsFrom, pubsubAll };
}

/**
 * The root scope of `start`. ACL LIST (and GETUSER) print the allkeys flag and a lone
 * `%RW~*` pattern the same way, `~*`: nothing read tells them apart, so a user whose only
 * pattern is `~*` is taken to have the flag (what `~*` and `allkeys` set, by far the usual
 * case). `~*` among other patterns can only be the pattern: the flag clears them.
 */
export function startScope(start: RuleStart): Scope {
  const pubsubAll = start.pubsubDefault === 'allchannels';
  const user = start.user;
  if (!user) return emptyScope(pubsubAll);
  const allKeys = user.keys.length === 1 && user.keys[0] === '~*';
  const allChannels = user.channels.includes('&*');
  return {
    allKeys,
    allChannels,
    pubsubAll,
    ...(allKeys ? { keysFrom: 'user' as const } : {}),
    ...(allChannels ? { channelsFrom: 'user' as const } : {}),
  };
}

function keyAfterAll(text: string, scope: Scope): string {
  return scope.keysFrom === 'user' ? msg.userHasAllKeys(text) : msg.keyAfterAll(text);
}

function channelAfterAll(text: string, scope: Scope): string {
  if (scope.channelsFrom === 'user') return msg.userHasAllChannels(text);
  if (scope.channelsFrom === 'default') return msg.channelAfterPubsubDefault(text);
  return msg.channelAfterAll(text);
}

// Redis's own order of checks: `~*` and `allkeys` always succeed and set the flag.
export function contextError(rule: AclRule, text: string, scope: Scope): string | undefined {
  switch (rule.kind) {
    case 'allkeys':
      Object.assign(scope, { allKeys: true, keysFrom: undefined });
      return undefined;
    case 'allchannels':
      Object.assign(scope, { allChannels: true, channelsFrom: undefined });
      return undefined;
    case 'resetkeys':
      Object.assign(scope, { allKeys: false, keysFrom: undefined });
      return undefined;
    case 'resetchannels':
      Object.assign(scope, { allChannels: false, channelsFrom: undefined });
      return undefined;
    case 'reset':
      Object.assign(scope, emptyScope(scope.pubsubAll));
      return undefined;
    case 'key':
      // Only `~*` (and allkeys) set Redis's flag; `%RW~*` is a pattern like any other.
      if (scope.allKeys) return text === '~*' ? undefined : keyAfterAll(text, scope);
      if (text === '~*') Object.assign(scope, { allKeys: true, keysFrom: undefined });
      return undefined;
    case 'channel':
      if (rule.pattern === '*') Object.assign(scope, { allChannels: true, channelsFrom: undefined });
      else if (scope.allChannels) return channelAfterAll(text, scope);
      return undefined;
    default:
      return undefined;
  }
}

const errorAt = (t: AclRuleToken, message: string): AclRuleError => ({
  text: redactToken(t.text),
  start: t.start,
  end: t.end,
  message,
});

/**
 * contextError over parsed tokens applied to `start`. The grammar has checked them from an
 * empty start with `resetchannels`; any other start only sets more flags, so this finds
 * what the grammar could not know (and nothing for that start itself).
 */
export function contextErrors(tokens: readonly AclRuleToken[], start: RuleStart): AclRuleError[] {
  const root = startScope(start);
  const errors: AclRuleError[] = [];
  const check = (t: AclRuleToken, scope: Scope) => {
    const problem = contextError(t.rule, t.text, scope);
    if (problem !== undefined) errors.push(errorAt(t, problem));
  };
  for (const t of tokens) {
    if (t.rule.kind !== 'selector') check(t, root);
    else {
      const scope = emptyScope(root.pubsubAll);
      for (const r of t.rule.rules) check(r, scope);
    }
  }
  return errors;
}

/** Said whenever the server's setting could not be read: never assumed silently. */
export const pubsubAssumed = (why: string): string =>
  `acl-pubsub-default assumed resetchannels (Redis's default; channel rules are checked for it): ${why}`;
