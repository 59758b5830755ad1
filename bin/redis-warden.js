#!/usr/bin/env -S node --max-semi-space-size=8
// Shim: runs the esbuild bundle (`npm run build`, one CommonJS file) with a V8 code cache.
// CommonJS itself (bin/package.json): Node starts a CommonJS entry ~10 ms sooner than an ES module.
'use strict';
const { Buffer } = require('node:buffer');
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
// - Named by a CRC of the bundle and Node's version (the build), then of Node's flags: a new
//   build or Node never reads an old cache, and `node bin/...` and the shebang's flags keep one
//   each. Writing one removes those of other builds.
// - Each file carries a CRC of its bytes, checked before V8 sees them: V8 checks only their
//   header, and crashes the process on damaged bytecode. A damaged or rejected file is removed
//   and written again.
// - Bytecode is code: it is read only from a directory and a file that are this user's and
//   writable by no one else (as ssh treats its keys), and written 0600 in a 0700 directory.
//   Anything else is not used, and the console says so (src/commands/context.ts).
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
const build = `code-${crc32(`${process.version} ${process.arch}`, crc32(source))}-`;
const prefix = `${build}${crc32(process.execArgv.join(' '))}`;
const cacheFile = (kind) => join(cacheDir, `${prefix}.${kind}.bin`);
const MAGIC = Buffer.from('RWC1');
const HEADER = 8; // MAGIC, then the CRC-32 of the rest (little-endian)
const ownedAndPrivate = (stat) => stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
const untrusted = {
  state: 'untrusted',
  warning: `the code cache in ${cacheDir} is not used: it is not yours or others can write it (chmod 700 the directory and 600 its files, or delete it).`,
};

function readCache() {
  if (!cacheDir) return { state: 'off' };
  try {
    if (!ownedAndPrivate(fs.statSync(cacheDir))) return untrusted;
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
      if (!ownedAndPrivate(fs.fstatSync(fd))) return untrusted;
      const bytes = fs.readFileSync(fd);
      const data = bytes.subarray(HEADER);
      if (
        bytes.length <= HEADER ||
        !bytes.subarray(0, 4).equals(MAGIC) ||
        bytes.readUInt32LE(4) !== crc32(data)
      )
        return { state: 'damaged', file: cacheFile(kind) };
      return { state: kind, data, file: cacheFile(kind) };
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
/** How this start used the cache: off, untrusted, none, damaged, rejected, cli or tui. */
const state = { cache: script.cachedDataRejected ? 'rejected' : read.state, warning: read.warning };
/** What the cache holds for this build, Node and flags, as far as this run knows. */
let have = read.state;
if (state.cache === 'rejected' || state.cache === 'damaged') {
  have = 'none';
  try {
    fs.rmSync(read.file, { force: true }); // or it would be read first again
  } catch {
    // saveCodeCache replaces it, or cannot either
  }
}

/**
 * Called by the bundle once the code a run needs is compiled: writes the cache when there is
 * none, it was damaged or rejected, or the TUI found only a headless command's. Never throws.
 */
function saveCodeCache(kind) {
  if (have === 'off' || have === 'untrusted' || have === 'tui' || have === kind) return;
  have = kind; // tried once per run, whatever happens below
  try {
    fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    if (!ownedAndPrivate(fs.statSync(cacheDir))) return;
    const data = script.createCachedData();
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header);
    header.writeUInt32LE(crc32(data), 4);
    const tmp = `${cacheFile(kind)}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, header);
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, cacheFile(kind));
    // Caches of other builds are of no further use, nor a "cli" one beside a "tui" one (which
    // is read first), nor what a run killed while writing left (a minute old).
    for (const name of fs.readdirSync(cacheDir)) {
      const path = join(cacheDir, name);
      const stale =
        !name.startsWith(build) ||
        (kind === 'tui' && name === `${prefix}.cli.bin`) ||
        (name.endsWith('.tmp') && fs.statSync(path).mtimeMs < Date.now() - 60_000);
      if (name.startsWith('code-') && stale) fs.rmSync(path, { force: true });
    }
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
