#!/usr/bin/env node
// Shim: runs the esbuild bundle (`npm run build`), which starts about twice as fast as plain tsc output.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write(
    'redis-warden: the bundle is missing; run `npm run build` first (npm start does it for you).\n',
  );
  process.exit(2);
}
await import(bundle.href);
