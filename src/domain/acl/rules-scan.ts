// Words to rule units: plain words and `( ... )` selectors. Two sources of words exist:
// a line typed by an operator (split on whitespace) and SETUSER arguments (one word each,
// possibly with spaces inside). Both are grouped the way Redis's ACLMergeSelectorArguments
// does it: a word opening with `(` starts a selector, the next word ending with `)` ends
// it, and the selector's content is split on single spaces as aclCreateSelectorFromOpSet does.

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
      /** Words or pieces that start another selector inside this one. */
      nested: Piece[];
      closed: boolean;
    };

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

/** Offsets index `args.join(' ')`; empty arguments are no-ops for Redis and vanish here. */
export function wordsOfArgs(args: readonly string[]): Piece[] {
  const words: Piece[] = [];
  let at = 0;
  for (const arg of args) {
    if (arg !== '') words.push({ text: arg, start: at, end: at + arg.length });
    at += arg.length + 1;
  }
  return words;
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

const opens = (w: Piece): boolean => w.text.startsWith('(');
const closes = (w: Piece): boolean => w.text.endsWith(')');

export function groupWords(words: readonly Piece[], source: string): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < words.length; i++) {
    const opener = words[i]!;
    if (!opens(opener)) {
      units.push({ type: 'word', piece: opener });
      continue;
    }
    const inner: Piece[] = [];
    const nested: Piece[] = [];
    const take = (text: string, offset: number): void => {
      for (const p of splitSpaces(text, offset)) (opens(p) ? nested : inner).push(p);
    };
    let closed = opener.text.length >= 2 && closes(opener);
    let last = opener;
    if (closed) take(opener.text.slice(1, -1), opener.start + 1);
    else take(opener.text.slice(1), opener.start + 1);
    while (!closed && i + 1 < words.length) {
      const w = words[++i]!;
      last = w;
      // A nested `(...)` is one mistake, not the end of the outer selector.
      if (opens(w)) nested.push(w);
      else if (closes(w)) {
        take(w.text.slice(0, -1), w.start);
        closed = true;
      } else take(w.text, w.start);
    }
    const piece = { text: source.slice(opener.start, last.end), start: opener.start, end: last.end };
    units.push({ type: 'selector', piece, opener, inner, nested, closed });
  }
  return units;
}
