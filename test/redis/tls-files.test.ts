// TLS files are checked before Node's TLS sees them: only regular files of at most 1 MiB, each
// holding what its flag says; the reason is given, the contents never.
import { execFileSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCa } from '../../src/pki/generate.js';
import { explain } from '../../src/redis/errors.js';
import { MAX_TLS_FILE, readCaDir, readTlsFile } from '../../src/redis/tls-files.js';
import { tlsOptions } from '../../src/redis/connect.js';
import { cli, scratch } from '../commands/acl-cli.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';

const files = scratch();
let xdg: XdgDirs;
let ca: { certPem: string; keyPem: string };
const path = (name: string) => join(files.dir, name);

beforeAll(async () => {
  xdg = tempXdg();
  ca = await generateCa({ commonName: 'tls-files test CA' });
  writeFileSync(path('ca.crt'), ca.certPem);
  writeFileSync(path('ca.key'), ca.keyPem);
  writeFileSync(
    path('garbage.crt'),
    '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
  );
  writeFileSync(path('notes.txt'), 'just some text\n');
  writeFileSync(path('big.pem'), '');
  truncateSync(path('big.pem'), 50 * 1024 * 1024); // sparse: 50 MB without writing them
  execFileSync('mkfifo', [path('fifo.pem')]);
  mkdirSync(path('cadir'));
  writeFileSync(path('cadir/ok.pem'), ca.certPem);
});
afterAll(() => {
  files.cleanup();
  xdg.cleanup();
});

describe('readTlsFile', () => {
  it('accepts a CA certificate and a private key for what they are', () => {
    expect(readTlsFile('CA certificate', path('ca.crt'))).toBe(ca.certPem);
    expect(readTlsFile('client key', path('ca.key'))).toBe(ca.keyPem);
    expect(readCaDir(path('cadir'))).toEqual([ca.certPem]);
  });

  it.each([
    ['CA certificate', 'ca.key', 'holds a private key, not a certificate'],
    ['client certificate', 'ca.key', 'holds a private key, not a certificate'],
    ['client key', 'ca.crt', 'holds a certificate, not a private key'],
    ['CA certificate', 'garbage.crt', 'holds a CERTIFICATE block that is not a valid certificate'],
    ['CA certificate', 'notes.txt', 'holds no PEM block'],
    ['CA certificate', '/dev/zero', 'is not a regular file (a device, a pipe or a socket)'],
    ['CA certificate', 'fifo.pem', 'is not a regular file'],
    ['CA certificate', '.', 'is a directory (use --cacertdir for one)'],
    ['client key', 'big.pem', 'is 50.0 MiB: larger than the 1.0 MiB a certificate or key file may be'],
    ['CA certificate', 'missing.pem', 'does not exist'],
    ['CA certificate', '/proc/self/pagemap', 'is larger than the 1.0 MiB a certificate or key file may be'],
  ] as const)('%s %s: refused, %s', (kind, name, reason) => {
    const p = name.startsWith('/') ? name : path(name);
    let thrown: unknown;
    try {
      readTlsFile(kind, p);
    } catch (err) {
      thrown = err;
    }
    const e = explain(thrown);
    expect(e.message.startsWith(`the ${kind} file ${p} ${reason}`)).toBe(true);
    expect([e.code, e.name]).toEqual(['SEC004', 'TLS_FILE']);
    // Never the contents.
    expect(e.message).not.toMatch(/BEGIN|bm90|some text/);
  });

  it('a --cacertdir entry is checked like --cacert, and the directory must be one', () => {
    writeFileSync(path('cadir/key.pem'), ca.keyPem);
    expect(() => readCaDir(path('cadir'))).toThrow(/cadir\/key\.pem holds a private key, not a certificate/);
    expect(() => readCaDir(path('ca.crt'))).toThrow(/is not a directory/);
    expect(MAX_TLS_FILE).toBe(1024 * 1024);
  });

  it('tlsOptions (flags and profiles alike) refuses /dev/zero as a key', () => {
    expect(() =>
      tlsOptions({ tls: { enabled: true, cert: path('ca.crt'), key: '/dev/zero' } }, 'localhost'),
    ).toThrow(/client key file \/dev\/zero is not a regular file/);
  });
});

describe('headless: --cacert of a private key or /dev/zero', () => {
  it.each([
    [path('ca.key'), 'holds a private key, not a certificate'],
    ['/dev/zero', 'is not a regular file'],
  ])('%s: exit 2 at once, with the reason, no "self-signed" and no crash', async (file, reason) => {
    const r = await cli(['acl', 'list', '-p', '1', '--tls', '--cacert', file, '--timeout', '20000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`SEC004 TLS_FILE: the CA certificate file ${file} ${reason}`);
    expect(r.stderr).not.toMatch(/self-signed|bad_alloc|time bound/);
  });
});
