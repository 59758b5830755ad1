// bin/redis-warden.js keeps V8's code cache of the bundle under XDG_CACHE_HOME. A start must
// use it when it fits, and start as well without it when it is missing, foreign, corrupt,
// unwritable or turned off; bytecode is only read from a private file of this user's.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runInPty } from '../helpers/pty.js';

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

const hasTuiCache = () => files().some((f) => f.endsWith('.tui.bin'));

/**
 * Starts the TUI (no server: it opens on Profiles), waits for its frame and for `until` (up
 * to 8 s), quits; returns how it used the cache.
 */
async function tuiStart(extraEnv: NodeJS.ProcessEnv = {}, until = () => true): Promise<string> {
  const pty = runInPty(['-p', '1'], { ...env, ...extraEnv });
  expect(await pty.waitFor('7 Profiles', 15_000), pty.output()).toBe(true);
  for (let t = 0; t < 8000 && !until(); t += 100) await new Promise((r) => setTimeout(r, 100));
  pty.child.stdin?.write('q');
  await pty.exited();
  const lines = readFileSync(env.REDIS_WARDEN_TIMING!, 'utf8').trim().split('\n');
  return (JSON.parse(lines[lines.length - 1]!) as { codeCache: string }).codeCache;
}

describe('the code cache', () => {
  it('is written by a headless run, then replaced by the TUI’s, private to the user', async () => {
    expect(headless()).toMatch(/^\d+\.\d+\.\d+/);
    expect(files()).toEqual([expect.stringMatching(/^code-\d+\.cli\.bin$/)]);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(statSync(join(cache, files()[0]!)).mode & 0o777).toBe(0o600);

    expect(await tuiStart({}, hasTuiCache)).toBe('cli');
    expect(files()).toEqual([expect.stringMatching(/^code-\d+\.tui\.bin$/)]);
    expect(await tuiStart()).toBe('tui');
    // A headless run after it reads the TUI's and writes nothing.
    const before = statSync(join(cache, files()[0]!)).mtimeMs;
    headless();
    expect(files()).toHaveLength(1);
    expect(statSync(join(cache, files()[0]!)).mtimeMs).toBe(before);
  }, 60_000);

  it('a corrupt cache is rejected by V8, the console starts anyway, and the cache is rewritten', async () => {
    expect(await tuiStart({}, hasTuiCache)).toBe('none');
    const [name] = files();
    const path = join(cache, name!);
    const bytes = readFileSync(path);
    bytes.fill(7, 0, 64); // the header: V8's checks fail
    writeFileSync(path, bytes);
    const rewritten = () =>
      existsSync(path) &&
      !readFileSync(path)
        .subarray(0, 64)
        .every((b) => b === 7);
    expect(await tuiStart({}, rewritten)).toBe('rejected');
    expect(rewritten()).toBe(true);
    expect(await tuiStart()).toBe('tui');
  }, 60_000);

  it('is not read from a file or directory others can write, and not replaced there', async () => {
    headless();
    const path = join(cache, files()[0]!);
    chmodSync(path, 0o666);
    expect(await tuiStart()).toBe('untrusted');
    expect(files()).toEqual([expect.stringMatching(/\.cli\.bin$/)]);
    chmodSync(path, 0o600);
    chmodSync(cache, 0o777);
    expect(await tuiStart()).toBe('untrusted');
    chmodSync(cache, 0o700);
    expect(await tuiStart()).toBe('cli');
  }, 60_000);

  it('a cache for other flags or another build is not used, and is removed once a new one is written', () => {
    headless();
    const old = files()[0]!;
    execFileSync('node', ['--max-semi-space-size=16', BIN, '--version'], { env });
    expect(files()).toHaveLength(1);
    expect(files()[0]).not.toBe(old);
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
