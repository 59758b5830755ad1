// Every message the rule grammar produces. Two promises hold for all of them: a `>pw` or
// `<pw` token is never quoted with its secret, and anything the operator (or a server)
// typed goes through toDisplay() so a stray escape cannot reach the terminal.
import { toDisplay } from '../display.js';
import { REDACTED } from '../redact.js';

export const MAX_PASSWORD_BYTES = 16_384;

/**
 * A word with the secret of any `>pw` / `<pw` in it replaced, and any `#hash` / `!hash` long
 * enough to be (most of) a password's SHA-256: a hash is crackable offline. A short one such
 * as `#abc` is kept, so the message can show the typo. A SETUSER argument may hold spaces and
 * an opening `(`, so every space-separated part is checked.
 */
export function redactToken(text: string): string {
  return text
    .split(' ')
    .map((part) =>
      part
        .replace(/^(\(*)([<>])[^]*$/, `$1$2${REDACTED}`)
        .replace(/^(\(*)([#!])[^]{16,}$/, `$1$2${REDACTED}`),
    )
    .join(' ');
}

/** A token as it may appear inside a message: passwords redacted, controls escaped. */
export const shown = (text: string): string => toDisplay(redactToken(text));

const q = (text: string): string => `"${shown(text)}"`;

const EXAMPLE_SELECTOR = '(~keys:* +get)';

export const msg = {
  badHash: (text: string): string =>
    text.startsWith('!')
      ? `${q(text)}: a !hash removes a password by its SHA-256: exactly 64 lowercase hex digits (or write <password)`
      : `${q(text)}: a #hash is the SHA-256 of the password: exactly 64 lowercase hex digits (to give the password itself write >password)`,
  emptyPassword: (): string =>
    `">" adds the empty password (Redis accepts it: AUTH with "" then logs in): write >password (a generated one is best), or nopass to let any password in`,
  longPassword: (text: string): string =>
    `${q(text)}: this password is longer than 16 KiB: Redis accepts it but it cannot be typed, stored or sent sanely; use a generated one`,
  emptyKeyPattern: (text: string): string =>
    `${q(text)} is read by Redis as ${shown(text)}~ (the empty pattern, which matches no key but ""): write ${shown(text)}~pattern, e.g. %R~cache:*`,
  spaceInPattern: (text: string): string =>
    `${q(text)}: Redis refuses a pattern holding whitespace or a NUL byte`,
  nulByte: (text: string): string =>
    `${q(text)} holds a NUL byte: Redis reads a rule only up to it (or refuses it), and an ACL file cannot carry it; remove it`,
  droppedSelector: (text: string): string =>
    `${q(text)} is never closed and a new "(" starts after it: Redis 7.0 drops it without a word (newer Redis refuses the line); close it with ")" or remove it`,
  badQuotes: (text: string): string =>
    `${q(text)}: the quotes inside this selector do not pair up (or a closing quote is not followed by a space), so Redis reads it as an empty selector (); remove the quotes`,
  noSuchPassword: (shown: string): string =>
    `"${shown}" removes a password this user does not have: every line of an ACL file describes a user from scratch (ACL LOAD creates it; acl apply sends ACL SETUSER NAME reset ...), so Redis refuses the line; drop the rule`,
  userLacksPassword: (shown: string): string =>
    `"${shown}": this user has no such password (none that an earlier rule left), so Redis refuses the whole change; drop the rule`,
  allKeysNotLast: (): string =>
    `%RW~* followed by other key patterns: Redis accepts it, but prints it as "~* ..." in ACL LIST and ACL SAVE, a line it refuses to load back: write ~* (or allkeys) alone`,
  badKeyPermission: (text: string): string =>
    `${q(text)}: key permissions are %R~, %W~ or %RW~ followed by the pattern, e.g. %R~cache:* (read only) or ~cache:* (read and write)`,
  emptyCategory: (text: string): string =>
    `${q(text)} has no category name: write ${text[0] ?? '+'}@read, ${text[0] ?? '+'}@dangerous and so on (ACL CAT lists them)`,
  emptyCommand: (text: string): string =>
    `${q(text)} has no command name: write ${text[0] ?? '+'}get, or ${text[0] ?? '+'}config|get for a subcommand`,
  emptyParent: (text: string): string =>
    `${q(text)} has no command before "|": write ${text[0] ?? '+'}command|subcommand, e.g. ${text[0] ?? '+'}config|get`,
  emptySub: (text: string): string =>
    `${q(text)} has nothing after "|": write ${text[0] ?? '+'}config|get for one subcommand, or ${shown(text.slice(0, -1))} for all of them`,
  crashingFirstArg: (text: string): string =>
    `${q(text)}: a first argument holding a space or a quote; Redis 7.2+ and Valkey accept it and then crash on ACL LIST or ACL GETUSER of this user; remove it`,
  manyBars: (text: string): string =>
    `${q(text)} has more than one "|": write +command|subcommand (e.g. +config|get); Redis cannot allow a first argument of a subcommand`,
  unknownRule: (text: string, keyword: string | undefined): string =>
    keyword !== undefined
      ? `unknown rule ${q(text)}: did you mean ${keyword}?`
      : `unknown rule ${q(text)}: did you mean +${shown(text)} (a command) or ~${shown(text)} (a key pattern)?`,
  // In a file, after another rule, such a line crashes redis-server 7.0.15 (ACLLoadFromFile
  // uses the merged-argument count of a failed merge): found by the differential test.
  unclosedSelector: (): string =>
    `unbalanced "(": this selector is never closed; end it with ")", e.g. ${EXAMPLE_SELECTOR} (in an ACL file, after other rules, such a line crashes redis-server 7.0 on ACL LOAD)`,
  strayClose: (text: string): string =>
    `unbalanced ")" in ${q(text)}: no selector is open; a selector starts with "(", e.g. ${EXAMPLE_SELECTOR}`,
  nestedSelector: (): string =>
    `selectors cannot be nested: close one before starting the next, e.g. (~a:* +get) (~b:* +set)`,
  notInSelector: (text: string): string =>
    `${q(text)} is not valid inside a selector: a selector holds only key (~, %R~), channel (&) and command (+, -) rules; write it outside the parentheses`,
  keyAfterAll: (text: string): string =>
    `${q(text)} comes after allkeys (or ~*): adding a pattern after the * pattern (or the 'allkeys' flag) is not valid; write resetkeys before it to start from an empty list, or drop allkeys`,
  channelAfterAll: (text: string): string =>
    `${q(text)} comes after allchannels (or &*): adding a pattern after the * pattern (or the 'allchannels' flag) is not valid; write resetchannels before it to start from an empty list, or drop allchannels`,
  userHasAllKeys: (text: string): string =>
    `${q(text)}: this user already has every key (~*), and Redis refuses a pattern after it: start with resetkeys`,
  userHasAllChannels: (text: string): string =>
    `${q(text)}: this user already has every channel (&*), and Redis refuses a pattern after it: start with resetchannels`,
  channelAfterPubsubDefault: (text: string): string =>
    `${q(text)}: this server's acl-pubsub-default is allchannels, so a new user (and each selector, and reset) starts with every channel, and Redis refuses a pattern after it: write resetchannels before it`,
  unknownCategory: (text: string, suggestion: string | undefined): string =>
    `unknown category ${q(text)} on this server${suggestion ? `: did you mean ${shown(suggestion)}?` : ''} (ACL CAT lists them)`,
  unknownCommand: (text: string, suggestion: string | undefined): string =>
    `unknown command ${q(text)} on this server${suggestion ? `: did you mean ${shown(suggestion)}?` : ''}`,
  unknownSubcommand: (text: string, parent: string, suggestion: string | undefined): string =>
    `${q(text)}: this server has no such subcommand of ${shown(parent)}${suggestion ? `; did you mean ${shown(suggestion)}?` : `; +${shown(parent)} allows all of them`}`,
  removeFirstArg: (text: string, parent: string): string =>
    `${q(text)}: a first-argument rule can only be added; block the command (-${shown(parent)}) and allow the argument you want (+${shown(text.slice(1))})`,
};
