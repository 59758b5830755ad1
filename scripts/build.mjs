// Bundles src/cli.ts into dist/cli.js (settings shared with the benches: bundle-options.mjs).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { bundleOptions } from './bundle-options.mjs';

rmSync('dist', { recursive: true, force: true });
await build({
  ...bundleOptions,
  // Split so that what the first frame does not need (the Redis client, the demo server,
  // the headless commands) is loaded afterwards, in chunks of its own.
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  // Parse time is most of the cold start. NO_MINIFY=1 for readable profiles.
  minify: !process.env.NO_MINIFY,
});
