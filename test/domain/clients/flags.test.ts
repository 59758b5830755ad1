// CLIENT LIST flag letters in words, and what counts as a replication link.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFlags, isReplicationLink, KNOWN_FLAG_LETTERS } from '../../../src/domain/clients/flags.js';

describe('decodeFlags', () => {
  it('names each letter in the order printed, case-sensitively', () => {
    expect(decodeFlags('xb')).toEqual([
      { letter: 'x', meaning: 'inside MULTI' },
      { letter: 'b', meaning: 'blocked in a blocking command' },
    ]);
    expect(decodeFlags('rR').map((f) => f.meaning)).toEqual([
      'read-only cluster connection',
      'tracking redirect target is gone',
    ]);
    expect(decodeFlags('N')).toEqual([{ letter: 'N', meaning: 'no flags' }]);
    expect(decodeFlags('')).toEqual([]);
  });

  it('knows every letter Redis 7.x prints', () => {
    for (const letter of 'AbBcdeiIMNOPrRStTuUx') {
      expect(KNOWN_FLAG_LETTERS).toContain(letter);
      expect(decodeFlags(letter)[0]!.meaning).not.toBe('unknown flag');
    }
    expect(decodeFlags('O')[0]!.meaning).toMatch(/MONITOR/);
    expect(decodeFlags('e')[0]!.meaning).toMatch(/no-evict/);
    expect(decodeFlags('T')[0]!.meaning).toMatch(/no-touch/);
  });

  it('says "unknown flag" for anything else, never inheriting from Object.prototype', () => {
    expect(decodeFlags('Z')).toEqual([{ letter: 'Z', meaning: 'unknown flag' }]);
    expect(decodeFlags('toString')[1]).toEqual({ letter: 'o', meaning: 'unknown flag' });
  });

  it('decodes one entry per character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const out = decodeFlags(s);
        expect(out.map((f) => f.letter).join('')).toBe(s);
        for (const f of out)
          expect(f.meaning === 'unknown flag').toBe(!KNOWN_FLAG_LETTERS.includes(f.letter));
      }),
    );
  });
});

describe('isReplicationLink', () => {
  it('is true for masters (M) and replicas (S) only', () => {
    expect(isReplicationLink({ flags: 'M' })).toBe(true);
    expect(isReplicationLink({ flags: 'S' })).toBe(true);
    expect(isReplicationLink({ flags: 'Sx' })).toBe(true);
    // A MONITOR client is a replica internally but Redis prints O, not S.
    expect(isReplicationLink({ flags: 'O' })).toBe(false);
    expect(isReplicationLink({ flags: 'N' })).toBe(false);
    expect(isReplicationLink({ flags: 'xb' })).toBe(false);
  });
});
