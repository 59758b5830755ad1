// The esbuild settings every bundle of the console shares: scripts/build.mjs (the real one)
// and the benches, so a bench measures what an operator runs. Each source patch below
// fails the build when its target changes shape, rather than bundle it half-rewritten.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** Replaces `from` with `to` in a dependency's source, exactly `count` times or the build fails. */
function patchSource(name, filter, edits) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter }, ({ path }) => {
        let src = readFileSync(path, 'utf8');
        for (const [from, to] of edits) {
          if (src.split(from).length !== 2)
            throw new Error(`${name}: ${path} changed; update scripts/bundle-options.mjs`);
          src = src.replace(from, to);
        }
        return { contents: src, loader: 'js' };
      });
    },
  };
}

// string-width builds an Intl.Segmenter and its Unicode-property regexes (RGI_Emoji) when it
// loads: ~25 ms of every cold start, for text the fast path (string-width-fast.mjs) almost
// always measures without them. This defers the module's body to its first call.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, ({ path }) => {
      const src = readFileSync(path, 'utf8');
      const head = 'export default function stringWidth(';
      const firstBody = src.indexOf('const segmenter');
      if (firstBody < 0 || src.split(head).length !== 2)
        throw new Error(`lazy-string-width: ${path} changed; update scripts/bundle-options.mjs`);
      const contents = `${src.slice(0, firstBody)}
let measure;
export default function stringWidth(input, options) {
  measure ??= (() => {
${src.slice(firstBody).replace(head, 'function stringWidth(')}
return stringWidth;
  })();
  return measure(input, options);
}
`;
      return { contents, loader: 'js' };
    });
  },
};

// Ink tokenizes every screen line of every frame afresh (its caches live for one frame),
// and cuts every line under an overflow box even when it fits. Moving a selection in a
// full table changes two lines, so the rest is work thrown away: ~10 ms a frame here.
// The caches are shared across frames (bounded: cleared past a few thousand lines), and a
// line that fits is not cut.
const inkOutput = patchSource('ink-output-caches', /[\\/]node_modules[\\/]ink[\\/]build[\\/]output\.js$/, [
  [
    'export default class Output {',
    `const MAX_CACHED = 4000;
let shared;
function sharedCaches() {
    if (!shared || shared.styledChars.size > MAX_CACHED || shared.blockWidths.size > MAX_CACHED || shared.widths.size > MAX_CACHED * 4)
        shared = new OutputCaches();
    return shared;
}
export default class Output {`,
  ],
  ['caches = new OutputCaches();', 'caches = sharedCaches();'],
  [
    'return sliceAnsi(line, from, to);',
    'return from === 0 && to >= width ? line : sliceAnsi(line, from, to);',
  ],
]);

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
  alias: {
    'react-devtools-core': stub,
    // Ink's text measuring, with a fast path for the console's own glyphs (see the file).
    'string-width': here('./string-width-fast.mjs'),
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
  plugins: [lazyStringWidth, inkOutput],
};
