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

/** A rule Redis accepts (with what is odd about it, if anything), or why Redis refuses it. */
export type WordResult = { rule: AclRule; warning?: string } | { error: string };

// Redis refuses a key or channel pattern holding a NUL or any isspace() character.
const BAD_PATTERN = /[\0 \t\n\v\f\r]/;

function keyRule(text: string): WordResult {
  let read = false;
  let write = false;
  let i = 1;
  // As Redis 7.0: R and W in any order and case, each at most once, then `~` and the pattern.
  for (; i < text.length && text[i] !== '~'; i++) {
    const c = text[i]!.toUpperCase();
    if (c === 'R' && !read) read = true;
    else if (c === 'W' && !write) write = true;
    else return { error: msg.badKeyPermission(text) };
  }
  if (!read && !write) return { error: msg.badKeyPermission(text) };
  const access = read && write ? 'RW' : read ? 'R' : 'W';
  const pattern = text.slice(i + 1);
  if (BAD_PATTERN.test(pattern)) return { error: msg.spaceInPattern(text) };
  // Redis takes `%R` as `%R~` (the empty pattern): accepted, but most likely a typo.
  const warning = i >= text.length ? msg.emptyKeyPattern(text) : undefined;
  // `%RW~*` is the pattern `*`, not the allkeys flag `~*` sets: patterns may follow it.
  const flagless = access === 'RW' && pattern === '*' ? { flagless: true as const } : {};
  return { rule: { kind: 'key', access, pattern, ...flagless }, ...(warning ? { warning } : {}) };
}

function patternRule(text: string): WordResult {
  const pattern = text.slice(1);
  if (BAD_PATTERN.test(pattern)) return { error: msg.spaceInPattern(text) };
  return text[0] === '~'
    ? { rule: { kind: 'key', access: 'RW', pattern } }
    : { rule: { kind: 'channel', pattern } };
}

// Redis 7.2+ keeps first-argument rules as text and re-splits it (sdssplitargs) to describe
// the user: a space or a quote there fails an assertion on ACL LIST / ACL GETUSER and the
// server exits (7.4.1 and Valkey 8.0.1 do; 7.0 does not). Refused on every version.
const CRASHES_NEWER = /\|.*[\s"']/;

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
  if (CRASHES_NEWER.test(name)) return { error: msg.crashingFirstArg(text) };
  return { rule: { kind: 'command', allow, category: false, name } };
}

// Redis accepts both; they are told, not refused.
function passwordRule(text: string): WordResult {
  const secret = text.slice(1);
  const rule: AclRule = { kind: 'password', op: text[0] === '>' ? 'add' : 'remove', secret };
  if (text[0] === '>' && secret === '') return { rule, warning: msg.emptyPassword() };
  if (secret.length * 3 > MAX_PASSWORD_BYTES && encoder.encode(secret).length > MAX_PASSWORD_BYTES) {
    return { rule, warning: msg.longPassword(text) };
  }
  return { rule };
}

// Every flag starts with a letter: other words (most of a big file) skip the lowercasing.
const LETTER = /^[a-z]/i;

export function parseWord(text: string): WordResult {
  const lower = LETTER.test(text) ? asciiLower(text) : text;
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
    case '&':
      return patternRule(text);
    case '%':
      return keyRule(text);
    case '+':
    case '-':
      return commandRule(text);
    default:
      return { error: msg.unknownRule(text, closest(lower, FLAG_KINDS)) };
  }
}
