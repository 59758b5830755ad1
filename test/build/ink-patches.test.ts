// The bundle patches Ink's frame writing (scripts/bundle-options.mjs: caches shared across
// frames, one blank cell, no cut of a line that fits, equal styles not diffed, no ICU
// segmenter for lines of plain glyphs). The tests run
// the sources unpatched, so here the patched bundle is built and must write every frame
// exactly as Ink itself does, across enough frames to turn its caches over.
import { build } from 'esbuild';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Tok from '@alcalzone/ansi-tokenize';
import type * as InkModule from 'ink';
import type * as ReactModule from 'react';
// @ts-expect-error: a plain .mjs build helper, no types
import { bundleOptions } from '../../scripts/bundle-options.mjs';

type Tokenizer = typeof Tok;
type Ink = typeof InkModule;
type React = typeof ReactModule;
interface Side {
  tok: Tokenizer;
  ink: Ink;
  react: React;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rw-ink-patches-'));
let real: Side;
let patched: Side;

beforeAll(async () => {
  // Colours on for both copies of chalk, which read it when they load.
  process.env.FORCE_COLOR = '3';
  const out = join(dir, 'patched.mjs');
  await build({
    ...(bundleOptions as object),
    stdin: {
      contents: [
        "export * as tok from '@alcalzone/ansi-tokenize';",
        "export * as ink from 'ink';",
        "export * as react from 'react';",
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    },
    outfile: out,
    minify: false,
  });
  patched = (await import(pathToFileURL(out).href)) as Side;
  real = {
    tok: await import('@alcalzone/ansi-tokenize'),
    ink: await import('ink'),
    react: await import('react'),
  };
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SGR = [
  '1',
  '2',
  '22',
  '3',
  '23',
  '4',
  '24',
  '7',
  '27',
  '31',
  '32',
  '39',
  '41',
  '49',
  '0',
  '38;5;196',
  '48;2;1;2;3',
];
// Lines of the console's own glyphs take the tokenizer's fast split (grapheme-fast.mjs);
// a combining mark, an emoji sequence or a CR LF anywhere sends the line to ICU.
const piece = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', ' ', '·', '●', '界', 'é', '─', '…'), maxLength: 6 }),
  fc.constantFrom(...SGR).map((c) => `\x1b[${c}m`),
  fc.constantFrom('e\u0301', '👩‍👩‍👧', '\r\n', '🇫🇷', '\u200d'),
);

describe('the bundle patches of Ink', () => {
  it('tokenize splits any styled line as the original does', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(patched.tok.tokenize(s)).toEqual(real.tok.tokenize(s));
      }),
      { numRuns: 500 },
    );
  });

  it('styledCharsToString writes what the original writes, for any styled line', () => {
    const line = (t: Tokenizer, s: string) => t.styledCharsToString(t.styledCharsFromTokens(t.tokenize(s)));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(line(patched.tok, s)).toBe(line(real.tok, s));
      }),
      { numRuns: 500 },
    );
  });

  it('frames are written exactly as by Ink, over hundreds of changing lines (caches turn over)', () => {
    type Cell = { text: string; color?: string; bold?: boolean; inverse?: boolean };
    const cell = fc.record({
      text: fc.string({ unit: fc.constantFrom('a', 'b', ' ', '·', '界', '…'), maxLength: 30 }),
      color: fc.option(fc.constantFrom('red', 'green', 'cyan', '#ff8800'), { nil: undefined }),
      bold: fc.boolean(),
      inverse: fc.boolean(),
    });
    const frame = ({ ink, react }: Side, rows: Cell[][], width: number) =>
      ink.renderToString(
        react.createElement(
          ink.Box,
          { flexDirection: 'column', width, overflow: 'hidden' },
          ...rows.map((cells, y) =>
            react.createElement(
              ink.Box,
              { key: y, width, overflow: 'hidden' },
              ...cells.map((c, x) =>
                react.createElement(
                  ink.Text,
                  { key: x, wrap: 'truncate', color: c.color, bold: c.bold, inverse: c.inverse },
                  c.text,
                ),
              ),
            ),
          ),
        ),
        { columns: width },
      );
    let lines = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 10, max: 60 }),
        (rows, width) => {
          lines += rows.length;
          expect(frame(patched, rows, width)).toBe(frame(real, rows, width));
        },
      ),
      { numRuns: 200 },
    );
    // More lines than the patched caches hold (two generations of 200).
    expect(lines).toBeGreaterThan(500);
  });
});
