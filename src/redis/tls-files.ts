// Reading the TLS files a connection names (--cacert, --cacertdir, --cert, --key, or the same
// fields of a profile), checked before Node's TLS sees them: only regular files of at most
// MAX_TLS_FILE bytes (`--cacert /dev/zero` read forever and crashed with std::bad_alloc; a FIFO
// would block), and each must hold what its flag says (a private key given as --cacert
// surfaced as "self-signed certificate in chain"). Messages name the file and the reason,
// never its contents.
import { readdirSync, statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { MiB, readUserFile, UserFileError } from '../fs/user-files.js';

/** 1 MiB: a CA bundle of every public root is ~220 KB; a certificate or key is a few KB. */
export const MAX_TLS_FILE = MiB;
/** Files read from a --cacertdir at most. */
export const MAX_CA_DIR_FILES = 1000;

export type TlsFileKind = 'CA certificate' | 'client certificate' | 'client key';

/** code TLS_FILE: explain() gives it SEC004 with the reason. */
export class TlsFileError extends Error {
  readonly code = 'TLS_FILE';
}

const fail = (kind: TlsFileKind, path: string, reason: string) =>
  new TlsFileError(`the ${kind} file ${path} ${reason}`);

/** The file's text; the generic checks (regular, bounded, non-blocking) are readUserFile's. */
function readBounded(kind: TlsFileKind, path: string): string {
  try {
    return readUserFile(path, { maxBytes: MAX_TLS_FILE, noun: 'a certificate or key file' }).toString('utf8');
  } catch (err) {
    if (!(err instanceof UserFileError)) throw err;
    let reason = err.reason;
    if (reason === 'is a directory' && kind === 'CA certificate') reason += ' (use --cacertdir for one)';
    else if (reason.startsWith('is not a regular file')) reason += ': it cannot be a certificate or key';
    throw fail(kind, path, reason);
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
