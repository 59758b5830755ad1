#!/usr/bin/env -S node --max-semi-space-size=8
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

// Two things are changed while the console's code loads, and put back by src/cli.ts once it
// has (it calls the function below; the TUI's code loads in a chunk of its own, later):
// - Ink's layout engine (yoga, emscripten) probes `typeof fetch`, and on Node 20 that getter
//   loads the whole undici HTTP stack (~25 ms, a few MB) that this tool never uses.
// - Ink draws only the last frame when it believes it runs in CI (CI=true, read once at load).
//   An operator at a real terminal with CI set in the environment still needs a live screen.
const restores = [];
const fetchDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
if (fetchDescriptor?.configurable) {
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  restores.push(() => Object.defineProperty(globalThis, 'fetch', fetchDescriptor));
}
if (process.stdin.isTTY && process.stdout.isTTY) {
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION'].filter((name) => name in process.env)) {
    const saved = process.env[k];
    process.env[k] = 'false';
    restores.push(() => (process.env[k] = saved));
  }
}
globalThis[Symbol.for('redis-warden.loaded')] = () => {
  for (const restore of restores.splice(0)) restore();
};

await import(bundle.href);
