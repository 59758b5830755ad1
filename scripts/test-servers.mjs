// Which servers `npm test` runs on, and which test files are "Redis-facing" (scripts/test.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Set by scripts/test.mjs for one vitest run; read by test/support/redis-binary.ts. */
export const SERVER_ENV = 'REDIS_WARDEN_TEST_SERVER';
/** Colon-separated server binaries to use instead of the ones built from ../shared/vendor. */
export const EXTRA_ENV = 'REDIS_WARDEN_EXTRA_SERVERS';
/** The sources `npm test` builds the extra servers from, beside the repo on CI and dev machines. */
export const VENDORED = ['redis-7.4.1', 'valkey-8.0.1'];

/** `redis-server --version` as "Redis 7.0.15" / "Valkey 8.0.1", or undefined when it does not run. */
export function serverLabel(path) {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const m = r.status === 0 ? /^(\w+) server v=(\d+\.\d+\.\d+)/.exec(r.stdout) : null;
  return m ? `${m[1]} ${m[2]}` : undefined;
}

const BUILD_DEPS = 'apt-get install build-essential pkg-config libssl-dev';

/**
 * The extra servers: $REDIS_WARDEN_EXTRA_SERVERS when set, else each vendored source built by
 * build-server.sh (cached: it prints the path at once; the first time it compiles, ~1 min each).
 * Each entry is { name, path, label } or { name, problem } saying how to get it.
 */
export function extraServers(root) {
  const chosen = process.env[EXTRA_ENV];
  if (chosen)
    return chosen
      .split(':')
      .filter(Boolean)
      .map((path) => {
        const label = serverLabel(path);
        return label
          ? { name: path, path, label }
          : { name: path, problem: `${EXTRA_ENV} names ${path}, which does not run (${path} --version)` };
      });
  const vendor = resolve(root, '../shared/vendor');
  const script = join(vendor, 'build-server.sh');
  if (!existsSync(script))
    return [
      {
        name: VENDORED.join(' and '),
        problem:
          `no ${script}: the Redis-facing tests also run on ${VENDORED.join(' and ')}, built from the shared ` +
          `folder beside the repo. Put it there, or point the tests at servers of your own with ` +
          `${EXTRA_ENV}=/path/to/redis-server:/path/to/valkey-server`,
      },
    ];
  return VENDORED.map((name) => {
    const started = Date.now();
    const r = spawnSync('bash', [script, name], { encoding: 'utf8' });
    const path = r.stdout.trim().split('\n').at(-1) ?? '';
    const label = r.status === 0 && path ? serverLabel(path) : undefined;
    if (!label)
      return {
        name,
        problem:
          `could not build ${name}: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' / ')}\n` +
          `  Build it with: bash ${script} ${name} (needs: ${BUILD_DEPS}), or set ${EXTRA_ENV}`,
      };
    const seconds = Math.round((Date.now() - started) / 1000);
    return { name, path, label, ...(seconds > 5 ? { built: seconds } : {}) };
  });
}

// A test file is Redis-facing when it starts a real server through test/support.
const STARTS_A_SERVER = /support\/redis-(server|instance|cluster|binary)\.js/;

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

// Or when a helper of test/ it imports does (test/helpers/users-pane-fixture.ts, say): the
// imports are followed, so a file moved onto a shared fixture still runs on every server.
const RELATIVE_IMPORT = /from '(\.{1,2}\/[^']+)\.js'/g;

function startsAServer(path, seen = new Set()) {
  if (seen.has(path)) return false;
  seen.add(path);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return false;
  }
  if (STARTS_A_SERVER.test(text)) return true;
  return [...text.matchAll(RELATIVE_IMPORT)].some((m) => {
    const base = join(dirname(path), m[1]);
    return base.includes('/test/') && ['.ts', '.tsx'].some((ext) => startsAServer(base + ext, seen));
  });
}

/** Repo-relative paths of the test files that start a real server, sorted. */
/** @param {string} root @returns {string[]} */
export function serverTestFiles(root) {
  return testFiles(join(root, 'test'))
    .filter((path) => startsAServer(path))
    .map((path) => path.slice(root.length).replace(/^\//, ''))
    .sort();
}
