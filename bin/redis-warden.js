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
// Ink's layout engine (yoga, emscripten) probes `typeof fetch` while it loads, and on Node 20
// that getter loads the whole undici HTTP stack (~25 ms, a few MB) that this tool never uses.
// Hide it during the import only, then put the original back.
const fetchDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
if (fetchDescriptor?.configurable)
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
// Ink draws only the last frame when it believes it runs in CI (CI=true, read once at load).
// An operator at a real terminal with CI set in the environment still needs a live screen.
const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
const ciVars = interactive ? ['CI', 'CONTINUOUS_INTEGRATION'].filter((k) => k in process.env) : [];
const ciSaved = ciVars.map((k) => [k, process.env[k]]);
for (const k of ciVars) process.env[k] = 'false';
try {
  await import(bundle.href);
} finally {
  if (fetchDescriptor?.configurable) Object.defineProperty(globalThis, 'fetch', fetchDescriptor);
  for (const [k, v] of ciSaved) process.env[k] = v;
}
