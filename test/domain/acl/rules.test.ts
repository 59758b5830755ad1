import { describe, expect, it } from 'vitest';
import {
  parseRuleArgs,
  parseRules,
  ruleToText,
  rulesToArgs,
  sha256Hex,
} from '../../../src/domain/acl/rules.js';
import type { AclRule } from '../../../src/domain/acl/types.js';

const HASH = sha256Hex('alice-password');
const rulesOf = (text: string): AclRule[] => {
  const parsed = parseRules(text);
  expect(parsed.errors).toEqual([]);
  return parsed.tokens.map((t) => t.rule);
};
const one = (text: string): AclRule => rulesOf(text)[0]!;

describe('parseRules: every rule kind', () => {
  it.each([
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
  ])('keyword %s, in any case', (word) => {
    expect(one(word)).toEqual({ kind: word });
    expect(one(word.toUpperCase())).toEqual({ kind: word });
  });

  it('passwords and hashes', () => {
    expect(one('>s3cret')).toEqual({ kind: 'password', op: 'add', secret: 's3cret' });
    expect(one('<s3cret')).toEqual({ kind: 'password', op: 'remove', secret: 's3cret' });
    // `<` with nothing removes the empty password, which Redis allows.
    expect(one('<')).toEqual({ kind: 'password', op: 'remove', secret: '' });
    expect(one(`#${HASH}`)).toEqual({ kind: 'hash', op: 'add', hash: HASH });
    expect(one(`!${HASH}`)).toEqual({ kind: 'hash', op: 'remove', hash: HASH });
  });

  it('key patterns with permissions, R and W in any order and case', () => {
    expect(one('~app:*')).toEqual({ kind: 'key', access: 'RW', pattern: 'app:*' });
    expect(one('%R~ro:*')).toEqual({ kind: 'key', access: 'R', pattern: 'ro:*' });
    expect(one('%W~w:*')).toEqual({ kind: 'key', access: 'W', pattern: 'w:*' });
    expect(one('%RW~x')).toEqual({ kind: 'key', access: 'RW', pattern: 'x' });
    expect(one('%wr~x')).toEqual({ kind: 'key', access: 'RW', pattern: 'x' });
    expect(one('~')).toEqual({ kind: 'key', access: 'RW', pattern: '' });
    expect(one('~fn(x)')).toEqual({ kind: 'key', access: 'RW', pattern: 'fn(x)' });
  });

  it('channels', () => {
    expect(one('&chan:*')).toEqual({ kind: 'channel', pattern: 'chan:*' });
    expect(one('&*')).toEqual({ kind: 'channel', pattern: '*' });
  });

  it('commands, subcommands, first arguments and categories, lowercased', () => {
    expect(one('+GET')).toEqual({ kind: 'command', allow: true, category: false, name: 'get' });
    expect(one('-flushall')).toEqual({ kind: 'command', allow: false, category: false, name: 'flushall' });
    expect(one('+Config|Get')).toEqual({ kind: 'command', allow: true, category: false, name: 'config|get' });
    expect(one('+select|0')).toEqual({ kind: 'command', allow: true, category: false, name: 'select|0' });
    expect(one('+@READ')).toEqual({ kind: 'command', allow: true, category: true, name: 'read' });
    expect(one('-@dangerous')).toEqual({ kind: 'command', allow: false, category: true, name: 'dangerous' });
  });

  it('selectors span spaces and hold their own rules with offsets', () => {
    const parsed = parseRules('on (~sel:* %R~r:* &c +set) (+get)');
    expect(parsed.errors).toEqual([]);
    const [, sel, sel2] = parsed.tokens;
    expect(sel).toMatchObject({ text: '(~sel:* %R~r:* &c +set)', start: 3, end: 26 });
    expect(sel?.rule.kind === 'selector' && sel.rule.rules.map((t) => [t.text, t.start, t.end])).toEqual([
      ['~sel:*', 4, 10],
      ['%R~r:*', 11, 17],
      ['&c', 18, 20],
      ['+set', 21, 25],
    ]);
    expect(sel2).toMatchObject({ text: '(+get)', start: 27, end: 33 });
    expect(one('( ~x )')).toEqual({
      kind: 'selector',
      rules: [{ rule: { kind: 'key', access: 'RW', pattern: 'x' }, text: '~x', start: 2, end: 4 }],
    });
    expect(one('()')).toEqual({ kind: 'selector', rules: [] });
  });

  it('keeps every token with its offsets, whatever the whitespace', () => {
    const parsed = parseRules('  on\t>pw  ~a:*\n+@read ');
    expect(parsed.tokens.map((t) => [t.text, t.start, t.end])).toEqual([
      ['on', 2, 4],
      ['>pw', 5, 8],
      ['~a:*', 10, 14],
      ['+@read', 15, 21],
    ]);
  });

  it('allows a pattern after allkeys once resetkeys (or reset) came between', () => {
    expect(parseRules('allkeys resetkeys ~a').errors).toEqual([]);
    expect(parseRules('~* reset ~a &* reset &b').errors).toEqual([]);
    expect(parseRules('&* resetchannels &b').errors).toEqual([]);
    // Only the RW `*` is all keys: a read-only `*` leaves room for more patterns.
    expect(parseRules('%R~* ~a').errors).toEqual([]);
    expect(parseRules('~* ~* allkeys').errors).toEqual([]);
    // Each selector starts a fresh run.
    expect(parseRules('~* (~a) (allkeys) (~b)').errors).toEqual([]);
  });
});

describe('parseRuleArgs', () => {
  it('takes a selector as one argument and indexes offsets into args.join(" ")', () => {
    const parsed = parseRuleArgs(['on', '(~sel:* +set)', '~a:b', '', '+get']);
    expect(parsed.errors).toEqual([]);
    expect(parsed.tokens.map((t) => [t.text, t.start, t.end])).toEqual([
      ['on', 0, 2],
      ['(~sel:* +set)', 3, 16],
      ['~a:b', 17, 21],
      ['+get', 23, 27],
    ]);
    // Redis refuses a pattern with whitespace in it, even as one argument.
    expect(parseRuleArgs(['~a b']).errors[0]?.message).toBe(
      '"~a b": Redis refuses a pattern holding whitespace or a NUL byte',
    );
    const sel = parsed.tokens[1]!.rule;
    expect(sel.kind === 'selector' && sel.rules.map((t) => [t.text, t.start, t.end])).toEqual([
      ['~sel:*', 4, 10],
      ['+set', 11, 15],
    ]);
  });

  it('merges a selector split over several arguments, as ACL SETUSER does', () => {
    const parsed = parseRuleArgs(['(~x', '+get)']);
    expect(parsed.errors).toEqual([]);
    expect(parsed.tokens).toHaveLength(1);
    expect(parsed.tokens[0]).toMatchObject({ text: '(~x +get)', start: 0, end: 9 });
  });
});

describe('ruleToText and rulesToArgs', () => {
  it('writes the canonical spelling', () => {
    const args = rulesToArgs(parseRules('ON %wr~x %R~y &c +GET -@Admin (~s +set) >pw').tokens);
    expect(args).toEqual(['on', '~x', '%R~y', '&c', '+get', '-@admin', '(~s +set)', '>pw']);
    expect(ruleToText({ kind: 'key', access: 'W', pattern: 'w:*' })).toBe('%W~w:*');
    expect(ruleToText({ kind: 'hash', op: 'remove', hash: HASH })).toBe(`!${HASH}`);
  });

  it('with hashPasswords sends #sha256 / !sha256, never the plaintext', () => {
    const args = rulesToArgs(parseRules('on >s3cret <old nopass').tokens, { hashPasswords: true });
    expect(args).toEqual(['on', `#${sha256Hex('s3cret')}`, `!${sha256Hex('old')}`, 'nopass']);
    expect(sha256Hex('foobar')).toBe('c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2');
    expect(args.join(' ')).not.toContain('s3cret');
  });
});
