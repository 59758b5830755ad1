// The machine-output gate: every string of a --json document, keys included, comes out as the
// screen shows it, also after a consumer decodes the JSON; everything else is kept as it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeServerBytes, hexBytes, rawBytes } from '../../src/domain/bytes.js';
import { displayJson, fromDisplay, toDisplay } from '../../src/domain/display.js';
import { jsonStrings } from '../helpers/json-strings.js';

// What a terminal or `jq -r` could act on or hide, and lone surrogates (invalid UTF-8 leaking).
const UNSAFE =
  /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u2028\u2029\ufeff\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const HOSTILE = [
  '\x1b[2J',
  '\x1b]52;c;aGk=\x07',
  '\u009b31m',
  '\u202e',
  '\u2066',
  '\u200b',
  '\r\n',
  '\\',
  '"',
];
const hostile = fc.oneof(
  fc.uint8Array({ maxLength: 20 }).map((b) => decodeServerBytes(b)),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 })), { maxLength: 6 })
    .map((a) => a.join('')),
);

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostile,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostile, tie('value'), { maxKeys: 4 }),
  ),
}));

/** The value with each string replaced by toDisplay(string): what the gate must produce. */
function expected(v: unknown): unknown {
  if (typeof v === 'string') return toDisplay(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map(expected);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, toDisplay(k), { value: expected(x), enumerable: true, writable: true });
    return out;
  }
  return v;
}

describe('displayJson', () => {
  it('leaves no unsafe character in any string or key, before or after JSON.parse', () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(displayJson(v));
        expect(text).not.toMatch(UNSAFE);
        for (const s of jsonStrings(JSON.parse(text))) expect(s).not.toMatch(UNSAFE);
      }),
      { numRuns: 500 },
    );
  });

  it('escapes each string exactly as the screen does; numbers, booleans, null and shape kept', () => {
    fc.assert(
      fc.property(value, (v) => {
        // Both through JSON text: -0 and 0 are one number there.
        expect(JSON.parse(JSON.stringify(displayJson(v)))).toEqual(JSON.parse(JSON.stringify(expected(v))));
      }),
      { numRuns: 500 },
    );
  });

  it('a consumer gets the original back: fromDisplay of the string, or the hex field', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const doc = JSON.parse(JSON.stringify(displayJson({ name: s, nameHex: hexBytes(s) }))) as Record<
          string,
          string
        >;
        expect(fromDisplay(doc.name!)).toBe(s);
        expect(Buffer.from(doc.nameHex!, 'hex')).toEqual(rawBytes(s));
      }),
    );
  });

  it('keeps JSON.stringify semantics for what JSON has no value for', () => {
    const doc = { a: undefined, f: () => 1, n: Number.NaN, d: new Date(0), u: [undefined], b: 10n };
    expect(displayJson(doc)).toEqual({ n: null, d: '1970-01-01T00:00:00.000Z', u: [null], b: '10' });
    expect(displayJson({ ['__proto__']: '\x1b' })).toEqual(JSON.parse('{"__proto__":"\\\\x1b"}'));
    expect(displayJson(Buffer.from([0x61, 0xff]))).toBe('a\\xff');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => displayJson(cyclic)).toThrow(/too deep/);
  });
});
