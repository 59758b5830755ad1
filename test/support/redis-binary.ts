import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const INSTALL_MESSAGE =
  'redis-server 7+ is required for the tests: apt-get install redis-server (Debian/Ubuntu), brew install redis (macOS)';

/** A server binary for this run instead of redis-server on PATH (scripts/test.mjs sets it). */
export const SERVER_ENV = 'REDIS_WARDEN_TEST_SERVER';

export const BUILD_HINT =
  'build the vendored servers with ../shared/vendor/build-server.sh redis-7.4.1 (or valkey-8.0.1), ' +
  `which prints the binary's path, and set ${SERVER_ENV} to it; unset ${SERVER_ENV} to use redis-server on PATH`;

export interface RedisBinary {
  path: string;
  product: 'Redis' | 'Valkey';
  /** What the binary says, e.g. "Valkey 8.0.1", for the run's header. */
  label: string;
  version: string;
  major: number;
  minor: number;
}

let cached: RedisBinary | undefined;

function findOnPath(name: string, pathEnv: string): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The server this run uses ($REDIS_WARDEN_TEST_SERVER or redis-server on PATH), checked to be 7.0+. */
export function requireRedisServer(): RedisBinary {
  cached ??= checkRedisServer();
  return cached;
}

/**
 * Uncached; `pathEnv` lets tests point it at a directory without redis or with an old one,
 * `chosen` at a binary as $REDIS_WARDEN_TEST_SERVER would. A chosen binary that is missing or
 * broken fails with how to build it: it never falls back to the one on PATH.
 */
export function checkRedisServer(
  pathEnv = process.env.PATH ?? '',
  chosen = process.env[SERVER_ENV],
): RedisBinary {
  const hint = chosen ? `${SERVER_ENV}=${chosen}: ${BUILD_HINT}` : INSTALL_MESSAGE;
  const path = chosen || findOnPath('redis-server', pathEnv);
  if (!path) throw new Error(`${INSTALL_MESSAGE} (no redis-server on PATH)`);
  let output: string;
  try {
    output = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  } catch (error) {
    throw new Error(`${hint} (${path} --version failed: ${(error as Error).message})`, { cause: error });
  }
  // "Redis server v=7.4.1 ..." or "Valkey server v=8.0.1 ...".
  const match = /^(\w+) server v=(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!match) throw new Error(`${hint} (cannot read the version of ${path}: ${output.trim()})`);
  const [, product = 'Redis', major = '0', minor = '0', patch = '0'] = match;
  if (Number(major) < 7) throw new Error(`${hint} (found ${major}.${minor}.${patch} at ${path})`);
  const version = `${major}.${minor}.${patch}`;
  return {
    path,
    product: product === 'Valkey' ? 'Valkey' : 'Redis',
    label: `${product} ${version}`,
    version,
    major: Number(major),
    minor: Number(minor),
  };
}

/**
 * Whether this run's server behaves as Redis `major.minor` or newer, for expectations that
 * follow the server's version. Valkey 8 is Redis 7.2 here: it reports redis_version:7.2.4.
 */
export function serverAtLeast(major: number, minor: number): boolean {
  const b = requireRedisServer();
  const [have, haveMinor] = b.product === 'Valkey' ? [7, 2] : [b.major, b.minor];
  return have > major || (have === major && haveMinor >= minor);
}
