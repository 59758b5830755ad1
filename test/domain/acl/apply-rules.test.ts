// applyRules: what one ACL SETUSER makes of a user, locally. Expected values are what
// redis-server 7.0.15 prints for the same SETUSER (checked with ACL LIST); the cases
// marked "found against Redis" are counterexamples effective-server.test.ts produced.
import { describe, expect, it } from 'vitest';
import { applyRules, blankUser, sha256 } from '../../../src/domain/acl/apply-rules.js';
import { parseRules } from '../../../src/domain/acl/rules.js';
import type { AclUser } from '../../../src/domain/acl/types.js';
import { user } from './acl-fixtures.js';

const apply = (text: string, from: AclUser = blankUser('u')): AclUser => {
  const { tokens, errors } = parseRules(text);
  expect(errors).toEqual([]);
  return applyRules(from, tokens);
};
const H = (pw: string) => sha256(pw);

describe('blankUser', () => {
  it('is a user as ACL SETUSER creates it: off, no password, no keys or channels, -@all', () => {
    expect(blankUser('alice')).toEqual({
      name: 'alice',
      enabled: false,
      nopass: false,
      flags: ['off'],
      passwords: [],
      keys: [],
      channels: [],
      commands: '-@all',
      selectors: [],
    });
  });
});

describe('applyRules', () => {
  it('on / off, last one wins, and the flags say it first', () => {
    expect(apply('on').enabled).toBe(true);
    expect(apply('on off').flags).toEqual(['off']);
    expect(apply('off nopass on').flags).toEqual(['on', 'nopass']);
  });

  it('>pw stores the sha256 once; <pw and !hash remove it; #hash adds it as is', () => {
    expect(sha256('pw')).toBe('30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4');
    expect(apply('>a >b >a').passwords).toEqual([H('a'), H('b')]);
    expect(apply('>a >b <a').passwords).toEqual([H('b')]);
    expect(apply(`>a #${H('c')} !${H('a')}`).passwords).toEqual([H('c')]);
  });

  it('nopass drops every password; a later password drops nopass; resetpass drops both', () => {
    expect(apply('>a nopass')).toMatchObject({ nopass: true, passwords: [] });
    expect(apply('nopass >a')).toMatchObject({ nopass: false, passwords: [H('a')] });
    expect(apply(`nopass #${H('a')}`).nopass).toBe(false);
    expect(apply('>a nopass resetpass')).toMatchObject({ nopass: false, passwords: [] });
    expect(apply('>a resetpass')).toMatchObject({ nopass: false, passwords: [] });
  });

  it('key patterns keep their access, resetkeys and allkeys replace them', () => {
    expect(apply('~a %R~b %W~c').keys).toEqual(['~a', '%R~b', '%W~c']);
    expect(apply('%RW~a').keys).toEqual(['~a']);
    expect(apply('~a resetkeys ~b').keys).toEqual(['~b']);
    expect(apply('~a allkeys').keys).toEqual(['~*']);
  });

  it('~* replaces the patterns before it, as allkeys does (found against Redis)', () => {
    expect(apply('~a %R~b ~*').keys).toEqual(['~*']);
  });

  it('a repeated pattern merges its access in place (found against Redis)', () => {
    // ACL SETUSER u reset %R~a %W~b %W~a reads back as `~a %W~b`.
    expect(apply('%R~a %W~b %W~a').keys).toEqual(['~a', '%W~b']);
    expect(apply('~a ~a').keys).toEqual(['~a']);
    expect(apply('~a %R~a').keys).toEqual(['~a']);
    expect(apply('%R~a %R~a').keys).toEqual(['%R~a']);
    expect(apply('%R~a resetkeys %W~a').keys).toEqual(['%W~a']);
    // Read and write on `*` is every key, although Redis keeps later patterns beside it.
    expect(apply('%R~* %W~* ~b').keys).toEqual(['~*', '~b']);
  });

  it('channels: &* replaces the others, a repeat is kept once, resetchannels empties', () => {
    expect(apply('&a &b').channels).toEqual(['&a', '&b']);
    expect(apply('&a &a').channels).toEqual(['&a']);
    expect(apply('&a &*').channels).toEqual(['&*']);
    expect(apply('&a allchannels').channels).toEqual(['&*']);
    expect(apply('&* resetchannels &b').channels).toEqual(['&b']);
  });

  it('command rules accumulate; +@all, -@all and their aliases start afresh', () => {
    expect(apply('+@read -keys +config|get').commands).toBe('-@all +@read -keys +config|get');
    expect(apply('+get +@all -set').commands).toBe('+@all -set');
    expect(apply('+@all +get nocommands +ping').commands).toBe('-@all +ping');
    expect(apply('+get allcommands').commands).toBe('+@all');
  });

  it('selectors hold their own keys, channels and commands; clearselectors drops them', () => {
    const u = apply('~root (~x:* %R~y:* &c +get) (allkeys +@all -flushall)');
    expect(u.keys).toEqual(['~root']);
    expect(u.selectors).toEqual([
      { keys: ['~x:*', '%R~y:*'], channels: ['&c'], commands: '-@all +get' },
      { keys: ['~*'], channels: [], commands: '+@all -flushall' },
    ]);
    expect(apply('(~a ~*) (~b ~b &d &* +get)').selectors).toEqual([
      { keys: ['~*'], channels: [], commands: '-@all' },
      { keys: ['~b'], channels: ['&*'], commands: '-@all +get' },
    ]);
    expect(apply('(~x +get) clearselectors (~y)').selectors).toEqual([
      { keys: ['~y'], channels: [], commands: '-@all' },
    ]);
  });

  it('reset empties the user and sets sanitize-payload, as Redis 7.0 does (found against Redis)', () => {
    const full = apply('on >a ~* &* +@all (~x +get) skip-sanitize-payload');
    expect(applyRules(full, parseRules('reset').tokens)).toEqual({
      ...blankUser('u'),
      flags: ['off', 'sanitize-payload'],
    });
    expect(apply('reset on ~a').flags).toEqual(['on', 'sanitize-payload']);
  });

  it('sanitize-payload and skip-sanitize-payload replace each other', () => {
    expect(apply('skip-sanitize-payload').flags).toEqual(['off', 'skip-sanitize-payload']);
    expect(apply('skip-sanitize-payload sanitize-payload').flags).toEqual(['off', 'sanitize-payload']);
  });

  it('starts from the given user and leaves it untouched', () => {
    const before = user({ name: 'bob', keys: ['~a'], channels: ['&c'], passwords: [H('x')] });
    const copy = structuredClone(before);
    const after = apply('~b &d >y off (~s +get)', before);
    expect(before).toEqual(copy);
    expect(after).toMatchObject({
      name: 'bob',
      enabled: false,
      keys: ['~a', '~b'],
      channels: ['&c', '&d'],
      passwords: [H('x'), H('y')],
      commands: '-@all',
    });
    expect(after.selectors).toHaveLength(1);
  });
});
