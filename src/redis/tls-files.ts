// Reading the TLS files a connection names (--cacert, --cacertdir, --cert, --key, or the same
// fields of a profile), checked before Node's TLS sees them: only regular files of at most
// MAX_TLS_FILE bytes (`--cacert /dev/zero` read forever and crashed with std::bad_alloc; a FIFO
// would block), and each must hold what its flag says (a private key given as --cacert
// surfaced as "self-signed certificate in chain"). Messages name the file and the reason,
// never its contents.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';

/** 1 MiB: a CA bundle of every public root is ~220 KB; a certificate or key is a few KB. */
export const MAX_TLS_FILE = 1024 * 1024;
/** Files read from a --cacertdir at most. */
export const MAX_CA_DIR_FILES = 1000;

export type TlsFileKind = 'CA certificate' | 'client certificate' | 'client key';

/** code TLS_FILE: explain() gives it SEC004 with the reason. */
export class TlsFileError extends Error {
  readonly code = 'TLS_FILE';
}

const fail = (kind: TlsFileKind, path: string, reason: string) =>
  new TlsFileError(`the ${kind} file ${path} ${reason}`);

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** The file's bytes, refused unless it is a regular file of at most MAX_TLS_FILE. */
function readBounded(kind: TlsFileKind, path: string): string {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw fail(kind, path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory())
      throw fail(
        kind,
        path,
        `is a directory${kind === 'CA certificate' ? ' (use --cacertdir for one)' : ''}`,
      );
    if (!st.isFile())
      throw fail(
        kind,
        path,
        'is not a regular file (a device, a pipe or a socket): it cannot be a certificate or key',
      );
    if (st.size > MAX_TLS_FILE)
      throw fail(
        kind,
        path,
        `is ${mib(st.size)}: larger than the ${mib(MAX_TLS_FILE)} a certificate or key file may be`,
      );
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.toString('utf8', 0, got);
  } finally {
    closeSync(fd);
  }
}

const labels = (text: string) => [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1] ?? '');
const isCert = (l: string) => l === 'CERTIFICATE' || l === 'TRUSTED CERTIFICATE';
const isKey = (l: string) => l.endsWith('PRIVATE KEY');

/** What the file holds instead of what was asked, in words. */
function holds(found: string[]): string {
  if (!found.length) return 'holds no PEM block: it is not a PEM certificate or key';
  if (found.some(isKey)) return 'holds a private key, not a certificate';
  return `holds ${found[0] ?? ''} and no certificate`;
}

/** Reads and checks one TLS file; throws a TlsFileError that says what is wrong with it. */
export function readTlsFile(kind: TlsFileKind, path: string): string {
  const text = readBounded(kind, path);
  const found = labels(text);
  if (kind === 'client key') {
    if (!found.some(isKey))
      throw fail(
        kind,
        path,
        found.some(isCert)
          ? 'holds a certificate, not a private key'
          : holds(found).replace(', not a certificate', ''),
      );
    return text;
  }
  if (!found.some(isCert)) throw fail(kind, path, holds(found));
  for (const block of text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []) {
    try {
      new X509Certificate(block);
    } catch {
      throw fail(kind, path, 'holds a CERTIFICATE block that is not a valid certificate');
    }
  }
  return text;
}

/** The .pem / .crt files of a --cacertdir, each checked as a CA certificate file. */
export function readCaDir(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new TlsFileError(`the CA directory ${dir} is not a directory`);
    names = readdirSync(dir).filter((f) => /\.(pem|crt)$/i.test(f));
  } catch (err) {
    if (err instanceof TlsFileError) throw err;
    throw new TlsFileError(
      `the CA directory ${dir} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (names.length > MAX_CA_DIR_FILES)
    throw new TlsFileError(
      `the CA directory ${dir} holds ${names.length} .pem/.crt files: more than ${MAX_CA_DIR_FILES}`,
    );
  return names.map((f) => readTlsFile('CA certificate', join(dir, f)));
}
