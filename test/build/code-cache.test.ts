// bin/redis-warden.js keeps V8's code cache of the bundle under XDG_CACHE_HOME. A start must
// use it when it fits, and start as well without it when it is missing, foreign, corrupt,
// unwritable or turned off; bytecode is only read from a private file of this user's.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runInPty } from '../helpers/pty.js';
import { until } from '../helpers/until.js';

let root: string;
let cache: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rw-code-cache-'));
  cache = join(root, 'cache', 'redis-warden');
  env = {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'c'),
    XDG_STATE_HOME: join(root, 's'),
    XDG_CACHE_HOME: join(root, 'cache'),
    REDIS_WARDEN_TIMING: join(root, 'timing.jsonl'),
    TERM: 'xterm',
  };
  delete env.REDIS_WARDEN_NO_CODE_CACHE;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const files = () => (existsSync(cache) ? readdirSync(cache).sort() : []);
const headless = (extraEnv: NodeJS.ProcessEnv = {}) =>
  execFileSync('node', [BIN, '--version'], { env: { ...env, ...extraEnv }, encoding: 'utf8' }).trim();

let lastOutput = '';
const hasTuiCache = () => files().some((f) => f.endsWith('.tui.bin'));

/**
 * Starts the TUI (no server: it opens on Profiles), waits for its frame and for `done` (up
 * to 8 s), quits; returns how it used the cache.
 */
async function tuiStart(extraEnv: NodeJS.ProcessEnv = {}, done = () => true): Promise<string> {
  const pty = runInPty(['-p', '1'], { ...env, ...extraEnv });
  expect(await pty.waitFor('7 Profiles', 15_000), pty.output()).toBe(true);
  await pty.waitFor('code cache', 300); // a warning, when there is one, is in the status line
  lastOutput = pty.output();
  await until(done, 'the console ready to quit', 8000, 100);
  pty.child.stdin?.write('q');
  await pty.exited();
  const lines = readFileSync(env.REDIS_WARDEN_TIMING!, 'utf8').trim().split('\n');
  return (JSON.parse(lines[lines.length - 1]!) as { codeCache: string }).codeCache;
}

describe('the code cache', () => {
  it('is written by a headless run, then replaced by the TUI’s, private to the user', async () => {
    expect(headless()).toMatch(/^\d+\.\d+\.\d+/);
    expect(files()).toEqual([expect.stringMatching(/^code-\d+-\d+\.cli\.bin$/)]);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(statSync(join(cache, files()[0]!)).mode & 0o777).toBe(0o600);

    expect(await tuiStart({}, hasTuiCache)).toBe('cli');
    expect(files()).toEqual([expect.stringMatching(/^code-\d+-\d+\.tui\.bin$/)]);
    expect(await tuiStart()).toBe('tui');
    // A headless run after it reads the TUI's and writes nothing.
    const before = statSync(join(cache, files()[0]!)).mtimeMs;
    headless();
    expect(files()).toHaveLength(1);
    expect(statSync(join(cache, files()[0]!)).mtimeMs).toBe(before);
  }, 60_000);

  it('a damaged cache is caught by its CRC before V8 sees it (V8 would crash), removed and rewritten', async () => {
    expect(await tuiStart({}, hasTuiCache)).toBe('none');
    const path = join(cache, files()[0]!);
    const bytes = readFileSync(path);
    bytes.fill(0, 300_000, 304_096); // bytecode V8 would accept, and crash on
    writeFileSync(path, bytes);
    expect(headless()).toMatch(/^\d/);
    expect(existsSync(path)).toBe(false);
    const rewritten = () => existsSync(path);
    expect(await tuiStart({}, rewritten)).toBe('cli');
    expect(rewritten()).toBe(true);
    expect(await tuiStart()).toBe('tui');
  }, 60_000);

  it('a cache V8 rejects (its CRC intact) is removed and rewritten; the console starts anyway', async () => {
    expect(await tuiStart({}, hasTuiCache)).toBe('none');
    const path = join(cache, files()[0]!);
    const junk = Buffer.alloc(4096, 7);
    const header = Buffer.alloc(8);
    header.write('RWC1');
    header.writeUInt32LE(crc32(junk), 4);
    writeFileSync(path, Buffer.concat([header, junk]));
    const rewritten = () => existsSync(path) && readFileSync(path).length !== 4104;
    expect(await tuiStart({}, rewritten)).toBe('rejected');
    expect(rewritten()).toBe(true);
    expect(await tuiStart()).toBe('tui');
  }, 60_000);

  it('is not read from a file or directory others can write, and not replaced there', async () => {
    headless();
    const path = join(cache, files()[0]!);
    chmodSync(path, 0o666);
    expect(await tuiStart()).toBe('untrusted');
    const warning = 'is not used: it is not yours or others can write it';
    expect(lastOutput).toContain(warning);
    const listed = spawnSync('node', [BIN, 'profiles', 'list'], { env, encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stderr).toContain(`Warning: the code cache in ${cache} ${warning}`);
    expect(files()).toEqual([expect.stringMatching(/\.cli\.bin$/)]);
    chmodSync(path, 0o600);
    chmodSync(cache, 0o777);
    expect(await tuiStart()).toBe('untrusted');
    chmodSync(cache, 0o700);
    expect(await tuiStart()).toBe('cli');
  }, 60_000);

  it('keeps one cache per set of Node flags; one of another build, or half written long ago, is removed', () => {
    headless();
    const [ours] = files();
    execFileSync('node', ['--max-semi-space-size=16', BIN, '--version'], { env });
    expect(files()).toHaveLength(2);
    expect(files()).toContain(ours);
    // Another build's, and a temporary file a killed run left: gone once a cache is written.
    writeFileSync(join(cache, 'code-1-2.tui.bin'), 'old', { mode: 0o600 });
    const tmp = join(cache, `${ours!}.999999.tmp`);
    writeFileSync(tmp, 'half', { mode: 0o600 });
    utimesSync(tmp, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    execFileSync('node', ['--max-semi-space-size=32', BIN, '--version'], { env });
    expect(files()).toHaveLength(3);
    expect(files()).not.toContain('code-1-2.tui.bin');
    expect(existsSync(tmp)).toBe(false);
  });

  it('is off with REDIS_WARDEN_NO_CODE_CACHE, and skipped when its directory cannot be made', async () => {
    expect(await tuiStart({ REDIS_WARDEN_NO_CODE_CACHE: '1' })).toBe('off');
    expect(existsSync(cache)).toBe(false);
    // XDG_CACHE_HOME under a file: nothing can be created there.
    writeFileSync(join(root, 'file'), '');
    expect(headless({ XDG_CACHE_HOME: join(root, 'file') })).toMatch(/^\d/);
    expect(await tuiStart({ XDG_CACHE_HOME: join(root, 'file') })).toBe('none');
  }, 60_000);
});
