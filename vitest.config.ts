import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// As esbuild's `text` loader in scripts/bundle-options.mjs: a .txt import is its text.
const textFiles = {
  name: 'text-files',
  enforce: 'pre' as const,
  load(id: string) {
    return id.endsWith('.txt') ? `export default ${JSON.stringify(readFileSync(id, 'utf8'))};` : undefined;
  },
};

export default defineConfig({
  plugins: [textFiles],
  // As in scripts/build.mjs, so the bundle's string-width fast path can be tested against the real one.
  resolve: { alias: { 'string-width-real': 'string-width' } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
