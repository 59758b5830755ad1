// The palette's matcher: a subsequence, ranked prefix > word start > subsequence. Pure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzyRank, isSubsequence, Rank, rankOf } from '../../../src/ui/keymap/fuzzy.js';
import type { MatchText } from '../../../src/ui/keymap/fuzzy.js';

const fuzzy = (t: string): MatchText[] => [{ text: t, how: 'fuzzy' }];
const word = fc.stringMatching(/^[a-z]{1,8}$/);
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));

describe('rankOf', () => {
  it('ranks the whole text, its start, a word start, then letters in order', () => {
    expect(rankOf('sort', 'Sort')).toBe(Rank.Exact);
    expect(rankOf('so', 'Sort by the next column')).toBe(Rank.Prefix);
    expect(rankOf('save', 'Write the users to disk (ACL SAVE, or CONFIG REWRITE)')).toBe(Rank.WordStart);
    expect(rankOf('sve', 'save')).toBe(Rank.Subsequence);
    expect(rankOf('xyz', 'save')).toBe(0);
    // A sentence is found by its words only: letters scattered over it are noise.
    expect(rankOf('nope', 'Connect to the profile', false)).toBe(0);
    expect(rankOf('prof', 'Connect to the profile', false)).toBe(Rank.WordStart);
  });

  it('matches exactly when the query is a subsequence of the text (any case)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.string({ maxLength: 20 }), (q, t) => {
        expect(rankOf(q, t) > 0).toBe(isSubsequence(q.toLowerCase(), t.toLowerCase()));
      }),
    );
  });

  it('a prefix of a text ranks at least as prefix, a word of it at least as word start', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 1, max: 8 }), (t, pick, len) => {
        const words = t.split(' ');
        const w = words[pick % words.length]!;
        const q = w.slice(0, len);
        expect(rankOf(q, t)).toBeGreaterThanOrEqual(t.startsWith(q) ? Rank.Prefix : Rank.WordStart);
        expect(rankOf(t.slice(0, len).toUpperCase(), t)).toBeGreaterThanOrEqual(Rank.Prefix);
      }),
    );
  });
});

describe('fuzzyRank', () => {
  it('puts prefix before word start before subsequence, table order within a rank', () => {
    const items = ['reverse the sort', 'last row', 'sort by column', 'save', 'users to disk (SAVE)'];
    expect(fuzzyRank('s', items, fuzzy)).toEqual([
      'sort by column',
      'save',
      'reverse the sort',
      'users to disk (SAVE)',
      'last row',
    ]);
  });

  it('an exact text (a key) counts only when typed whole', () => {
    const items = [
      { name: 'Sort by the next column', key: 's' },
      { name: 'Write the users to disk', key: 'w' },
    ];
    const texts = (i: (typeof items)[number]): MatchText[] => [
      { text: i.name, how: 'words' },
      { text: i.key, how: 'exact' },
    ];
    expect(fuzzyRank('w', items, texts).map((i) => i.key)).toEqual(['w']);
    expect(fuzzyRank('wr', items, texts).map((i) => i.key)).toEqual(['w']);
    expect(fuzzyRank('ws', items, texts)).toEqual([]);
  });

  it('returns only matching items, each once, with ranks never rising down the list', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 12 }), fc.string({ maxLength: 4 }), (items, q) => {
        const out = fuzzyRank(q, items, fuzzy);
        const ranks = out.map((t) => rankOf(q.trim(), t));
        expect(ranks.every((r) => r > 0)).toBe(true);
        for (let i = 1; i < ranks.length; i++) expect(ranks[i]!).toBeLessThanOrEqual(ranks[i - 1]!);
        expect(out.length).toBe(items.filter((t) => rankOf(q.trim(), t) > 0).length);
      }),
    );
  });

  it('an empty query keeps every item in table order', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 10 }), (items) => {
        expect(fuzzyRank('', items, fuzzy)).toEqual(items);
      }),
    );
  });
});
