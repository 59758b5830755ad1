// Bundles src/cli.ts into dist/cli.js. Dependencies with native parts or
// top-level await stay external; the rest is bundled for a fast cold start.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { readFileSync, rmSync } from 'node:fs';

const stub = fileURLToPath(new URL('./devtools-stub.mjs', import.meta.url));

// string-width builds an Intl.Segmenter and its Unicode-property regexes (RGI_Emoji) when it
// loads: ~25 ms of every cold start, for text the fast path (string-width-fast.mjs) almost
// always measures without them. This defers the module's body to its first call. The build
// fails if string-width changes shape, rather than bundle it half-rewritten.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, ({ path }) => {
      const src = readFileSync(path, 'utf8');
      const head = 'export default function stringWidth(';
      const firstBody = src.indexOf('const segmenter');
      if (firstBody < 0 || src.split(head).length !== 2)
        throw new Error(`lazy-string-width: ${path} changed; update scripts/build.mjs`);
      const imports = src.slice(0, firstBody);
      const body = src.slice(firstBody).replace(head, 'function stringWidth(');
      const contents = `${imports}
let measure;
export default function stringWidth(input, options) {
  measure ??= (() => {
${body}
return stringWidth;
  })();
  return measure(input, options);
}
`;
      return { contents, loader: 'js' };
    });
  },
};
rmSync('dist', { recursive: true, force: true });
await build({
  // Split so that what the first frame does not need (the Redis client, the demo server,
  // the headless commands) is loaded afterwards, in chunks of its own.
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  jsx: 'automatic',
  logLevel: 'warning',
  alias: {
    'react-devtools-core': stub,
    // Ink's text measuring, with a fast path for the console's own glyphs (see the file).
    'string-width': fileURLToPath(new URL('./string-width-fast.mjs', import.meta.url)),
    // conf imports ajv but uses it only with a schema, which redis-warden never passes.
    'ajv/dist/2020.js': fileURLToPath(new URL('./ajv-stub.mjs', import.meta.url)),
    'ajv-formats': fileURLToPath(new URL('./ajv-stub.mjs', import.meta.url)),
    'string-width-real': fileURLToPath(new URL('../node_modules/string-width/index.js', import.meta.url)),
  },
  external: ['@napi-rs/keyring', 'yoga-layout'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  // Production React (the development reconciler alone is 1 MB) and a minified bundle:
  // parse time is most of the cold start.
  define: { 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
  minify: !process.env.NO_MINIFY,
  plugins: [lazyStringWidth],
});
