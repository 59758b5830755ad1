// Bundled in place of `string-width` (see build.mjs). Ink measures every string it draws;
// the real string-width compiles large Unicode regexes (RGI_Emoji) the first time it sees
// any non-ASCII text, about 30 ms of every cold start. The console's own glyphs (box
// drawing, bullets, arrows, ellipsis) are all one cell wide, so strings made only of
// ASCII and those (colours aside) take a fast path; anything else, server text included, gets the real one.
import realStringWidth from 'string-width-real';

// U+2500-U+257F box drawing and these glyphs: one cell each in every terminal we target.
const NARROW =
  /^[\u0020-\u007e\u00b7\u2026\u2190-\u2193\u2500-\u257f\u2588-\u258f\u25cb\u25cf\u25cc\u27e8\u27e9\u2713\u2717\u2039\u203a\u2022]*$/;

// Colours (SGR) take no cells; Ink measures coloured lines, the header among them.
const SGR = /\x1b\[[0-9;]*m/g;

export default function stringWidth(input, options) {
  if (typeof input === 'string' && !options?.countAnsiEscapeCodes) {
    const plain = input.includes('\x1b') ? input.replace(SGR, '') : input;
    if (NARROW.test(plain)) return plain.length;
  }
  return realStringWidth(input, options);
}
