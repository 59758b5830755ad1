// The bundle measures text with scripts/string-width-fast.mjs; it must agree with the real
// string-width on everything, and it only earns its place if it agrees fast.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build helper, no types
import fastWidth from '../../scripts/string-width-fast.mjs';

const width = fastWidth as (s: string, o?: { countAnsiEscapeCodes?: boolean }) => number;

const piece = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', ' ', '·', '●', '◌', '○', '│', '─', '…', '✓', '›') }),
  fc.constantFrom('\x1b[1m', '\x1b[96m', '\x1b[39m', '\x1b[22m', '\x1b[0m', '\x1b[38;5;196m'),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\x1b]8;;http://x\x07link\x1b]8;;\x07', '\x1b[2K', '界', '👩‍👩‍👧', 'e\u0301', '\u202e'),
);

describe('string-width fast path', () => {
  it('agrees with the real string-width on any text, coloured or not', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const s = parts.join('');
        expect(width(s)).toBe(stringWidth(s));
        expect(width(s, { countAnsiEscapeCodes: true })).toBe(stringWidth(s, { countAnsiEscapeCodes: true }));
      }),
      { numRuns: 500 },
    );
  });

  it('measures the header line, colours and bullets included, as its visible cells', () => {
    const header =
      '\x1b[1m\x1b[96mredis-warden \x1b[39m\x1b[22mas default · 127.0.0.1:6399\x1b[32m ● ready\x1b[39m';
    expect(width(header)).toBe('redis-warden as default · 127.0.0.1:6399 ● ready'.length);
  });
});
