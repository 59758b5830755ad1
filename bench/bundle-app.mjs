// The app as the TUI wires it (bootApp and what a bench drives it with), bundled the way
// scripts/build.mjs bundles the console, so a bench measures what ships. Each bench adds the
// few internals it times or counts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from '../scripts/bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const BASE = [
  "export { bootApp } from './src/ui/boot.js';",
  "export { openProfileStore } from './src/profiles/store.js';",
  "export { openJournal } from './src/journal/journal.js';",
  "export { KeyStream } from './src/ui/terminal/key-stream.js';",
  "export { render } from 'ink';",
];

/** Writes `<name>-app.mjs` into outdir and returns its path; `extra`: more export lines. */
export async function bundleApp(outdir, name, extra = [], { minify = true } = {}) {
  const { build } = await import('esbuild');
  const out = join(outdir, `${name}-app.mjs`);
  await build({
    stdin: {
      contents: [...BASE, ...extra].join('\n'),
      resolveDir: root,
      sourcefile: `${name}-bench-entry.js`,
      loader: 'js',
    },
    ...bundleOptions,
    outfile: out,
    minify,
  });
  return out;
}
