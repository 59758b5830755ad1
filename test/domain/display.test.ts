import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  displayWidth,
  fitWidth,
  fromDisplay,
  fromDisplayBytes,
  padWidth,
  toDisplay,
} from '../../src/domain/display.js';

const DANGEROUS = [
  '\x1b[31m',
  '\x1b[2J',
  '\x1b]52;c;QUJDREVG\x07',
  '\x1b]8;;http://x\x1b\\',
  '\x1b',
  '\x9b31m',
  '\x9d0;title\x9c',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  '\u061c',
  '\u200e',
  '\u200f',
  '\u200b',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u2028',
  '\u2029',
  '\ufffd',
  '\r',
  '\n',
  '\t',
  '\b',
  '\x07',
  '\x00',
  '\x7f',
  '\x85',
  '\ud800',
  '\udfff',
  '\\',
  '\\x1b',
  '\\u202e',
  '\u0301',
  '\ufe0f',
];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const piece = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: codeUnit }),
  fc.constantFrom(...DANGEROUS),
  fc.string(),
);
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

const encoder = new TextEncoder();
const bytePiece = fc.oneof(
  fc.uint8Array({ maxLength: 24 }),
  fc.constantFrom(
    Uint8Array.of(0xff, 0xc3, 0x28),
    Uint8Array.of(0xc0, 0xaf), // overlong "/"
    Uint8Array.of(0xed, 0xa0, 0x80), // encoded surrogate
    Uint8Array.of(0xf4, 0x90, 0x80, 0x80), // past U+10FFFF
    Uint8Array.of(0xe2, 0x82), // truncated
    Uint8Array.of(0x80),
    Uint8Array.of(0xc2, 0x80), // U+0080, valid
    ...DANGEROUS.filter((d) => !LONE_SURROGATE.test(d)).map((d) => encoder.encode(d)),
  ),
);
const bytes = fc.array(bytePiece, { maxLength: 10 }).map((parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
});

// Everything the terminal could act on or hide.
const FORBIDDEN =
  /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u2028\u2029\ufeff\ufffd]/;

const isSafe = (s: string): boolean => !FORBIDDEN.test(s) && !LONE_SURROGATE.test(s);

describe('toDisplay', () => {
  it('never emits controls, C1, bidi, invisible or lone surrogate characters (strings)', () => {
    fc.assert(fc.property(text, (s) => isSafe(toDisplay(s))));
  });

  it('never emits them for bytes either, including invalid UTF-8', () => {
    fc.assert(fc.property(bytes, (b) => isSafe(toDisplay(b))));
  });

  it('is injective on strings: fromDisplay recovers the input', () => {
    fc.assert(fc.property(text, (s) => fromDisplay(toDisplay(s)) === s));
  });

  it('is injective on bytes: fromDisplayBytes recovers the input', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(fromDisplayBytes(toDisplay(b))).toEqual(b);
      }),
    );
  });

  it('maps different strings to different outputs', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        fc.pre(a !== b);
        return toDisplay(a) !== toDisplay(b);
      }),
    );
  });

  it('leaves printable ASCII without a backslash unchanged', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('\\')),
        (s) => toDisplay(s) === s,
      ),
    );
  });

  it('escapes terminal attacks visibly', () => {
    expect(toDisplay('\x1b[31mred')).toBe('\\x1b[31mred');
    expect(toDisplay('\x1b]52;c;QUJD\x07')).toBe('\\x1b]52;c;QUJD\\x07');
    expect(toDisplay('a\rb\nc\td\be')).toBe('a\\x0db\\x0ac\\x09d\\x08e');
    expect(toDisplay('\x7f\x9b')).toBe('\\x7f\\u009b');
    expect(toDisplay('admin\u202etxt.exe')).toBe('admin\\u202etxt.exe');
    expect(toDisplay('ro\u200bot')).toBe('ro\\u200bot');
    expect(toDisplay('a\\x1b')).toBe('a\\\\x1b');
    expect(toDisplay('\ud800!')).toBe('\\ud800!');
    expect(toDisplay('\u{e0041}')).toBe('\\u{e0041}'); // tag characters hide text
    expect(toDisplay('\u00a0')).toBe('\\u00a0'); // looks like a space
  });

  it('shows invalid UTF-8 bytes as \\xNN, distinct from the C1 code point', () => {
    expect(toDisplay(Uint8Array.of(0xff, 0xc3, 0x28))).toBe('\\xff\\xc3(');
    expect(toDisplay(Buffer.from([0x80]))).toBe('\\x80');
    expect(toDisplay(Buffer.from([0xc2, 0x80]))).toBe('\\u0080');
    expect(toDisplay(Buffer.from('héllo 日本'))).toBe('héllo 日本');
    expect(toDisplay(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('\\ufeffA'); // a BOM is not dropped
  });

  it('passes printable non-ASCII text through', () => {
    for (const s of ['naïve café', 'ключ', '日本語のキー', 'مرحبا', '😀 🎉', '❤️', '🇫🇷', 'e\u0301']) {
      expect(toDisplay(s)).toBe(s);
    }
  });

  it('escapes combining marks with no base and beyond a sane stack', () => {
    expect(toDisplay('\u0336admin')).toBe('\\u0336admin');
    expect(toDisplay('\x1b\u0301')).toBe('\\x1b\\u0301');
    expect(toDisplay('z' + '\u0301'.repeat(6))).toBe('z' + '\u0301'.repeat(4) + '\\u0301\\u0301');
  });

  it('keeps an emoji variation selector but escapes one hiding after a letter', () => {
    expect(toDisplay('\u2764\ufe0f')).toBe('\u2764\ufe0f');
    expect(toDisplay('admin\ufe0f')).toBe('admin\\ufe0f');
  });

  it('maps null and undefined to the empty string', () => {
    expect(toDisplay(null)).toBe('');
    expect(toDisplay(undefined)).toBe('');
  });
});

describe('displayWidth', () => {
  it('counts terminal cells', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('ｈａ')).toBe(4);
    expect(displayWidth('한국')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('❤️')).toBe(2);
    expect(displayWidth('🇫🇷')).toBe(2);
    expect(displayWidth('\\x1b')).toBe(4);
  });
});

describe('fitWidth and padWidth', () => {
  const width = fc.integer({ min: 0, max: 40 });

  it('never exceeds the width', () => {
    fc.assert(fc.property(text, width, (s, w) => displayWidth(fitWidth(toDisplay(s), w)) <= w));
  });

  it('cuts only between escapes and grapheme clusters', () => {
    fc.assert(
      fc.property(text, width, (s, w) => {
        const cut = fitWidth(toDisplay(s), w, { ellipsis: '' });
        return s.startsWith(fromDisplay(cut)) && isSafe(cut);
      }),
    );
  });

  it('pads to exactly the width', () => {
    fc.assert(fc.property(text, width, (s, w) => displayWidth(padWidth(toDisplay(s), w)) === w));
    fc.assert(
      fc.property(text, width, (s, w) => displayWidth(padWidth(toDisplay(s), w, { align: 'right' })) === w),
    );
  });

  it('returns short text untouched and marks a cut with the ellipsis', () => {
    expect(fitWidth('abc', 3)).toBe('abc');
    expect(fitWidth('abcdef', 4)).toBe('abc…');
    expect(fitWidth('abcdef', 4, { ellipsis: '..' })).toBe('ab..');
    expect(fitWidth('abcdef', 0)).toBe('');
    expect(fitWidth('日本語テキスト', 5)).toBe('日本…');
    expect(fitWidth('ab\\x1bcd', 5)).toBe('ab…');
    expect(fitWidth('😀😀😀', 4)).toBe('😀…');
    expect(padWidth('日本', 5)).toBe('日本 ');
    expect(padWidth('7', 3, { align: 'right' })).toBe('  7');
    expect(padWidth('abcdef', 4)).toBe('abc…');
  });

  it('survives odd widths', () => {
    expect(fitWidth('abc', Number.NaN)).toBe('');
    expect(fitWidth('abc', -3)).toBe('');
    expect(fitWidth('abc', 2.9)).toBe('a…');
    expect(fitWidth('abc', Number.POSITIVE_INFINITY)).toBe('abc');
  });
});
