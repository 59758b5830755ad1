#!/usr/bin/env -S node --max-semi-space-size=8
// Shim: runs the esbuild bundle (`npm run build`, one CommonJS file) with a V8 code cache.
// CommonJS itself (bin/package.json): Node starts a CommonJS entry ~10 ms sooner than an ES module.
'use strict';
const fs = require('node:fs');
const { createRequire, Module } = require('node:module');
const { homedir } = require('node:os');
const { dirname, isAbsolute, join } = require('node:path');
const vm = require('node:vm');
const { crc32 } = require('node:zlib');

const bundle = join(__dirname, '..', 'dist', 'cli.cjs');
let source;
try {
  source = fs.readFileSync(bundle);
} catch {
  process.stderr.write(
    'redis-warden: the bundle is missing; run `npm run build` first (npm start does it for you).\n',
  );
  process.exit(2);
}

// Two things are changed while the console's code loads, and put back by src/cli.ts once it
// has (it calls the function below; the TUI's code is set up later, when it starts):
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

// The code cache: V8's compiled bytecode for the bundle, kept under XDG_CACHE_HOME, so a start
// skips parsing and compiling what the last run compiled (Node 22's compile cache, on Node 20).
// - The file is named by a CRC of the bundle, Node's version and flags: a new build or Node
//   never reads an old cache, and V8 itself rejects one that does not fit.
// - Bytecode is code: it is read only from a directory and a file that are this user's and
//   writable by no one else (as ssh treats its keys), and written 0600 in a 0700 directory.
// - A cache that cannot be read or written is skipped: the console starts as without one.
// - Two kinds: "cli", written when a headless command ends, and "tui", written once the TUI's
//   first screens are up, which covers more of the code and is read first.
// - REDIS_WARDEN_NO_CODE_CACHE=1 turns it off.
const cacheDir = process.env.REDIS_WARDEN_NO_CODE_CACHE
  ? undefined
  : join(
      isAbsolute(process.env.XDG_CACHE_HOME ?? '') ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache'),
      'redis-warden',
    );
const key = `code-${crc32(`${process.version} ${process.arch} ${process.execArgv.join(' ')}`, crc32(source))}`;
const cacheFile = (kind) => join(cacheDir, `${key}.${kind}.bin`);
const ownedAndPrivate = (stat) => stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;

function readCache() {
  if (!cacheDir) return { state: 'off' };
  try {
    if (!ownedAndPrivate(fs.statSync(cacheDir))) return { state: 'untrusted' };
  } catch {
    return { state: 'none' }; // no cache directory yet
  }
  for (const kind of ['tui', 'cli']) {
    let fd;
    try {
      fd = fs.openSync(cacheFile(kind), 'r');
    } catch {
      continue; // not written yet
    }
    try {
      if (!ownedAndPrivate(fs.fstatSync(fd))) return { state: 'untrusted' };
      return { state: kind, data: fs.readFileSync(fd), file: cacheFile(kind) };
    } catch {
      return { state: 'none' };
    } finally {
      fs.closeSync(fd);
    }
  }
  return { state: 'none' };
}

const read = readCache();
const script = new vm.Script(Module.wrap(source.toString('latin1')), {
  filename: bundle,
  cachedData: read.data,
});
/** How this start used the cache: off, untrusted, none, rejected, cli or tui. */
const state = { cache: script.cachedDataRejected ? 'rejected' : read.state };
/** What the cache holds for this build and Node, as far as this run knows. */
let have = read.state;
if (script.cachedDataRejected) {
  have = 'none';
  fs.rmSync(read.file, { force: true }); // or it would be read first again, and rejected
}

/**
 * Called by the bundle once the code a run needs is compiled: writes the cache when there is
 * none, V8 rejected it, or the TUI found only a headless command's. Never throws.
 */
function saveCodeCache(kind) {
  if (have === 'off' || have === 'untrusted' || have === 'tui' || have === kind) return;
  have = kind; // tried once per run, whatever happens below
  try {
    fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    if (!ownedAndPrivate(fs.statSync(cacheDir))) return;
    const tmp = `${cacheFile(kind)}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, script.createCachedData());
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, cacheFile(kind));
    // Caches of other builds or Node versions are of no further use, nor a "cli" one beside
    // a "tui" one (which is read first), nor what a killed run left half written.
    const keep = new Set([`${key}.tui.bin`, kind === 'cli' ? `${key}.cli.bin` : '']);
    for (const name of fs.readdirSync(cacheDir))
      if (name.startsWith('code-') && !keep.has(name)) fs.rmSync(join(cacheDir, name), { force: true });
  } catch {
    // A read-only or full disk: the next start compiles again, nothing else changes.
  }
}
globalThis[Symbol.for('redis-warden.code-cache')] = { state, save: saveCodeCache };

const bundleModule = { exports: {}, filename: bundle, id: bundle, loaded: false };
script
  .runInThisContext()
  .call(
    bundleModule.exports,
    bundleModule.exports,
    createRequire(bundle),
    bundleModule,
    bundle,
    dirname(bundle),
  );
