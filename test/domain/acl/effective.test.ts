// effectiveOf: the commands a rule sequence allows, as Redis 7.0 applies it. The cases
// marked "found against Redis" are counterexamples effective-server.test.ts produced.
import { describe, expect, it } from 'vitest';
import {
  byCategory,
  diffEffective,
  effectiveOf,
  effectiveOfText,
  inCategory,
  listSome,
  sameEffective,
} from '../../../src/domain/acl/effective.js';
import { parseRules } from '../../../src/domain/acl/rules.js';
import { sorted, U } from './acl-fixtures.js';

const eff = (text: string) => effectiveOfText(text, U);
const allowed = (text: string) => sorted(eff(text).allowed);
const ALL = sorted(U.commands);

describe('effectiveOf', () => {
  it('starts from nothing: no rules allow no command', () => {
    expect(eff('')).toEqual({ future: false, allowed: new Set() });
    expect(eff('-@all')).toEqual({ future: false, allowed: new Set() });
  });

  it('+@all and allcommands allow every command and every command added later', () => {
    for (const rule of ['+@all', 'allcommands', '-@all +@all']) {
      expect(eff(rule).future, rule).toBe(true);
      expect(allowed(rule), rule).toEqual(ALL);
    }
  });

  it('+@all then -x keeps future: Redis still prints +@all (ACLSelectorCanExecuteFutureCommands)', () => {
    expect(eff('+@all -get').future).toBe(true);
    expect(eff('+@all -get').allowed.has('get')).toBe(false);
    expect(eff('+@all -@dangerous').future).toBe(true);
    expect(eff('+@all -@dangerous').allowed.has('flushall')).toBe(false);
  });

  it('-@all, nocommands and reset clear everything, future included', () => {
    for (const rule of ['-@all', 'nocommands', 'reset']) {
      expect(eff(`+@all +get ${rule}`), rule).toEqual({ future: false, allowed: new Set() });
    }
    expect(allowed('+@all nocommands +get')).toEqual(['get']);
  });

  it('+client allows the parent and every client|* leaf; -client|kill takes one back', () => {
    expect(allowed('+client')).toEqual(['client', 'client|id', 'client|kill', 'client|list']);
    expect(allowed('+client -client|kill')).toEqual(['client', 'client|id', 'client|list']);
    expect(allowed('+client|list')).toEqual(['client|list']);
    expect(allowed('+@all -client +client|list')).toEqual(
      ALL.filter((c) => !/^client($|\|(id|kill))/.test(c)),
    );
  });

  it('+get is the command get, not every command whose name starts with get', () => {
    const u = { ...U, commands: new Set([...U.commands, 'getdel']) };
    expect(sorted(effectiveOfText('+get', u).allowed)).toEqual(['get']);
  });

  it('+select|0 is a first-argument entry of its own, forgotten by -select', () => {
    expect(allowed('+select|0')).toEqual(['select|0']);
    expect(allowed('+select|0 +select|1 +select|0')).toEqual(['select|0', 'select|1']);
    expect(allowed('+select|0 -select')).toEqual([]);
    expect(allowed('+select|0 -@all +get')).toEqual(['get']);
  });

  it('a first argument of an allowed command is dropped, as Redis prints it (found against Redis)', () => {
    // ACL SETUSER u reset allcommands +select|1 reads back as `+@all`.
    expect(eff('allcommands +select|1').allowed.has('select|1')).toBe(false);
    expect(allowed('+select +select|0')).toEqual(['select']);
    expect(sameEffective(eff('+select +select|0'), eff('+select'))).toBe(true);
    expect(sameEffective(eff('+select|1 +@all'), eff('+@all'))).toBe(true);
  });

  it('a category rule resets the first arguments of its commands, as ACLChangeSelectorPerm does', () => {
    expect(allowed('+select|0 -@connection')).toEqual([]);
    expect(allowed('+select|0 +@connection')).toEqual(['acl|whoami', 'ping', 'select']);
    expect(allowed('+select|0 -@read')).toEqual(['select|0']);
  });

  it('categories apply in order: later rules win', () => {
    expect(allowed('+@read -@dangerous')).toEqual(['config|get', 'get']);
    expect(allowed('-@dangerous +@read')).toEqual(['client|list', 'config|get', 'get', 'keys', 'sort_ro']);
    expect(allowed('+@read -get')).toEqual(['client|list', 'config|get', 'keys', 'sort_ro']);
    expect(allowed('-@read +get')).toEqual(['get']);
    expect(allowed('+@keyspace +@write -del')).toEqual(['keys', 'set']);
  });

  it('Redis 7.0 rewriting +@read -@dangerous as -@all +@read -keys -sort_ro changes nothing', () => {
    expect(sameEffective(eff('+@read -@dangerous'), eff('-@all +@read -sort_ro -keys -client|list'))).toBe(
      true,
    );
    expect(sameEffective(eff('+get +set'), eff('+set +get'))).toBe(true);
    expect(sameEffective(eff('+@read -@dangerous'), eff('+@read'))).toBe(false);
  });

  it('an unknown category or command allows nothing', () => {
    expect(allowed('+@nosuch +nosuch')).toEqual([]);
  });

  it('effectiveOfText is effectiveOf of the parsed rules; non-command rules are ignored', () => {
    const text = 'on >pw ~a &b +@read -keys (~x +set) +select|0';
    const rules = parseRules(text).tokens.map((t) => t.rule);
    expect(effectiveOf(rules, U)).toEqual(eff(text));
    expect(allowed(text)).toEqual(['client|list', 'config|get', 'get', 'select|0', 'sort_ro']);
  });
});

describe('diffEffective / sameEffective', () => {
  it('lists gained and lost commands, sorted, and future only when it changes', () => {
    expect(diffEffective(eff('+get +keys'), eff('+set +get +del'))).toEqual({
      gained: ['del', 'set'],
      lost: ['keys'],
    });
    expect(diffEffective(eff('+@all -get'), eff('+@all'))).toEqual({ gained: ['get'], lost: [] });
    expect(diffEffective(eff('-@all'), eff('+@all')).future).toBe(true);
    expect(diffEffective(eff('+@all'), eff('-@all')).future).toBe(false);
  });

  it('future alone makes two sets differ: +@all is not every category listed', () => {
    const everyCategory = [...U.categories.keys()].map((c) => `+@${c}`).join(' ');
    expect(eff(everyCategory).allowed).toEqual(eff('+@all').allowed);
    expect(sameEffective(eff(everyCategory), eff('+@all'))).toBe(false);
  });
});

describe('inCategory / listSome / byCategory', () => {
  it('inCategory picks the members of a category, sorted; unknown category gives none', () => {
    expect(inCategory(['set', 'keys', 'flushall', 'get'], 'dangerous', U)).toEqual(['flushall', 'keys']);
    expect(inCategory(['get'], 'nosuch', U)).toEqual([]);
  });

  it('listSome names a few and counts the rest', () => {
    expect(listSome([])).toBe('');
    expect(listSome(['a', 'b'])).toBe('a, b');
    expect(listSome(['a', 'b', 'c', 'd'])).toBe('a, b, c, d');
    expect(listSome(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c, d and 2 more');
    expect(listSome(['a', 'b', 'c'], 1)).toBe('a and 2 more');
  });

  it('byCategory splits every category into allowed and denied, sorted', () => {
    const rows = byCategory(eff('+@read -keys'), U);
    expect(rows.map((r) => r.category)).toEqual(sorted(U.categories.keys()));
    expect(rows.find((r) => r.category === 'keyspace')).toEqual({
      category: 'keyspace',
      allowed: [],
      denied: ['del', 'keys'],
    });
    expect(rows.find((r) => r.category === 'read')).toEqual({
      category: 'read',
      allowed: ['client|list', 'config|get', 'get', 'sort_ro'],
      denied: ['keys'],
    });
  });
});
