import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const INSTALL_MESSAGE =
  'redis-server 7+ is required for the tests: apt-get install redis-server (Debian/Ubuntu), brew install redis (macOS)';

export interface RedisBinary {
  path: string;
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

/** The redis-server on PATH, checked to be 7.0 or newer; throws INSTALL_MESSAGE otherwise. */
export function requireRedisServer(): RedisBinary {
  cached ??= checkRedisServer();
  return cached;
}

/** Uncached; `pathEnv` lets tests point it at a directory without redis or with an old one. */
export function checkRedisServer(pathEnv = process.env.PATH ?? ''): RedisBinary {
  const path = findOnPath('redis-server', pathEnv);
  if (!path) throw new Error(`${INSTALL_MESSAGE} (no redis-server on PATH)`);
  let output: string;
  try {
    output = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  } catch (error) {
    throw new Error(`${INSTALL_MESSAGE} (${path} --version failed: ${(error as Error).message})`, {
      cause: error,
    });
  }
  const match = /v=(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!match) throw new Error(`${INSTALL_MESSAGE} (cannot read the version of ${path}: ${output.trim()})`);
  const [, major = '0', minor = '0', patch = '0'] = match;
  if (Number(major) < 7) throw new Error(`${INSTALL_MESSAGE} (found ${major}.${minor}.${patch} at ${path})`);
  return { path, version: `${major}.${minor}.${patch}`, major: Number(major), minor: Number(minor) };
}
