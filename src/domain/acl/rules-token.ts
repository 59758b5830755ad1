// One rule word (never a selector) to an AclRule, or the reason it is not one. Context
// (inside a selector, after allkeys) is the caller's business.
import type { AclRule } from './types.js';
import { MAX_PASSWORD_BYTES, msg } from './rules-messages.js';
import { asciiLower, closest } from './rules-suggest.js';

type FlagKind = Exclude<AclRule['kind'], 'password' | 'hash' | 'key' | 'channel' | 'command' | 'selector'>;

export const FLAG_KINDS: readonly FlagKind[] = [
  'on',
  'off',
  'nopass',
  'resetpass',
  'allkeys',
  'resetkeys',
  'allchannels',
  'resetchannels',
  'allcommands',
  'nocommands',
  'reset',
  'clearselectors',
  'sanitize-payload',
  'skip-sanitize-payload',
];
const FLAGS = new Set<string>(FLAG_KINDS);

const HASH = /^[0-9a-f]{64}$/;
const encoder = new TextEncoder();

export type WordResult = { rule: AclRule } | { error: string };

function keyRule(text: string): WordResult {
  let read = false;
  let write = false;
  let i = 1;
  // As Redis: R and W in any order and case, each at most once, then `~`.
  for (; i < text.length && text[i] !== '~'; i++) {
    const c = text[i]!.toUpperCase();
    if (c === 'R' && !read) read = true;
    else if (c === 'W' && !write) write = true;
    else return { error: msg.badKeyPermission(text) };
  }
  // Redis takes `%R` as `%R~` (an empty pattern); that is a typo, not a wish.
  if (i >= text.length || (!read && !write)) return { error: msg.badKeyPermission(text) };
  const access = read && write ? 'RW' : read ? 'R' : 'W';
  return { rule: { kind: 'key', access, pattern: text.slice(i + 1) } };
}

function commandRule(text: string): WordResult {
  const allow = text[0] === '+';
  if (text[1] === '@') {
    const name = asciiLower(text.slice(2));
    if (name === '') return { error: msg.emptyCategory(text) };
    return { rule: { kind: 'command', allow, category: true, name } };
  }
  const name = asciiLower(text.slice(1));
  if (name === '') return { error: msg.emptyCommand(text) };
  const bars = name.split('|').length - 1;
  if (bars > 1) return { error: msg.manyBars(text) };
  if (name.startsWith('|')) return { error: msg.emptyParent(text) };
  if (name.endsWith('|')) return { error: msg.emptySub(text) };
  return { rule: { kind: 'command', allow, category: false, name } };
}

function passwordRule(text: string): WordResult {
  const secret = text.slice(1);
  if (text[0] === '>' && secret === '') return { error: msg.emptyPassword() };
  if (secret.length * 3 > MAX_PASSWORD_BYTES && encoder.encode(secret).length > MAX_PASSWORD_BYTES) {
    return { error: msg.longPassword(text) };
  }
  return { rule: { kind: 'password', op: text[0] === '>' ? 'add' : 'remove', secret } };
}

export function parseWord(text: string): WordResult {
  const lower = asciiLower(text);
  if (FLAGS.has(lower)) return { rule: { kind: lower as FlagKind } };
  switch (text[0]) {
    case '>':
    case '<':
      return passwordRule(text);
    case '#':
    case '!': {
      const hash = text.slice(1);
      if (!HASH.test(hash)) return { error: msg.badHash(text) };
      return { rule: { kind: 'hash', op: text[0] === '#' ? 'add' : 'remove', hash } };
    }
    case '~':
      return { rule: { kind: 'key', access: 'RW', pattern: text.slice(1) } };
    case '%':
      return keyRule(text);
    case '&':
      return { rule: { kind: 'channel', pattern: text.slice(1) } };
    case '+':
    case '-':
      return commandRule(text);
    default:
      return { error: msg.unknownRule(text, closest(lower, FLAG_KINDS)) };
  }
}
