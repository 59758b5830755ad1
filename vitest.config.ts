import { defineConfig } from 'vitest/config';

export default defineConfig({
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
