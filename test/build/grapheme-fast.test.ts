// The bundle splits lines of the console's own glyphs without ICU (scripts/grapheme-fast.mjs).
// That is only right if each character of its class is a grapheme of its own whatever its
// neighbours: checked here for every one of them against Intl.Segmenter, then on random text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build helper, no types
import { graphemeSegments, ONE_UNIT_GRAPHEMES } from '../../scripts/grapheme-fast.mjs';

const icu = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const viaIcu = (s: string) => [...icu.segment(s)].map(({ segment, index }) => ({ segment, index }));
const fast = (s: string) =>
  [...(graphemeSegments as (s: string) => Iterable<{ segment: string; index: number }>)(s)].map(
    ({ segment, index }) => ({ segment, index }),
  );
const oneUnit = ONE_UNIT_GRAPHEMES as RegExp;

const classChars = Array.from({ length: 0x10000 }, (_, u) => String.fromCharCode(u)).filter((c) =>
  oneUnit.test(c),
);

describe('grapheme split without ICU', () => {
  it('holds the console glyphs and no CR, combining mark, joiner or surrogate', () => {
    for (const c of ['a', '─', '│', '…', '·', '●', '▲', '✓', '›', '\x1b', 'é'])
      expect(oneUnit.test(c)).toBe(true);
    for (const c of ['\r', '\u0301', '\u200d', '\u200c', '\ud83d', '\u1100', '\u20d0', '界'])
      expect(oneUnit.test(c)).toBe(false);
    expect(classChars.length).toBeGreaterThan(1500);
  });

  it('each character of the class is its own grapheme beside any other of the class', () => {
    // Grapheme breaks are decided pair by pair for these (no RI, emoji-ZWJ or Indic rules
    // apply without their special characters), so a neighbour on each side covers them.
    const neighbours = ['a', '\n', '\x1b', '─', '\u00ad', ' '];
    for (const c of classChars)
      for (const n of neighbours) {
        const s = `${n}${c}${n}`;
        expect(
          viaIcu(s).length,
          `U+${c.charCodeAt(0).toString(16)} beside U+${n.charCodeAt(0).toString(16)}`,
        ).toBe(3);
      }
  });

  it('splits any text exactly as Intl.Segmenter does, in or out of the class', () => {
    const unit = fc.oneof(
      fc.constantFrom(...classChars.slice(0, 200), ...classChars.slice(-200)),
      fc.constantFrom('\r', '\n', 'e\u0301', '👩‍👩‍👧', '🇫🇷', '\u200d', '界', '\u1100\u1161'),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 20 }), (units) => {
        const s = units.join('');
        expect(fast(s)).toEqual(viaIcu(s));
      }),
      { numRuns: 1000 },
    );
  });
});
