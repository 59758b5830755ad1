import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PkiError } from '../../src/pki/errors.js';
import { writePkiFiles } from '../../src/pki/write.js';
import type { PkiFile } from '../../src/pki/write.js';

const mode = (path: string) => statSync(path).mode & 0o777;

const FILES: PkiFile[] = [
  { name: 'ca.crt', content: 'CA CERT\n', kind: 'cert' },
  { name: 'redis.key', content: 'SERVER KEY\n', kind: 'key' },
  { name: 'redis.crt', content: 'SERVER CERT\n', kind: 'cert' },
];

describe('writePkiFiles', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'redis-warden-write-'));
    dir = join(root, 'tls', 'nested');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the directory 0700, keys 0600 and certificates 0644, and returns the paths', async () => {
    const paths = await writePkiFiles(dir, FILES);
    expect(paths).toEqual(FILES.map((f) => join(dir, f.name)));
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'redis.key'))).toBe(0o600);
    expect(mode(join(dir, 'redis.crt'))).toBe(0o644);
    expect(mode(join(dir, 'ca.crt'))).toBe(0o644);
    expect(readFileSync(join(dir, 'redis.key'), 'utf8')).toBe('SERVER KEY\n');
    expect(readdirSync(dir).sort()).toEqual(['ca.crt', 'redis.crt', 'redis.key']);
  });

  it('sets the modes exactly, whatever the umask', async () => {
    const previous = process.umask(0o077);
    try {
      await writePkiFiles(dir, FILES);
    } finally {
      process.umask(previous);
    }
    expect(mode(join(dir, 'ca.crt'))).toBe(0o644);
  });

  it('refuses to overwrite, naming the file, and writes nothing at all', async () => {
    await writePkiFiles(dir, [FILES[1] as PkiFile]);
    const attempt = writePkiFiles(dir, FILES);
    await expect(attempt).rejects.toBeInstanceOf(PkiError);
    await expect(attempt).rejects.toThrow(`${join(dir, 'redis.key')} already exists; refusing to overwrite`);
    expect(readdirSync(dir)).toEqual(['redis.key']);
  });

  it('replaces files and fixes their modes with overwrite', async () => {
    await writePkiFiles(dir, FILES);
    const replaced = FILES.map((f) => ({ ...f, content: `new ${f.name}` }));
    await writePkiFiles(dir, replaced, { overwrite: true });
    expect(readFileSync(join(dir, 'redis.crt'), 'utf8')).toBe('new redis.crt');
    expect(mode(join(dir, 'redis.key'))).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['ca.crt', 'redis.crt', 'redis.key']);
  });

  it('rejects names that would escape the directory and unknown kinds', async () => {
    for (const name of ['../x.key', 'a/b.crt', '..', '']) {
      await expect(writePkiFiles(dir, [{ name, content: '', kind: 'key' }])).rejects.toThrow(
        /not a plain file name/,
      );
    }
    await expect(writePkiFiles(dir, [{ name: 'x', content: '', kind: 'pem' as never }])).rejects.toThrow(
      /kind must be "key" or "cert"/,
    );
  });
  it('with overwrite, a link, a FIFO or a directory at a name is refused before anything is written', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(root, 'elsewhere'), 'keep\n');
    chmodSync(join(root, 'elsewhere'), 0o644);
    symlinkSync(join(root, 'elsewhere'), join(dir, 'redis.key'));
    const attempt = writePkiFiles(dir, FILES, { overwrite: true });
    await expect(attempt).rejects.toThrow(
      `${join(dir, 'redis.key')} is a symbolic link: it is not written through`,
    );
    // Not written through the link, and ca.crt (listed first) was not written either.
    expect(readFileSync(join(root, 'elsewhere'), 'utf8')).toBe('keep\n');
    expect(mode(join(root, 'elsewhere'))).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['redis.key']);
    rmSync(join(dir, 'redis.key'));
    execFileSync('mkfifo', [join(dir, 'redis.key')]);
    await expect(writePkiFiles(dir, FILES, { overwrite: true })).rejects.toThrow(
      /redis\.key is not a regular file \(a device, a pipe or a socket\): it is not written over/,
    );
    rmSync(join(dir, 'redis.key'));
    mkdirSync(join(dir, 'redis.key'));
    await expect(writePkiFiles(dir, FILES, { overwrite: true })).rejects.toThrow(/redis\.key is a directory/);
    expect(readdirSync(dir)).toEqual(['redis.key']);
  });

  it('without overwrite, a dangling link at a name counts as taken', async () => {
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(root, 'nowhere'), join(dir, 'redis.crt'));
    await expect(writePkiFiles(dir, FILES)).rejects.toThrow(`${join(dir, 'redis.crt')} already exists`);
    expect(readdirSync(root).sort()).toEqual(['tls']);
  });
});
