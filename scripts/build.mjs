// Bundles src/cli.ts into dist/cli.cjs, one CommonJS file that bin/redis-warden.js runs with a
// V8 code cache (settings shared with the benches: bundle-options.mjs).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { shippedBundleOptions } from './bundle-options.mjs';

rmSync('dist', { recursive: true, force: true });
await build({
  ...shippedBundleOptions,
  // What the first frame does not need (the headless commands, the demo server) is imported
  // lazily: in one CommonJS file it is parsed but not run until used, and the code cache
  // makes the parse cheap.
  entryPoints: { cli: 'src/cli.ts' },
  outfile: 'dist/cli.cjs',
  sourcemap: 'linked',
  // Parse time is most of a start without the code cache. NO_MINIFY=1 for readable profiles.
  minify: !process.env.NO_MINIFY,
});

// bin/redis-warden.js reads the bundle as Latin-1, the cheapest decoding, so it must be ASCII.
// esbuild escapes non-ASCII characters in strings and names, but not in regular expression
// literals: write those as \uXXXX (src/domain/redact.ts does).
if (readFileSync('dist/cli.cjs').some((byte) => byte > 0x7f))
  throw new Error(
    'dist/cli.cjs is not ASCII: a regular expression literal holds a non-ASCII character; write it as \\uXXXX',
  );
