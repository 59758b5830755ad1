import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTRY_ENV, reapRegistry } from './process-registry.js';
import { requireRedisServer } from './redis-binary.js';

/**
 * Runs once before any worker starts. A missing or old redis-server throws here, which fails
 * the whole run with the install hint instead of letting server tests turn into skips.
 */
export default function setup(): () => void {
  const server = requireRedisServer();
  // Said once per run: `npm test` runs the server tests on several servers (scripts/test.mjs).
  console.log(`[redis-warden tests] server: ${server.label} (${server.path})`);
  // Workers are forked after this runs, so they inherit the variable.
  const registry = mkdtempSync(join(tmpdir(), 'redis-warden-registry-'));
  process.env[REGISTRY_ENV] = registry;
  // The consoles the tests start keep their code cache here, not in the user's ~/.cache.
  const cache = mkdtempSync(join(tmpdir(), 'redis-warden-cache-'));
  process.env.XDG_CACHE_HOME = cache;
  return () => {
    rmSync(cache, { recursive: true, force: true });
    const reaped = reapRegistry(registry);
    rmSync(registry, { recursive: true, force: true });
    if (reaped > 0)
      console.warn(`[redis-warden tests] killed ${reaped} redis-server process(es) left running`);
  };
}
