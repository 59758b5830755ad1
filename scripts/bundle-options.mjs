// The esbuild settings every bundle of the console shares: scripts/build.mjs (the real one)
// and the benches, so a bench measures what an operator runs. Each source patch below
// fails the build when its target changes shape, rather than bundle it half-rewritten.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

const SEP = '[\\/]';
const escapeRe = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pathRe = (parts) => parts.split('/').map(escapeRe).join(SEP);
/** Any file of `pkg` (`ink`, `@alcalzone/ansi-tokenize`) under a node_modules. */
const inPackage = (pkg) => new RegExp(`${SEP}node_modules${SEP}${pathRe(pkg)}${SEP}`);

/** Every declared patch, `pkg/file` under node_modules: test/build checks each still exists. */
export const patchTargets = [];

/**
 * A rewrite of one file of a dependency (`pkg`, `file` inside it), through `rewrite(src, path)`
 * (which throws when the file changed shape). The build also fails when the package is in
 * the bundle but that file never was: a renamed file would otherwise ship unpatched, silently.
 */
function declaredPatch(name, pkg, file, rewrite) {
  patchTargets.push({ name, pkg, file });
  const target = new RegExp(`${inPackage(pkg).source}${pathRe(file)}$`);
  return {
    name,
    setup(b) {
      let seen = false;
      let applied = false;
      b.onStart(() => {
        seen = applied = false;
      });
      // Returns nothing: only notes that the package is in this bundle, the load goes on.
      b.onLoad({ filter: inPackage(pkg) }, () => {
        seen = true;
        return undefined;
      });
      b.onLoad({ filter: target }, ({ path }) => {
        applied = true;
        return { contents: rewrite(readFileSync(path, 'utf8'), path), loader: 'js' };
      });
      b.onEnd(() =>
        seen && !applied
          ? {
              errors: [
                {
                  text: `${name}: ${pkg} is bundled but its ${file} was not: the patch did not apply; update scripts/bundle-options.mjs`,
                },
              ],
            }
          : undefined,
      );
    },
  };
}

/** Replaces `from` with `to` in a dependency's file, exactly once each, or the build fails. */
export function patchSource(name, pkg, file, edits) {
  return declaredPatch(name, pkg, file, (src, path) => {
    for (const [from, to] of edits) {
      if (src.split(from).length !== 2)
        throw new Error(`${name}: ${path} changed; update scripts/bundle-options.mjs`);
      src = src.replace(from, to);
    }
    return src;
  });
}

// string-width builds an Intl.Segmenter and its Unicode-property regexes (RGI_Emoji) when it
// loads: ~25 ms of every cold start, for text the fast path (string-width-fast.mjs) almost
// always measures without them. This defers the module's body to its first call.
const lazyStringWidth = declaredPatch('lazy-string-width', 'string-width', 'index.js', (src, path) => {
  const head = 'export default function stringWidth(';
  const firstBody = src.indexOf('const segmenter');
  if (firstBody < 0 || src.split(head).length !== 2)
    throw new Error(`lazy-string-width: ${path} changed; update scripts/bundle-options.mjs`);
  return `${src.slice(0, firstBody)}
let measure;
export default function stringWidth(input, options) {
  measure ??= (() => {
${src.slice(firstBody).replace(head, 'function stringWidth(')}
return stringWidth;
  })();
  return measure(input, options);
}
`;
});

// Ink's text measuring (string-width-fast.mjs: a fast path for the console's own glyphs), for
// Ink and the text packages only Ink loads (widest-line, wrap-ansi, cli-truncate); any other
// importer of string-width gets string-width itself.
const INK_TEXT = /[\\/]node_modules[\\/](ink|widest-line|wrap-ansi|cli-truncate)[\\/]/;
const inkStringWidth = {
  name: 'ink-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, ({ importer }) =>
      INK_TEXT.test(importer) ? { path: here('./string-width-fast.mjs') } : undefined,
    );
  },
};

// Ink tokenizes every screen line of every frame afresh (its caches live for one frame),
// and cuts every line under an overflow box even when it fits. Moving a selection in a
// full table changes two lines, so the rest is work thrown away: ~10 ms a frame here.
// The caches are shared across frames, and a line that fits is not cut. They are bounded:
// widths are cleared past a few thousand, and a line's styled characters (~100 bytes each)
// are kept for the last few hundred lines, in two generations so that the lines still on
// screen survive a turnover (thousands held ~30 MB in a 10,000-client table whose lines
// all change at each refresh). Two generations of up to this many lines each:
const INK_CACHED_LINES = 200;
const inkOutput = patchSource('ink-output-caches', 'ink', 'build/output.js', [
  [
    `        let cached = this.styledChars.get(line);
        if (cached === undefined) {
            cached = styledCharsFromTokens(tokenize(line));
            this.styledChars.set(line, cached);
        }`,
    `        let cached = this.styledChars.get(line);
        if (cached === undefined) {
            cached = this.olderChars?.get(line) ?? styledCharsFromTokens(tokenize(line));
            if (this.styledChars.size >= ${INK_CACHED_LINES}) {
                this.olderChars = this.styledChars;
                this.styledChars = new Map();
            }
            this.styledChars.set(line, cached);
        }`,
  ],
  [
    'export default class Output {',
    `const MAX_CACHED = 4000;
const BLANK_CHAR = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
let shared;
function sharedCaches() {
    if (!shared || shared.blockWidths.size > MAX_CACHED || shared.widths.size > MAX_CACHED * 4)
        shared = new OutputCaches();
    return shared;
}
export default class Output {`,
  ],
  ['caches = new OutputCaches();', 'caches = sharedCaches();'],
  // Every cell of a frame started as a fresh blank object (3,000 for 100x30, each frame), in
  // rows grown by push; one frozen blank does, since cells are replaced, never changed.
  [
    `            const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }`,
    '            const row = new Array(this.width).fill(BLANK_CHAR);',
  ],
  [
    'return sliceAnsi(line, from, to);',
    'return from === 0 && to >= width ? line : sliceAnsi(line, from, to);',
  ],
]);

// Writing a frame out, Ink diffs the styles of every character against the one before it
// (three Sets and several arrays per character): ~5 MB of garbage for a 100x30 frame, which
// grows the young generation by tens of MB. Neighbours mostly share their styles, and equal
// styles diff to nothing, so that case is checked first (same output, byte for byte).
const inkStyledChars = patchSource(
  'ansi-tokenize-same-styles',
  '@alcalzone/ansi-tokenize',
  'build/styledChars.js',
  [
    [
      'export function styledCharsToString(chars) {',
      `function sameCodes(a, b) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++)
        if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
    return true;
}
export function styledCharsToString(chars) {`,
    ],
    [
      'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
      'if (!sameCodes(chars[i - 1].styles, char.styles)) ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
    ],
  ],
);

// slice-ansi (Ink's line cutting) builds a grapheme Intl.Segmenter when it loads, which loads
// ICU's break rules: ~25 ms of every start, before any line is cut. Built on first use instead.
const sliceAnsiLazySegmenter = patchSource('slice-ansi-lazy-segmenter', 'slice-ansi', 'tokenize-ansi.js', [
  [
    "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
    `let graphemeSegmenter;
const GRAPHEME_SEGMENTER = {
	segment: (string) => (graphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(string),
};`,
  ],
]);

// Ink's line tokenizer builds the same kind of segmenter when it loads, and splits every line
// it draws with it; the console's own lines do not need it (see grapheme-fast.mjs).
const tokenizeFastGraphemes = patchSource(
  'ansi-tokenize-fast-graphemes',
  '@alcalzone/ansi-tokenize',
  'build/tokenize.js',
  [
    [
      'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
      `import { graphemeSegments } from ${JSON.stringify(here('./grapheme-fast.mjs'))};`,
    ],
    ['of segmenter.segment(str))', 'of graphemeSegments(str))'],
  ],
);

const stub = here('./devtools-stub.mjs');
const ajvStub = here('./ajv-stub.mjs');

/** Options for esbuild's build(): add entry points / stdin, outdir or outfile, minify. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  logLevel: 'warning',
  // Data files shipped inside the bundle (data/common-passwords.txt): a string module.
  loader: { '.txt': 'text' },
  alias: {
    'react-devtools-core': stub,
    'string-width-real': here('../node_modules/string-width/index.js'),
    // conf imports ajv but uses it only with a schema, which redis-warden never passes.
    'ajv/dist/2020.js': ajvStub,
    'ajv-formats': ajvStub,
  },
  // Native parts and top-level await stay outside the bundle.
  external: ['@napi-rs/keyring', 'yoga-layout'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  // Production React (the development reconciler alone is 1 MB).
  define: { 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
  plugins: [
    inkStringWidth,
    lazyStringWidth,
    inkOutput,
    inkStyledChars,
    sliceAnsiLazySegmenter,
    tokenizeFastGraphemes,
  ],
};

// What ships (scripts/build.mjs) is one CommonJS file, which bin/redis-warden.js compiles with a
// V8 code cache (Node 20 has none for ES modules). CommonJS holds no top-level await: Ink's two
// are development-only (DEV is defined false above), and yoga is instantiated by
// src/ui/layout-engine.ts before Ink loads, then handed to Ink by scripts/yoga-holder.mjs.
const inkNoTopLevelAwait = patchSource('ink-no-top-level-await', 'ink', 'build/reconciler.js', [
  ["await import('./devtools.js');", 'void 0; // devtools: development only'],
  ['? await loadPackageJson()', '? undefined'],
]);

// Exactly 'yoga-layout' (Ink's import), not 'yoga-layout/load' (src/ui/layout-engine.ts).
const yogaHolder = {
  name: 'yoga-holder',
  setup(b) {
    b.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: here('./yoga-holder.mjs') }));
  },
};

/** The shipped bundle's options: bundleOptions as CommonJS (add entry points, outdir). */
export const shippedBundleOptions = {
  ...bundleOptions,
  format: 'cjs',
  external: bundleOptions.external.filter((name) => name !== 'yoga-layout'),
  banner: { js: "const __rw_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { ...bundleOptions.define, 'import.meta.url': '__rw_import_meta_url' },
  plugins: [...bundleOptions.plugins, inkNoTopLevelAwait, yogaHolder],
};
