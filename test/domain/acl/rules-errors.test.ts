import { describe, expect, it } from 'vitest';
import { parseRuleArgs, parseRules } from '../../../src/domain/acl/rules.js';
import { REDACTED } from '../../../src/domain/redact.js';

const only = (text: string) => {
  const { errors } = parseRules(text);
  expect(errors).toHaveLength(1);
  return errors[0]!;
};

describe('parseRules errors: located at the token, saying what to write instead', () => {
  it('a #hash that is not 64 lowercase hex digits', () => {
    expect(only('on #abc')).toEqual({
      text: '#abc',
      start: 3,
      end: 7,
      message:
        '"#abc": a #hash is the SHA-256 of the password: exactly 64 lowercase hex digits (to give the password itself write >password)',
    });
    expect(only(`#${'A'.repeat(64)}`).message).toContain('exactly 64 lowercase hex digits');
    expect(only('!zz').message).toBe(
      '"!zz": a !hash removes a password by its SHA-256: exactly 64 lowercase hex digits (or write <password)',
    );
  });

  it.each(['%X~k', '%~k', '%RR~k', '%'])('key permission %s', (word) => {
    const e = only(`~a ${word}`);
    expect(e).toMatchObject({ text: word, start: 3, end: 3 + word.length });
    expect(e.message).toContain('key permissions are %R~, %W~ or %RW~');
    expect(e.message).toContain('e.g. %R~cache:*');
  });

  // Redis 7.4.1 and Valkey 8.0.1 accept these and then exit on ACL LIST (validator-differential).
  it.each([['+get|a"b'], ["+select|'0"], ['+get|x\ty'], ['+get|x y']])('a first argument %j', (word) => {
    const { errors } = parseRuleArgs(['on', word]);
    expect(errors.map((e) => e.message)).toEqual([
      `"${word.replace('\t', '\\x09')}": a first argument holding a space or a quote; Redis 7.2+ and Valkey accept it and then crash on ACL LIST or ACL GETUSER of this user; remove it`,
    ]);
  });

  it('an unknown word suggests a command or a key pattern, or the keyword it resembles', () => {
    expect(only('on foo')).toEqual({
      text: 'foo',
      start: 3,
      end: 6,
      message: 'unknown rule "foo": did you mean +foo (a command) or ~foo (a key pattern)?',
    });
    expect(only('nopas').message).toBe('unknown rule "nopas": did you mean nopass?');
    expect(only('resetkey').message).toBe('unknown rule "resetkey": did you mean resetkeys?');
  });

  it('unbalanced ( and )', () => {
    expect(only('on (~a +get')).toEqual({
      text: '(~a',
      start: 3,
      end: 6,
      message:
        'unbalanced "(": this selector is never closed; end it with ")", e.g. (~keys:* +get) (in an ACL file, after other rules, such a line crashes redis-server 7.0 on ACL LOAD)',
    });
    expect(only('on )')).toMatchObject({ text: ')', start: 3, end: 4 });
    expect(only('on )').message).toBe(
      'unbalanced ")" in ")": no selector is open; a selector starts with "(", e.g. (~keys:* +get)',
    );
    expect(only('(~a) +get)')).toMatchObject({ text: '+get)', start: 5, end: 10 });
    // An unclosed selector is not kept: its rules would land somewhere unintended.
    expect(parseRules('(~a +get').tokens).toEqual([]);
  });

  it('nested selectors: grouped as Redis 7.0 groups them, refused where Redis refuses', () => {
    // `(~b)` ends with ")" so it closes `(~a`; Redis then refuses the "(~b" inside and "+get)".
    const parsed = parseRules('(~a (~b) +get)');
    expect(parsed.errors.map((e) => [e.text, e.start, e.end])).toEqual([
      ['(~b', 4, 7],
      ['+get)', 9, 14],
    ]);
    expect(parsed.errors[0]?.message).toBe(
      'selectors cannot be nested: close one before starting the next, e.g. (~a:* +get) (~b:* +set)',
    );
    // One argument: the inside is "~a (~b) +get", and "(~b)" is refused.
    expect(parseRuleArgs(['(~a (~b) +get)']).errors).toMatchObject([{ text: '(~b)', start: 4, end: 8 }]);
  });

  it('a "(" that starts a selector again: Redis 7.0 drops the open one, so it is a warning', () => {
    const parsed = parseRuleArgs(['(~a', '(+get', '~b)']);
    expect(parsed.errors).toEqual([]);
    expect(parsed.tokens).toHaveLength(1);
    expect(parsed.tokens[0]).toMatchObject({ text: '(+get ~b)', start: 4, end: 13 });
    expect(parsed.warnings).toMatchObject([{ text: '(~a', start: 0, end: 3 }]);
    expect(parsed.warnings[0]?.message).toContain('Redis 7.0 drops it without a word');
  });

  it.each([
    'on',
    'off',
    'nopass',
    'resetpass',
    'reset',
    'clearselectors',
    'sanitize-payload',
    `#${'a'.repeat(64)}`,
  ])('%s is not valid inside a selector', (word) => {
    const e = only(`(~a ${word})`);
    // A hash is quoted masked, as a password is.
    const text = word.startsWith('#') ? `#${REDACTED}` : word;
    expect(e).toMatchObject({ text, start: 4, end: 4 + word.length });
    expect(e.message).toContain('is not valid inside a selector');
    expect(e.message).toContain('write it outside the parentheses');
  });

  it('a password inside a selector is refused without showing it', () => {
    const e = only('(~a >hunter2)');
    expect(e).toMatchObject({ text: `>${REDACTED}`, start: 4, end: 12 });
    expect(e.message).toBe(
      `">${REDACTED}" is not valid inside a selector: a selector holds only key (~, %R~), channel (&) and command (+, -) rules; write it outside the parentheses`,
    );
    expect(JSON.stringify(parseRules('(~a >hunter2) (<hunter3').errors)).not.toMatch(/hunter/);
  });

  it('a key pattern after allkeys or ~* without resetkeys', () => {
    expect(only('allkeys ~app:*')).toEqual({
      text: '~app:*',
      start: 8,
      end: 14,
      message:
        '"~app:*" comes after allkeys (or ~*): adding a pattern after the * pattern (or the \'allkeys\' flag) is not valid; write resetkeys before it to start from an empty list, or drop allkeys',
    });
    expect(only('~* +get %R~x')).toMatchObject({ start: 8, end: 12 });
    expect(only('(~* ~x)')).toMatchObject({ text: '~x', start: 4, end: 6 });
  });

  it('a channel after allchannels or &* without resetchannels', () => {
    const e = only('&* &news');
    expect(e).toMatchObject({ text: '&news', start: 3, end: 8 });
    expect(e.message).toContain(
      "adding a pattern after the * pattern (or the 'allchannels' flag) is not valid",
    );
    expect(e.message).toContain('write resetchannels before it');
    expect(only('allchannels &x').start).toBe(12);
  });

  it('empty command and category names', () => {
    expect(only('+@')).toEqual({
      text: '+@',
      start: 0,
      end: 2,
      message: '"+@" has no category name: write +@read, +@dangerous and so on (ACL CAT lists them)',
    });
    expect(only('-').message).toBe('"-" has no command name: write -get, or -config|get for a subcommand');
    expect(only('+config|').message).toBe(
      '"+config|" has nothing after "|": write +config|get for one subcommand, or +config for all of them',
    );
    expect(only('+|get').message).toContain('has no command before "|"');
    expect(only('+config|get|x').message).toContain('Redis cannot allow a first argument of a subcommand');
  });

  // Redis accepts these three: they are warnings, and the rule is kept.
  const warned = (text: string) => {
    const { errors, warnings, tokens } = parseRules(text);
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(tokens.length).toBeGreaterThan(0);
    return warnings[0]!;
  };

  it('an empty password', () => {
    expect(warned('on >')).toEqual({
      text: `>${REDACTED}`,
      start: 3,
      end: 4,
      message:
        '">" adds the empty password (Redis accepts it: AUTH with "" then logs in): write >password (a generated one is best), or nopass to let any password in',
    });
  });

  it('%R without ~ is the empty pattern', () => {
    expect(warned('~a %R')).toMatchObject({ text: '%R', start: 3, end: 5 });
    expect(warned('%RW').message).toContain('is read by Redis as %RW~ (the empty pattern');
  });

  it('a password over 16 KiB (UTF-8 bytes), without quoting it', () => {
    const ok = '>' + 'a'.repeat(16_384);
    expect(parseRules(ok).warnings).toEqual([]);
    // 5462 three-byte characters are 16386 bytes but only 5462 UTF-16 units.
    const long = '>' + '€'.repeat(5462);
    expect(warned(`on ${long}`)).toEqual({
      text: `>${REDACTED}`,
      start: 3,
      end: 3 + long.length,
      message: `">${REDACTED}": this password is longer than 16 KiB: Redis accepts it but it cannot be typed, stored or sent sanely; use a generated one`,
    });
  });

  it('shows control characters and bidi overrides escaped', () => {
    const e = only('on \x1b[31mred');
    expect(e.text).toBe('\x1b[31mred');
    expect(e.message).toBe(
      'unknown rule "\\x1b[31mred": did you mean +\\x1b[31mred (a command) or ~\\x1b[31mred (a key pattern)?',
    );
    expect(only('#\u202eab').message).toContain('"#\\u202eab"');
    expect(only('%\x07~x').message).toContain('"%\\x07~x"');
  });

  it('reports every error, in order, and keeps the good rules', () => {
    const parsed = parseRules('on foo ~a #x +get )');
    expect(parsed.errors.map((e) => e.text)).toEqual(['foo', '#x', ')']);
    expect(parsed.tokens.map((t) => t.text)).toEqual(['on', '~a', '+get']);
  });
});
