// Bundles src/cli.ts into dist/cli.js. Dependencies with native parts or
// top-level await stay external; the rest is bundled for a fast cold start.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const stub = fileURLToPath(new URL('./devtools-stub.mjs', import.meta.url));
await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  jsx: 'automatic',
  logLevel: 'warning',
  alias: { 'react-devtools-core': stub },
  external: ['@napi-rs/keyring', 'yoga-layout'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  // Production React (the development reconciler alone is 1 MB) and a minified bundle:
  // parse time is most of the cold start.
  define: { 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
  minify: true,
});
