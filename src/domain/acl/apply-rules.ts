// What ACL SETUSER would make of a user: the rules applied to a model, locally, so a plan
// or the rule editor can show the result before anything is sent.
import { ruleToText, sha256Hex } from './rules.js';
import { tokenText } from './rules-text.js';
import type { AclRuleToken, AclSelector, AclUser } from './types.js';
import type { PubsubDefault } from './rules-context.js';

// One hashing of passwords for the whole ACL domain (rules-text.ts sends `>pw` as `#hash`).
export const sha256 = sha256Hex;

/** A user as ACL SETUSER creates it: off, no password, no keys, `-@all`, channels per acl-pubsub-default. */
export function blankUser(name: string, pubsub?: PubsubDefault): AclUser {
  return {
    name,
    enabled: false,
    nopass: false,
    flags: ['off'],
    passwords: [],
    keys: [],
    channels: pubsub === 'allchannels' ? ['&*'] : [],
    commands: '-@all',
    selectors: [],
  };
}

type Access = 'R' | 'W' | 'RW';
const keyText = (access: Access, pattern: string) =>
  access === 'RW' ? `~${pattern}` : `%${access}~${pattern}`;

function keyOf(text: string): { access: Access; pattern: string } {
  const m = /^%(RW|R|W)~(.*)$/s.exec(text);
  if (m) return { access: m[1] as Access, pattern: m[2]! };
  return { access: 'RW', pattern: text.slice(1) };
}

/**
 * One selector (the root or a `( ... )`) while rules are applied: patterns by name in the
 * order Redis keeps them, so each rule costs O(1) however many patterns a user has.
 */
interface Scope {
  /** Pattern -> the rule as printed (`~p`, `%R~p`). */
  keys: Map<string, string>;
  channels: Set<string>;
  /** Command rules as text; `+@all` / `-@all` (and their aliases) start it afresh. */
  commands: string[];
}

function scopeOf(keys: readonly string[], channels: readonly string[], commands: string): Scope {
  return {
    keys: new Map(keys.map((k) => [keyOf(k).pattern, k])),
    channels: new Set(channels.map((c) => c.slice(1))),
    commands: commands === '' ? [] : [commands],
  };
}

const scopeKeys = (s: Scope): string[] => [...s.keys.values()];
const scopeChannels = (s: Scope): string[] => [...s.channels].map((p) => `&${p}`);

/**
 * A rule Redis 7.0's ACLSetSelector handles; false for the rules only a user has. `~*` (and
 * allkeys) replace every pattern; any other pattern already there gains the new access in
 * place (`%R~a %W~a` reads back as `~a`, and so does `%RW~*` as `~*`, kept in its place).
 */
function applyToScope(s: Scope, token: AclRuleToken): boolean {
  const { rule } = token;
  switch (rule.kind) {
    case 'key': {
      if (rule.access === 'RW' && rule.pattern === '*' && !rule.flagless) s.keys.clear();
      const old = s.keys.get(rule.pattern);
      const access = old === undefined || keyOf(old).access === rule.access ? rule.access : 'RW';
      if (old === undefined || access !== keyOf(old).access)
        s.keys.set(
          rule.pattern,
          rule.flagless ? '~*' : access === rule.access ? tokenText(token) : keyText(access, rule.pattern),
        );
      return true;
    }
    case 'allkeys':
      s.keys.clear();
      s.keys.set('*', '~*');
      return true;
    case 'resetkeys':
      s.keys.clear();
      return true;
    case 'channel':
      // `&*` replaces every channel pattern (it is `allchannels`); a repeated one is kept once.
      if (rule.pattern === '*') s.channels.clear();
      s.channels.add(rule.pattern);
      return true;
    case 'allchannels':
      s.channels.clear();
      s.channels.add('*');
      return true;
    case 'resetchannels':
      s.channels.clear();
      return true;
    case 'allcommands':
    case 'nocommands':
      s.commands = [rule.kind === 'allcommands' ? '+@all' : '-@all'];
      return true;
    case 'command':
      if (rule.category && rule.name === 'all') s.commands = [ruleToText(rule)];
      else s.commands.push(ruleToText(rule));
      return true;
    default:
      return false;
  }
}

function applySelector(tokens: readonly AclRuleToken[], pubsub?: PubsubDefault): AclSelector {
  const sel = scopeOf([], pubsub === 'allchannels' ? ['&*'] : [], '-@all');
  for (const token of tokens) applyToScope(sel, token);
  return { keys: scopeKeys(sel), channels: scopeChannels(sel), commands: sel.commands.join(' ') };
}

/**
 * Applies rules to a copy of `user`, as one ACL SETUSER would on a server with that
 * acl-pubsub-default (a selector and `reset` start with its channels). Plain passwords become hashes.
 */
export function applyRules(user: AclUser, tokens: readonly AclRuleToken[], pubsub?: PubsubDefault): AclUser {
  let u: AclUser = { ...user };
  let root = scopeOf(user.keys, user.channels, user.commands);
  // A Set keeps Redis's order (a re-added password goes last) and finds a hash in O(1).
  let passwords = new Set(user.passwords);
  let selectors = [...user.selectors];
  for (const token of tokens) {
    if (applyToScope(root, token)) continue;
    const { rule } = token;
    switch (rule.kind) {
      case 'on':
      case 'off':
        u.enabled = rule.kind === 'on';
        break;
      case 'nopass':
      case 'resetpass':
        u.nopass = rule.kind === 'nopass';
        passwords = new Set();
        break;
      case 'password':
      case 'hash': {
        const hash = rule.kind === 'hash' ? rule.hash : sha256(rule.secret);
        if (rule.op === 'remove') passwords.delete(hash);
        else {
          passwords.add(hash);
          u.nopass = false;
        }
        break;
      }
      case 'selector':
        selectors.push(applySelector(rule.rules, pubsub));
        break;
      case 'clearselectors':
        selectors = [];
        break;
      case 'reset':
        // Unlike a user SETUSER creates, `reset` sets sanitize-payload (Redis 7.0 ACLSetUser).
        u = { ...blankUser(u.name, pubsub), flags: ['off', 'sanitize-payload'] };
        root = scopeOf([], u.channels, '-@all');
        passwords = new Set();
        selectors = [];
        break;
      case 'sanitize-payload':
      case 'skip-sanitize-payload':
        u.flags = [...u.flags.filter((f) => !f.endsWith('sanitize-payload')), rule.kind];
        break;
      default:
        break;
    }
  }
  const extra = u.flags.filter((f) => !['on', 'off', 'nopass'].includes(f));
  return {
    ...u,
    flags: [u.enabled ? 'on' : 'off', ...(u.nopass ? ['nopass'] : []), ...extra],
    passwords: [...passwords],
    keys: scopeKeys(root),
    channels: scopeChannels(root),
    commands: root.commands.join(' '),
    selectors,
  };
}
