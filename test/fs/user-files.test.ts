// The one way a file an operator names is read or written, against the real things a path can
// name: /dev/zero, a FIFO, a directory, a link to a device, a sparse file over the bound,
// /proc/self/pagemap (size 0, reads on for gigabytes); for writes a FIFO, a link to another
// file and a directory. Every read or write of such a path runs in a child process (the
// module bundled by esbuild) with a time bound, so a hang or a runaway read fails the test
// instead of hanging the suite or filling memory.
import { execFile, execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KiB, MiB, readUserFile, UserFileError, writeUserFile } from '../../src/fs/user-files.js';
import type { WriteOptions } from '../../src/fs/user-files.js';

let dir: string;
const p = (name: string) => join(dir, name);
const limit = { maxBytes: 64 * KiB, noun: 'a test file' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rw-user-files-'));
  writeFileSync(p('ok.txt'), 'hello\n');
  writeFileSync(p('big'), '');
  truncateSync(p('big'), 200 * MiB); // sparse: nothing is written
  execFileSync('mkfifo', [p('fifo')]);
  mkdirSync(p('dir'));
  symlinkSync('/dev/zero', p('zero-link'));
  symlinkSync(p('ok.txt'), p('ok-link'));
  buildSync({
    entryPoints: [join(import.meta.dirname, '../../src/fs/user-files.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: p('user-files.mjs'),
    logLevel: 'silent',
  });
  writeFileSync(
    p('child.mjs'),
    `import { readUserFile, writeUserFile } from './user-files.mjs';
const [op, path, opts] = [process.argv[2], process.argv[3], JSON.parse(process.argv[4])];
try {
  const r = op === 'read' ? readUserFile(path, opts).length : writeUserFile(path, 'written\\n', opts);
  console.log(JSON.stringify({ ok: r ?? true }));
} catch (e) {
  console.log(JSON.stringify({ reason: e.reason, errno: e.errno }));
}
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  ok?: number | boolean;
  reason?: string;
  errno?: string;
  ms: number;
}

/** One read or write in a child killed after 10 s: a hang is `{ killed }`, never a stuck suite. */
function inChild(op: 'read' | 'write', path: string, opts: object): Promise<Outcome | { killed: true }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [p('child.mjs'), op, path, JSON.stringify(opts)],
      { timeout: 10_000, killSignal: 'SIGKILL' },
      (err, stdout) => {
        if (err) resolve({ killed: true });
        else resolve({ ...(JSON.parse(stdout) as Outcome), ms: Date.now() - started });
      },
    );
  });
}

const reasonOf = (run: () => unknown): string => {
  try {
    run();
  } catch (err) {
    if (err instanceof UserFileError) return err.reason;
    throw err;
  }
  throw new Error('not refused');
};

describe('readUserFile', () => {
  it('reads a regular file, also through a link to one', () => {
    expect(readUserFile(p('ok.txt'), limit).toString()).toBe('hello\n');
    expect(readUserFile(p('ok-link'), limit).toString()).toBe('hello\n');
  });

  it.each([
    ['/dev/zero', 'is not a regular file (a device, a pipe or a socket)'],
    ['zero-link', 'is not a regular file (a device, a pipe or a socket)'],
    ['fifo', 'is not a regular file (a device, a pipe or a socket)'],
    ['dir', 'is a directory'],
    ['big', 'is 200.0 MiB: larger than the 64.0 KiB a test file may be'],
    // Says size 0: only reading finds out, and reading stops at the bound.
    ['/proc/self/pagemap', 'is larger than the 64.0 KiB a test file may be'],
    ['missing', 'does not exist'],
  ])('%s: refused at once, %s', async (name, reason) => {
    const r = await inChild('read', name.startsWith('/') ? name : p(name), limit);
    expect(r).toMatchObject({ reason });
    expect((r as Outcome).ms).toBeLessThan(5000);
  });

  it('reads a file of exactly the bound, and refuses one byte more', () => {
    writeFileSync(p('exact'), Buffer.alloc(64 * KiB, 0x61));
    expect(readUserFile(p('exact'), limit).length).toBe(64 * KiB);
    writeFileSync(p('exact'), Buffer.alloc(64 * KiB + 1, 0x61));
    expect(reasonOf(() => readUserFile(p('exact'), limit))).toMatch(/larger than the 64.0 KiB/);
  });
});

describe('writeUserFile', () => {
  it('writes a new file with the mode asked, whatever the umask, and leaves no temp file', () => {
    const old = process.umask(0o077);
    try {
      writeUserFile(p('new.acl'), 'data\n', { mode: 0o644 });
    } finally {
      process.umask(old);
    }
    expect(readFileSync(p('new.acl'), 'utf8')).toBe('data\n');
    expect(statSync(p('new.acl')).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an existing file without overwrite (EEXIST), replaces it with, and tightens the mode', () => {
    writeFileSync(p('old.acl'), 'old\n', { mode: 0o644 });
    chmodSync(p('old.acl'), 0o644);
    const e = (() => {
      try {
        writeUserFile(p('old.acl'), 'new\n', { mode: 0o600 });
      } catch (err) {
        return err as UserFileError;
      }
    })();
    expect(e?.errno).toBe('EEXIST');
    expect(readFileSync(p('old.acl'), 'utf8')).toBe('old\n');
    writeUserFile(p('old.acl'), 'new\n', { mode: 0o600, overwrite: true });
    expect(readFileSync(p('old.acl'), 'utf8')).toBe('new\n');
    expect(statSync(p('old.acl')).mode & 0o777).toBe(0o600);
  });

  it('a link to another file is refused, with or without overwrite; the target keeps its bytes and mode', () => {
    writeFileSync(p('victim'), 'victim\n');
    chmodSync(p('victim'), 0o644);
    symlinkSync(p('victim'), p('link.acl'));
    expect(reasonOf(() => writeUserFile(p('link.acl'), 'x', { mode: 0o600, overwrite: true }))).toMatch(
      /^is a symbolic link: it is not written through/,
    );
    expect(reasonOf(() => writeUserFile(p('link.acl'), 'x', { mode: 0o600 }))).toBe('exists');
    expect(readFileSync(p('victim'), 'utf8')).toBe('victim\n');
    expect(statSync(p('victim')).mode & 0o777).toBe(0o644);
    expect(lstatSync(p('link.acl')).isSymbolicLink()).toBe(true);
  });

  it.each([
    ['fifo', 'is not a regular file (a device, a pipe or a socket): it is not written over'],
    ['dir', 'is a directory: it is not written over'],
    ['no-such-dir/x', 'cannot be written: its directory does not exist'],
  ])('%s: refused at once with overwrite: %s', async (name, reason) => {
    const opts: WriteOptions = { mode: 0o600, overwrite: true };
    const r = await inChild('write', p(name), opts);
    expect(r).toMatchObject({ reason });
    expect((r as Outcome).ms).toBeLessThan(5000);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a FIFO without overwrite: exists (EEXIST), nothing opened', async () => {
    expect(await inChild('write', p('fifo'), { mode: 0o600 })).toMatchObject({
      reason: 'exists',
      errno: 'EEXIST',
    });
  });
});
