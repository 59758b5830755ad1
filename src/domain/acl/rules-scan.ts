// Words to rule units: plain words and `( ... )` selectors, grouped exactly as redis-server
// 7.0 does it (tried on 7.0.15, one fresh user per case):
// - ACLMergeSelectorArguments: a word that opens with `(` and does not end with `)` starts a
//   selector; later words join it (with one space) until one ends with `)`. A word opening
//   with `(` while a selector is open STARTS IT AGAIN: 7.0 silently drops what was open
//   (`(~a (+get ~b)` is accepted as `(+get ~b)`; newer Redis refuses the line).
// - ACL LOAD then trims "\t\r\n" from both ends of each merged argument (not ACL SETUSER).
// - ACLSetUser: an argument starting with `(` and ending with `)` is a selector, and its
//   inside is split by sdssplitargs (quotes and \x escapes are read, tabs separate); when
//   the quotes do not pair up, sdssplitargs gives nothing and the selector is empty.
// ACL LIST output is another format: it prints selector patterns raw, split on single spaces.
import { decodeServerBytes, rawBytes } from '../bytes.js';

export interface Piece {
  text: string;
  start: number;
  end: number;
}

export type Unit =
  | { type: 'word'; piece: Piece }
  | {
      type: 'selector';
      /** From the `(` to the `)` (or to the last word when never closed). */
      piece: Piece;
      /** The word that opened it, where an unbalanced `(` is reported. */
      opener: Piece;
      inner: Piece[];
      /** Pieces inside that open with `(`: Redis refuses them (selectors do not nest). */
      nested: Piece[];
      closed: boolean;
      /** Words of a selector that a later `(` started again: Redis 7.0 drops them. */
      dropped?: Piece;
      /** The quotes inside do not pair up: Redis reads the selector as empty. */
      badQuotes?: boolean;
    };

export interface ScanOptions {
  /** ACL LOAD: trim "\t\r\n" from each merged argument. */
  trimEach?: boolean;
  /** ACL LIST output: selector contents split on single spaces, no quoting. */
  listOutput?: boolean;
}

// C's isspace(): an operator's line splits where Redis's own config parser would.
const SPACE = /[ \t\n\v\f\r]+/g;

export function wordsOfText(text: string): Piece[] {
  const words: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(SPACE)) {
    if (m.index > last) words.push({ text: text.slice(last, m.index), start: last, end: m.index });
    last = m.index + m[0].length;
  }
  if (last < text.length) words.push({ text: text.slice(last), start: last, end: text.length });
  return words;
}

/**
 * Offsets index `args.join(' ')`; empty arguments are no-ops for Redis and vanish here. Made
 * one at a time, as groupWords reads them: a line of 200,000 rules never holds them all.
 */
export function* wordsOfArgs(args: readonly string[]): Generator<Piece> {
  let at = 0;
  for (const arg of args) {
    if (arg !== '') yield { text: arg, start: at, end: at + arg.length };
    at += arg.length + 1;
  }
}

function splitSpaces(text: string, offset: number): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  for (const part of text.split(' ')) {
    if (part !== '') pieces.push({ text: part, start: offset + at, end: offset + at + part.length });
    at += part.length + 1;
  }
  return pieces;
}

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
const HEX = /^[0-9a-fA-F]{2}$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };

/**
 * sdssplitargs (Redis's sds.c), with offsets into `text` (+ `offset`): undefined when a
 * quote is not closed or a closing quote is not followed by a space, as Redis fails there.
 */
export function splitArgs(text: string, offset: number): Piece[] | undefined {
  const pieces: Piece[] = [];
  const nul = text.indexOf('\0');
  const end = nul < 0 ? text.length : nul;
  let p = 0;
  for (;;) {
    while (p < end && isSpace(text[p])) p++;
    if (p >= end) return pieces;
    const start = p;
    let out = '';
    // \xHH can make a byte that is not UTF-8 on its own: then the piece is kept as bytes.
    let bytes: number[] | undefined;
    const put = (s: string) => {
      if (bytes) bytes.push(...rawBytes(s));
      else out += s;
    };
    let quote: string | undefined;
    let stop = -1;
    while (stop < 0) {
      const c = p < end ? text[p]! : '';
      if (quote === undefined) {
        if (c === '' || c === ' ' || c === '\n' || c === '\r' || c === '\t') stop = p;
        else if (c === '"' || c === "'") quote = c;
        else put(c);
      } else if (c === '') return undefined;
      else if (c === quote) {
        // The closing quote must be followed by a space or the end.
        if (p + 1 < end && !isSpace(text[p + 1])) return undefined;
        stop = p + 1;
      } else if (quote === "'") {
        if (c === '\\' && text[p + 1] === "'") p++;
        put(text[p]!);
      } else if (c === '\\' && text[p + 1] === 'x' && HEX.test(text.slice(p + 2, p + 4))) {
        const byte = parseInt(text.slice(p + 2, p + 4), 16);
        if (byte >= 0x80) bytes ??= [...rawBytes(out)];
        if (bytes) bytes.push(byte);
        else out += String.fromCharCode(byte);
        p += 3;
      } else if (c === '\\' && p + 1 < end) {
        p++;
        put(ESCAPES[text[p]!] ?? text[p]!);
      } else put(c);
      if (p < end) p++;
    }
    const value = bytes ? decodeServerBytes(Uint8Array.from(bytes)) : out;
    pieces.push({ text: value, start: offset + start, end: offset + stop });
  }
}

const opens = (w: Piece): boolean => w.text.startsWith('(') && !w.text.endsWith(')');
const closes = (w: Piece): boolean => w.text.endsWith(')');
const TRIM = /^[\t\r\n]+|[\t\r\n]+$/g;

const TRIMMED = new Set(['\t', '\r', '\n']);

function trimmed(p: Piece): Piece {
  // Nearly every word has nothing to trim: it stays the piece it was.
  if (!TRIMMED.has(p.text[0] ?? '') && !TRIMMED.has(p.text[p.text.length - 1] ?? '')) return p;
  const lead = /^[\t\r\n]*/.exec(p.text)![0].length;
  const text = p.text.replace(TRIM, '');
  return { text, start: p.start + lead, end: p.start + lead + text.length };
}

/** A merged argument as ACLSetUser reads it: a selector when it is `(...)`. */
function unitOf(arg: Piece, opener: Piece, closed: boolean, opts: ScanOptions): Unit {
  const isSelector = arg.text.length >= 2 && arg.text.startsWith('(') && arg.text.endsWith(')');
  if (closed && !isSelector) return { type: 'word', piece: arg };
  const body = closed ? arg.text.slice(1, -1) : arg.text.slice(1);
  const split = opts.listOutput ? splitSpaces(body, arg.start + 1) : splitArgs(body, arg.start + 1);
  const pieces = split ?? [];
  return {
    type: 'selector',
    piece: arg,
    opener,
    inner: pieces.filter((p) => !p.text.startsWith('(')),
    nested: pieces.filter((p) => p.text.startsWith('(')),
    closed,
    ...(split ? {} : { badQuotes: true }),
  };
}

/** Units one at a time, in order: the caller keeps what it needs, the rest dies young. */
export function* groupWords(words: Iterable<Piece>, source: string, opts: ScanOptions = {}): Generator<Unit> {
  const finish = (arg: Piece, opener: Piece, closed: boolean, dropped?: Piece): Unit => {
    const unit = unitOf(opts.trimEach ? trimmed(arg) : arg, opener, closed, opts);
    return unit.type === 'selector' && dropped ? { ...unit, dropped } : unit;
  };
  const next = words[Symbol.iterator]();
  for (let r = next.next(); !r.done; r = next.next()) {
    let opener = r.value;
    if (!opens(opener)) {
      yield finish(opener, opener, true);
      continue;
    }
    let dropped: Piece | undefined;
    let last = opener;
    let closed = false;
    while (!closed) {
      const n = next.next();
      if (n.done) break;
      const w = n.value;
      if (opens(w) && !opts.listOutput) {
        dropped = { text: source.slice(opener.start, last.end), start: opener.start, end: last.end };
        opener = w;
      } else closed = closes(w);
      last = w;
    }
    yield finish(
      { text: source.slice(opener.start, last.end), start: opener.start, end: last.end },
      opener,
      closed,
      dropped,
    );
  }
}
