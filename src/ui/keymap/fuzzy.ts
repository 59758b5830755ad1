// Fuzzy matching for the palette, pure: a query matches a text when its characters appear in
// it in order (a subsequence), case-insensitive. Hits are ranked by how the operator typed:
// the whole text > the text's start > a word's start > anywhere, and in table order within a rank.

export const Rank = { Subsequence: 1, WordStart: 2, Prefix: 3, Exact: 4 } as const;
export type Rank = (typeof Rank)[keyof typeof Rank];

const fold = (s: string): string => s.toLowerCase();

/** Where words start: the text's start and after a space or punctuation ("users.save", "(ACL SAVE"). */
function wordStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) if (i === 0 || /[^\p{L}\p{N}]/u.test(text[i - 1]!)) starts.push(i);
  return starts;
}

export function isSubsequence(query: string, text: string): boolean {
  let i = 0;
  for (const ch of text) if (i < query.length && ch === query[i]) i++;
  return i === query.length;
}

/**
 * How well `query` matches `text`, or 0 when it does not. An empty query matches everything
 * alike. `loose: false` (a long description) takes no plain subsequence: in a sentence almost
 * any few letters appear in order.
 */
export function rankOf(query: string, text: string, loose = true): Rank | 0 {
  const q = fold(query);
  const t = fold(text);
  if (q === '') return Rank.Subsequence;
  if (t === q) return Rank.Exact;
  if (t.startsWith(q)) return Rank.Prefix;
  if (wordStarts(t).some((i) => t.startsWith(q, i))) return Rank.WordStart;
  return loose && isSubsequence(q, t) ? Rank.Subsequence : 0;
}

/** A text an item is found by: `fuzzy` (a name), `words` (a sentence), `exact` (a key such as `s`). */
export interface MatchText {
  text: string;
  how: 'fuzzy' | 'words' | 'exact';
}

function rankText(q: string, m: MatchText): number {
  if (m.how === 'exact') return q !== '' && fold(m.text) === fold(q) ? Rank.Exact : 0;
  return rankOf(q, m.text, m.how === 'fuzzy');
}

/** The items that match, best first (an item ranks as its best text), in table order within a rank. */
export function fuzzyRank<T>(
  query: string,
  items: readonly T[],
  texts: (item: T) => readonly MatchText[],
): T[] {
  const q = query.trim();
  return items
    .map((item, i) => ({ item, i, rank: Math.max(0, ...texts(item).map((m) => rankText(q, m))) }))
    .filter((s) => s.rank > 0)
    .sort((a, b) => b.rank - a.rank || a.i - b.i)
    .map((s) => s.item);
}
