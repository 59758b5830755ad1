// The one gate between server-supplied text and the terminal. Anyone can put bytes into
// ACL LOG (a failed AUTH username), key names and client names, and Ink passes escape
// sequences through, so anything that could move the cursor, rewrite the screen, set the
// clipboard (OSC 52), reorder text (bidi) or hide itself is shown escaped instead.
// Nothing is dropped and the escaping is injective, so two different usernames never
// look the same on screen and fromDisplay() can recover the original.

// Fast path: printable ASCII without the escape character itself needs no work.
const PLAIN_ASCII = /^[\x20-\x5b\x5d-\x7e]*$/;
// The same characters, a run at a time: a long line with one escape is not built char by char.
const PLAIN_RUN = /[\x20-\x5b\x5d-\x7e]+/y;
// Controls, format/bidi/zero-width chars, lone surrogates, unassigned code points,
// separators other than U+0020 (spoofing), default-ignorables (invisible) and U+FFFD
// (which would hide that a decoder already lost bytes).
const UNSAFE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Cn}\p{Zs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\uFFFD]$/u;
const MARK = /^[\p{Mn}\p{Me}]$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
// Legit scripts stack a few marks; hundreds ("zalgo") smear over neighbouring rows and cells.
const MAX_MARKS = 4;

const hex = (n: number, digits: number): string => n.toString(16).padStart(digits, '0');

// \xNN is kept for ASCII and for raw invalid bytes; code points >= 0x80 (C1 included) use
// \u so that U+0080 and the invalid byte 0x80 stay distinguishable.
function escapeCodePoint(cp: number): string {
  if (cp < 0x80) return `\\x${hex(cp, 2)}`;
  if (cp <= 0xffff) return `\\u${hex(cp, 4)}`;
  return `\\u{${cp.toString(16)}}`;
}

class Escaper {
  private out = '';
  private prev: string | undefined;
  private marks = 0;

  char(ch: string): void {
    // U+DC80-U+DCFF alone: a raw byte that was not UTF-8, carried in a string the way
    // Python's surrogateescape does (src/redis/parse/acl-log.ts). Shown as the byte it was.
    const cp = ch.codePointAt(0)!;
    if (ch.length === 1 && cp >= 0xdc80 && cp <= 0xdcff) return this.byte(cp - 0xdc00);
    const shown = this.decide(ch);
    this.out += shown;
    this.prev = shown === ch ? ch : undefined;
  }

  /** A run of PLAIN_RUN characters: each would be shown as itself, so they go in at once. */
  plain(run: string): void {
    this.out += run;
    this.prev = run[run.length - 1];
    this.marks = 0;
  }

  byte(b: number): void {
    this.out += `\\x${hex(b, 2)}`;
    this.prev = undefined;
  }

  result(): string {
    return this.out;
  }

  private decide(ch: string): string {
    if (ch === '\\') return '\\\\';
    // VS15/VS16 only pick text or emoji style for the pictograph before them.
    if (ch === '\ufe0e' || ch === '\ufe0f') {
      return this.prev !== undefined && PICTOGRAPHIC.test(this.prev)
        ? ch
        : escapeCodePoint(ch.codePointAt(0)!);
    }
    if (MARK.test(ch) && !UNSAFE.test(ch)) {
      // A mark with no visible base would draw over the cell before it (a table border).
      this.marks += 1;
      return this.prev === undefined || this.marks > MAX_MARKS ? escapeCodePoint(ch.codePointAt(0)!) : ch;
    }
    this.marks = 0;
    if (ch === ' ' || !UNSAFE.test(ch)) return ch;
    return escapeCodePoint(ch.codePointAt(0)!);
  }
}

// Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing past U+10FFFF.
function decodeAt(bytes: Uint8Array, i: number): [cp: number, length: number] | undefined {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return [b0, 1];
  let length: number;
  let min: number;
  let cp: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) [length, min, cp] = [2, 0x80, b0 & 0x1f];
  else if (b0 >= 0xe0 && b0 <= 0xef) [length, min, cp] = [3, 0x800, b0 & 0x0f];
  else if (b0 >= 0xf0 && b0 <= 0xf4) [length, min, cp] = [4, 0x10000, b0 & 0x07];
  else return undefined;
  if (i + length > bytes.length) return undefined;
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k]!;
    if ((b & 0xc0) !== 0x80) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return [cp, length];
}

export function toDisplay(input: string | Uint8Array | null | undefined): string {
  if (input === null || input === undefined) return '';
  const esc = new Escaper();
  if (typeof input === 'string') {
    if (PLAIN_ASCII.test(input)) return input;
    for (let i = 0; i < input.length;) {
      PLAIN_RUN.lastIndex = i;
      const run = PLAIN_RUN.exec(input)?.[0];
      const ch = run ?? String.fromCodePoint(input.codePointAt(i)!);
      if (run !== undefined) esc.plain(run);
      else esc.char(ch);
      i += ch.length;
    }
    return esc.result();
  }
  for (let i = 0; i < input.length;) {
    const decoded = decodeAt(input, i);
    if (decoded === undefined) {
      esc.byte(input[i]!);
      i += 1;
    } else {
      esc.char(String.fromCodePoint(decoded[0]));
      i += decoded[1];
    }
  }
  return esc.result();
}

/**
 * Machine output's one rule (every `--json`, JSON lines included): each string in it, object
 * keys too, is given exactly as the screen shows it, through toDisplay(). JSON's own escaping
 * is no protection: every consumer (`jq -r`, a SIEM viewer) decodes `\u001b` back to ESC, and
 * JSON.stringify leaves C1 controls and bidi overrides raw. Numbers, booleans and null are
 * kept; undefined, functions and symbols are left out as JSON.stringify leaves them. Where a
 * script must act on the exact bytes, the command adds a hex field beside the string
 * (hexBytes() in bytes.ts): hex is plain ASCII, so this pass keeps it as it is.
 */
export function displayJson(value: unknown): unknown {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return toDisplay(v);
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'boolean' || v === null) return v;
    if (typeof v === 'bigint') return v.toString();
    if (typeof v !== 'object') return undefined;
    // JSON.stringify throws on a cycle too; output this deep is a bug, not data.
    if (depth > 100) throw new Error('machine output nested too deep (a cycle?)');
    if (v instanceof Uint8Array) return toDisplay(v);
    const json = (v as { toJSON?: unknown }).toJSON;
    if (typeof json === 'function') return walk((json as () => unknown).call(v), depth + 1);
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1) ?? null);
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) {
      const shown = walk(item, depth + 1);
      // defineProperty: a "__proto__" key stays data. toDisplay is injective: no two keys merge.
      if (shown !== undefined)
        Object.defineProperty(out, toDisplay(k), { value: shown, enumerable: true, writable: true });
    }
    return out;
  };
  return walk(value, 0) ?? null;
}

// One escape that toDisplay() produces; used to decode and to never cut one in half.
const ESCAPE_TOKEN = /\\(?:\\|x[0-9a-f]{2}|u\{[0-9a-f]{1,6}\}|u[0-9a-f]{4})/g;

type Piece = { text: string } | { escape: string; value: number };

function* pieces(s: string): Generator<Piece> {
  let last = 0;
  for (const m of s.matchAll(ESCAPE_TOKEN)) {
    if (m.index > last) yield { text: s.slice(last, m.index) };
    const token = m[0];
    const value = token === '\\\\' ? 0x5c : parseInt(token.replace(/^\\[xu]\{?|\}$/g, ''), 16);
    yield { escape: token, value };
    last = m.index + token.length;
  }
  if (last < s.length) yield { text: s.slice(last) };
}

/**
 * Inverse of toDisplay() for string input. `\x80`-`\xff` (raw invalid bytes) come back as
 * U+DC80-U+DCFF, the surrogateescape convention toDisplay() reads them in; a backslash that starts no escape is
 * kept as typed, so operator input like `a\b` is accepted.
 */
export function fromDisplay(s: string): string {
  let out = '';
  for (const p of pieces(s)) {
    if ('text' in p) out += p.text;
    else if (p.escape.startsWith('\\u') && p.value <= 0xffff) out += String.fromCharCode(p.value);
    // `\x80`-`\xff` in string input stood for a raw byte carried as U+DC80-U+DCFF (see char()).
    else if (p.escape.startsWith('\\x') && p.value >= 0x80) out += String.fromCharCode(0xdc00 + p.value);
    else out += p.value > 0x10ffff ? p.escape : String.fromCodePoint(p.value);
  }
  return out;
}

/** Inverse of toDisplay() for byte input: `\xNN` is that byte, everything else is UTF-8. */
export function fromDisplayBytes(s: string): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const p of pieces(s)) {
    if ('text' in p) parts.push(encoder.encode(p.text));
    else if (p.escape.startsWith('\\x')) parts.push(Uint8Array.of(p.value));
    else parts.push(encoder.encode(p.value > 0x10ffff ? p.escape : String.fromCodePoint(p.value)));
  }
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// East Asian Wide and Fullwidth blocks (emoji are handled by property below).
// prettier-ignore
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x2329, 0x232a], [0x2630, 0x2637], [0x268a, 0x268f], [0x2e80, 0x303e],
  [0x3041, 0x3247], [0x3250, 0x4dbf], [0x4dc0, 0x4dff], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x16ff0, 0x16ff6], [0x17000, 0x18dff],
  [0x1aff0, 0x1b2ff], [0x1d300, 0x1d376], [0x1f200, 0x1f202], [0x1f210, 0x1f23b], [0x1f240, 0x1f248],
  [0x1f250, 0x1f251], [0x1f260, 0x1f265], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]$/u;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
const REGIONAL = /^\p{Regional_Indicator}$/u;
const SPACING_MARK = /^\p{Mc}$/u;
// Built at run time: the `v` flag (Node 20) is newer than the ES2022 target tsc checks against.
// Built on first use, with the segmenter: constructing them costs tens of milliseconds,
// which every start would pay although most screens hold only ASCII.
let rgiEmoji: RegExp | undefined;
const isRgiEmoji = (s: string): boolean => (rgiEmoji ??= new RegExp('^\\p{RGI_Emoji}$', 'v')).test(s);
const UNQUALIFIED_KEYCAP = /^[\d#*]\u20e3$/;
let segmenterInstance: Intl.Segmenter | undefined;
const segmenter = (): Intl.Segmenter => (segmenterInstance ??= new Intl.Segmenter());

function isWide(cp: number): boolean {
  return WIDE.some(([lo, hi]) => cp >= lo && cp <= hi);
}

// A lone regional indicator is a letter-like box; only a valid pair is a (wide) flag.
const baseWidth = (cp: number, ch: string): number =>
  isWide(cp) || (EMOJI_PRESENTATION.test(ch) && !REGIONAL.test(ch)) ? 2 : 1;

const isLeadJamo = (cp = 0): boolean => (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c);
const isVowelJamo = (cp = 0): boolean => (cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6);
const isTailJamo = (cp = 0): boolean => (cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb);
const isJamo = (cp: number): boolean => isLeadJamo(cp) || isVowelJamo(cp) || isTailJamo(cp);

// Conjoining jamo: each lead+vowel(+tail) run is drawn as one wide syllable; the rest add up.
function jamoWidth(cps: number[]): number {
  let width = 0;
  for (let i = 0; i < cps.length; i++) {
    if (isLeadJamo(cps[i]) && isVowelJamo(cps[i + 1])) {
      width += 2;
      i += isTailJamo(cps[i + 2]) ? 2 : 1;
    } else width += isWide(cps[i]!) ? 2 : 1;
  }
  return width;
}

// A cluster is as wide as its first visible code point, plus any spacing marks and
// halfwidth forms after it: the rules string-width (and so Ink's layout) uses.
function clusterWidth(cluster: string): number {
  const visible = [...cluster].filter((ch) => !ZERO_WIDTH.test(ch));
  const [base] = visible;
  if (base === undefined) return 0;
  // A single code point is an emoji exactly when it has emoji presentation (baseWidth below),
  // so the costly sequence regex is only asked about longer clusters.
  if (cluster.length > 1 && (isRgiEmoji(cluster) || UNQUALIFIED_KEYCAP.test(cluster))) return 2;
  const cps = visible.map((ch) => ch.codePointAt(0)!);
  if (isJamo(cps[0]!)) return jamoWidth(cps);
  let width = baseWidth(cps[0]!, base);
  for (const cp of cps.slice(1)) {
    if (SPACING_MARK.test(String.fromCodePoint(cp)) || (cp >= 0xff00 && cp <= 0xffef))
      width += isWide(cp) ? 2 : 1;
  }
  return width;
}

// Units that must never be split: an escape from toDisplay() or a grapheme cluster.
function* atoms(s: string): Generator<[atom: string, width: number]> {
  for (const p of pieces(s)) {
    if ('escape' in p) yield [p.escape, p.escape.length];
    else for (const { segment } of segmenter().segment(p.text)) yield [segment, clusterWidth(segment)];
  }
}

// Printable ASCII but the backslash (toDisplay's escapes are units), plus the console's own one-cell glyphs (ellipsis, bullets, box drawing,
// arrows): one cell per UTF-16 unit, no clusters to keep together.
const NARROW_GLYPHS =
  /^[\u0020-\u005b\u005d-\u007e\u00b7\u2026\u2190-\u2193\u2500-\u257f\u25cb\u25cf\u25cc\u2713\u2717\u2039\u203a\u2022\u2260]*$/;

/** Terminal cells taken by `s` (East Asian wide = 2, combining marks = 0). */
export function displayWidth(s: string): number {
  if (PLAIN_ASCII.test(s) || NARROW_GLYPHS.test(s)) return s.length;
  let width = 0;
  for (const [, w] of atoms(s)) width += w;
  return width;
}

/** Truncates to at most `width` cells, ending with `ellipsis` when something was cut. */
export function fitWidth(s: string, width: number, { ellipsis = '…' }: { ellipsis?: string } = {}): string {
  const max = Number.isNaN(width) ? 0 : Math.max(0, Math.floor(width));
  if (displayWidth(s) <= max) return s;
  const tail = displayWidth(ellipsis) <= max ? ellipsis : '';
  const budget = max - displayWidth(tail);
  // Every character one cell: cut by index (a table redraws hundreds of cells a frame).
  if (PLAIN_ASCII.test(s) || NARROW_GLYPHS.test(s)) return s.slice(0, budget) + tail;
  let used = 0;
  let out = '';
  for (const [atom, w] of atoms(s)) {
    if (used + w > budget) break;
    out += atom;
    used += w;
  }
  return out + tail;
}

/** Exactly `width` cells: truncated with fitWidth() if too long, then padded with spaces. */
export function padWidth(
  s: string,
  width: number,
  { align = 'left' }: { align?: 'left' | 'right' } = {},
): string {
  const fitted = fitWidth(s, width);
  const target = Number.isFinite(width) ? Math.max(0, Math.floor(width)) : displayWidth(fitted);
  const pad = ' '.repeat(Math.max(0, target - displayWidth(fitted)));
  return align === 'right' ? pad + fitted : fitted + pad;
}
