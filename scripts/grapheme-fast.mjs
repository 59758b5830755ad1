// Grapheme segmentation for Ink's line tokenizer (@alcalzone/ansi-tokenize, patched in
// bundle-options.mjs). The tokenizer splits every line it draws with an Intl.Segmenter, and
// building one loads ICU's break rules: ~25 ms of every cold start. In text made only of the
// characters below, every UTF-16 unit is a grapheme of its own (no CR, which pairs with LF; no
// combining marks, joiners, surrogates, Hangul jamo or regional indicators), so such a line is
// split by units. Anything else, server text included, goes to the real segmenter.
// test/build/grapheme-fast.test.ts checks each character against Intl.Segmenter.
export const ONE_UNIT_GRAPHEMES =
  /^[\x00-\x0c\x0e-\u00ff\u2010-\u2027\u2030-\u205e\u2190-\u23ff\u2500-\u27bf]*$/;

function* units(str) {
  for (let index = 0; index < str.length; index++) yield { segment: str[index], index };
}

let icu;

/** What Intl.Segmenter (grapheme) `.segment(str)` yields, as { segment, index } pairs. */
export function graphemeSegments(str) {
  if (ONE_UNIT_GRAPHEMES.test(str)) return units(str);
  icu ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return icu.segment(str);
}
