// What ACL SETUSER would make of a user: the rules applied to a model, locally, so a plan
// or the rule editor can show the result before anything is sent.
import { ruleToText, sha256Hex } from './rules.js';
import type { AclRule, AclRuleToken, AclSelector, AclUser } from './types.js';

// One hashing of passwords for the whole ACL domain (rules-text.ts sends `>pw` as `#hash`).
export const sha256 = sha256Hex;

/** A user as ACL SETUSER creates it: off, no password, no keys, `-@all` (acl-pubsub-default resetchannels). */
export function blankUser(name: string): AclUser {
  return {
    name,
    enabled: false,
    nopass: false,
    flags: ['off'],
    passwords: [],
    keys: [],
    channels: [],
    commands: '-@all',
    selectors: [],
  };
}

const keyText = (access: 'R' | 'W' | 'RW', pattern: string) =>
  access === 'RW' ? `~${pattern}` : `%${access}~${pattern}`;

function keyOf(text: string): { access: 'R' | 'W' | 'RW'; pattern: string } {
  const m = /^%(RW|R|W)~(.*)$/s.exec(text);
  if (m) return { access: m[1] as 'R' | 'W' | 'RW', pattern: m[2]! };
  return { access: 'RW', pattern: text.slice(1) };
}

/**
 * Adds a key pattern as Redis 7.0 does: `~*` replaces every pattern (it is `allkeys`), and a
 * pattern already there gains the new access in place (`%R~a %W~a` reads back as `~a`).
 */
function addKey(keys: readonly string[], r: Extract<AclRule, { kind: 'key' }>): string[] {
  if (r.access === 'RW' && r.pattern === '*') return ['~*'];
  const at = keys.findIndex((k) => keyOf(k).pattern === r.pattern);
  if (at < 0) return [...keys, keyText(r.access, r.pattern)];
  const old = keyOf(keys[at]!).access;
  const access = old === r.access ? old : 'RW';
  return keys.map((k, i) => (i === at ? keyText(access, r.pattern) : k));
}

/** `&*` replaces every channel pattern (it is `allchannels`); a repeated pattern is kept once. */
function addChannel(channels: readonly string[], pattern: string): string[] {
  if (pattern === '*') return ['&*'];
  const text = `&${pattern}`;
  return channels.includes(text) ? [...channels] : [...channels, text];
}

/** Command rules accumulate as text; `+@all` / `-@all` (and their aliases) start it afresh. */
function addCommand(commands: string, rule: AclRule): string {
  if (rule.kind === 'allcommands') return '+@all';
  if (rule.kind === 'nocommands') return '-@all';
  const text = ruleToText(rule);
  if (rule.kind === 'command' && rule.category && rule.name === 'all') return text;
  return `${commands} ${text}`;
}

function applySelector(tokens: readonly AclRuleToken[]): AclSelector {
  const sel: AclSelector = { keys: [], channels: [], commands: '-@all' };
  for (const { rule } of tokens) {
    if (rule.kind === 'key') sel.keys = addKey(sel.keys, rule);
    else if (rule.kind === 'allkeys') sel.keys = ['~*'];
    else if (rule.kind === 'resetkeys') sel.keys = [];
    else if (rule.kind === 'channel') sel.channels = addChannel(sel.channels, rule.pattern);
    else if (rule.kind === 'allchannels') sel.channels = ['&*'];
    else if (rule.kind === 'resetchannels') sel.channels = [];
    else sel.commands = addCommand(sel.commands, rule);
  }
  return sel;
}

/** Applies rules to a copy of `user`, as one ACL SETUSER would. Plain passwords become hashes. */
export function applyRules(user: AclUser, tokens: readonly AclRuleToken[]): AclUser {
  let u: AclUser = {
    ...user,
    passwords: [...user.passwords],
    keys: [...user.keys],
    channels: [...user.channels],
    selectors: [...user.selectors],
  };
  const dropHash = (h: string) => (u.passwords = u.passwords.filter((p) => p !== h));
  const addHash = (h: string) => {
    if (!u.passwords.includes(h)) u.passwords.push(h);
    u.nopass = false;
  };
  for (const { rule } of tokens) {
    switch (rule.kind) {
      case 'on':
      case 'off':
        u.enabled = rule.kind === 'on';
        break;
      case 'nopass':
        u.nopass = true;
        u.passwords = [];
        break;
      case 'resetpass':
        u.nopass = false;
        u.passwords = [];
        break;
      case 'password':
        if (rule.op === 'add') addHash(sha256(rule.secret));
        else dropHash(sha256(rule.secret));
        break;
      case 'hash':
        if (rule.op === 'add') addHash(rule.hash);
        else dropHash(rule.hash);
        break;
      case 'key':
        u.keys = addKey(u.keys, rule);
        break;
      case 'allkeys':
        u.keys = ['~*'];
        break;
      case 'resetkeys':
        u.keys = [];
        break;
      case 'channel':
        u.channels = addChannel(u.channels, rule.pattern);
        break;
      case 'allchannels':
        u.channels = ['&*'];
        break;
      case 'resetchannels':
        u.channels = [];
        break;
      case 'selector':
        u.selectors.push(applySelector(rule.rules));
        break;
      case 'clearselectors':
        u.selectors = [];
        break;
      case 'reset':
        // Unlike a user SETUSER creates, `reset` sets sanitize-payload (Redis 7.0 ACLSetUser).
        u = { ...blankUser(u.name), flags: ['off', 'sanitize-payload'] };
        break;
      case 'sanitize-payload':
      case 'skip-sanitize-payload':
        u.flags = [...u.flags.filter((f) => !f.endsWith('sanitize-payload')), rule.kind];
        break;
      default:
        u.commands = addCommand(u.commands, rule);
    }
  }
  const extra = u.flags.filter((f) => !['on', 'off', 'nopass'].includes(f));
  u.flags = [u.enabled ? 'on' : 'off', ...(u.nopass ? ['nopass'] : []), ...extra];
  return u;
}
