import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDisplay } from '../../../src/domain/display.js';
import {
  parseRuleArgs,
  parseRules,
  rulesToArgs,
  userFromListLine,
  userToRules,
  validateAgainstServer,
} from '../../../src/domain/acl/rules.js';
import type { AclRule, AclRuleToken, CommandUniverse } from '../../../src/domain/acl/types.js';

const RUNS = { numRuns: 300 };
const NASTY = ['\x1b[31m', '\u202e', '\x00', '\x7f', '\u0085', '\r', '\t', '\ud800', '(', ')', '|', '~', '*'];

const nasty = fc.constantFrom(...NASTY);
const binary = fc.string({ unit: 'binary', maxLength: 12 });
const fragment = fc
  .oneof(
    fc.constantFrom(
      'on',
      'OFF',
      'nopass',
      'reset',
      'allkeys',
      'resetkeys',
      'allchannels',
      '&*',
      '~*',
      '()',
      '(',
    ),
    fc.tuple(
      fc.constantFrom('~', '%R~', '%W~', '%RW~', '%', '&', '+', '-', '+@', '-@', '#', '!', '>', '<', '(', ''),
      binary,
    ),
    fc.tuple(binary, nasty, binary),
  )
  .map((f) => (Array.isArray(f) ? f.join('') : f));
const ruleText = fc
  .array(fc.tuple(fragment, fc.constantFrom(' ', '  ', '\t', ' (', ') ', ' ')), { maxLength: 10 })
  .map((parts) => parts.map(([f, sep]) => f + sep).join(''));

const universe: CommandUniverse = {
  categories: new Map([
    ['read', new Set(['get', 'config|get'])],
    ['admin', new Set(['config|set', 'select'])],
  ]),
  commands: new Set(['get', 'config|get', 'config|set', 'select']),
};

type Bare = Exclude<AclRule, { kind: 'selector' }> | { kind: 'selector'; rules: Bare[] };
const bare = (tokens: readonly AclRuleToken[]): Bare[] =>
  tokens.map(({ rule }) => (rule.kind === 'selector' ? { kind: 'selector', rules: bare(rule.rules) } : rule));

describe('rule grammar properties', () => {
  it('parsing never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.oneof(ruleText, fc.string({ unit: 'binary' })), (text) => {
        const parsed = parseRules(text);
        validateAgainstServer(parsed.tokens, universe);
        parseRuleArgs(text.split(' '));
        parseRuleArgs(text.split('('));
      }),
      RUNS,
    );
  });

  it('no error message or error text ever holds the plaintext of a > or < password', () => {
    const secret = fc
      .tuple(binary, fc.option(nasty), binary)
      .map(([a, n, b]) => `Zq${a}${n ?? ''}${b}Xw`)
      .filter((s) => !/[ \t\n\v\f\r]/.test(s));
    const placement = fc.constantFrom('%s', '(%s', '(~a %s)', '(~a %s', '%s)', 'on %s foo', '(on %s');
    fc.assert(
      fc.property(
        ruleText,
        secret,
        fc.constantFrom('>', '<'),
        placement,
        ruleText,
        (pre, pw, sigil, at, post) => {
          const text = `${pre} ${at.replace('%s', sigil + pw)} ${post}`;
          const leaks = (s: string) => s.includes(pw) || s.includes(toDisplay(pw));
          for (const parsed of [parseRules(text), parseRuleArgs([pre, at.replace('%s', sigil + pw), post])]) {
            for (const e of parsed.errors) {
              expect(leaks(e.message)).toBe(false);
              expect(leaks(e.text)).toBe(false);
            }
            for (const e of validateAgainstServer(parsed.tokens, universe))
              expect(leaks(e.message)).toBe(false);
          }
        },
      ),
      RUNS,
    );
  });

  it('rulesToArgs then parseRuleArgs gives back the same rules', () => {
    fc.assert(
      fc.property(ruleText, (text) => {
        const { tokens } = parseRules(text);
        const again = parseRuleArgs(rulesToArgs(tokens));
        expect(again.errors).toEqual([]);
        expect(bare(again.tokens)).toEqual(bare(tokens));
      }),
      RUNS,
    );
  });
});

const noSpace = fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }).filter((s) => !/[\s\0]/.test(s));
// What Redis can hold: no whitespace or NUL in a pattern (it refuses them).
const pattern = fc
  .string({ unit: 'binary', maxLength: 8 })
  .filter((s) => !/[ \t\n\v\f\r\0)]/.test(s) && s !== '*');
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const keys = fc.array(
  fc.tuple(fc.constantFrom('~', '%R~', '%W~'), pattern).map(([p, s]) => p + s),
  { maxLength: 3 },
);
const channels = fc.oneof(
  fc.constant<string[]>(['&*']),
  fc.array(
    pattern.map((s) => `&${s}`),
    { maxLength: 2 },
  ),
);
const commands = fc
  .array(
    fc.tuple(
      fc.constantFrom('+', '-'),
      fc.constantFrom('get', '@read', '@all', 'config|get', 'select|0', 'client'),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((cs) => cs.map(([s, c]) => s + c).join(' '));
const allKeys = fc.oneof(keys, fc.constant(['~*']));
const chanWords = (cs: readonly string[]) => (cs[0] === '&*' ? cs : ['resetchannels', ...cs]);
const selector = fc
  .tuple(allKeys, channels, commands)
  .map(([k, c, cmd]) => `(${[...k, ...chanWords(c), cmd].join(' ')})`);
const listLine = fc
  .record({
    name: noSpace,
    on: fc.boolean(),
    nopass: fc.boolean(),
    sanitize: fc.constantFrom([], ['sanitize-payload'], ['skip-sanitize-payload']),
    hashes: fc.array(hex64, { maxLength: 2 }),
    keys: allKeys,
    channels,
    commands,
    selectors: fc.array(selector, { maxLength: 2 }),
  })
  .map((u) =>
    [
      'user',
      u.name,
      u.on ? 'on' : 'off',
      ...(u.nopass ? ['nopass'] : []),
      ...u.sanitize,
      ...(u.nopass ? [] : u.hashes.map((h) => `#${h}`)),
      ...u.keys,
      ...chanWords(u.channels),
      u.commands,
      ...u.selectors,
    ].join(' '),
  );

describe('ACL LIST lines', () => {
  it('a selector word with a non-ASCII space (U+2000) is not quoted: Redis splits on ASCII spaces only', () => {
    const line = 'user \u0001 off ~* &* +get (resetchannels &\u2000 +get)';
    const user = userFromListLine(line);
    const rules = userToRules(user);
    expect(rules.at(-1)).toBe('(resetchannels &\u2000 +get)');
    expect(userFromListLine(`user ${user.name} ${rules.join(' ')}`)).toEqual(user);
  });

  it('userToRules(userFromListLine(line)) re-parses to the same user, and is valid SETUSER input', () => {
    fc.assert(
      fc.property(listLine, (line) => {
        const user = userFromListLine(line);
        const rules = userToRules(user);
        expect(parseRuleArgs(rules).errors).toEqual([]);
        expect(userFromListLine(`user ${user.name} ${rules.join(' ')}`)).toEqual(user);
      }),
      RUNS,
    );
  });
});
