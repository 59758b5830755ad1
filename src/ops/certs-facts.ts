// A certificate's facts (src/domain/certs) from its DER or PEM, and what a PEM file holds:
// certificates (one or a chain) and private keys. A key is parsed only to learn its type
// and public half; its bytes never leave this file and an encrypted key is never decrypted.
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { daysUntil } from '../domain/certs/judge.js';
import type { CertFacts } from '../domain/certs/types.js';
import { MiB, readUserFile } from '../fs/user-files.js';
import { PkiError } from '../pki/errors.js';
import { describeKey, inspectCertificate } from '../pki/inspect.js';
import { parseCertificate, parsePrivateKey, pemBlocks, toPem } from '../pki/pem.js';
import { x509 } from '../pki/provider.js';

/** One certificate of a file or a handshake: its PEM (for verification), facts and public key. */
export interface CertEntry {
  pem: string;
  facts: CertFacts;
  /** SubjectPublicKeyInfo DER, to match a private key against. */
  spki: Buffer;
}

export interface KeyEntry {
  source: string;
  /** Undefined when encrypted: never decrypted. */
  spki?: Buffer;
  key: string;
  encrypted: boolean;
}

/** The bound on a file read: a bundle of every public root is ~220 KB. */
const MAX_FILE = MiB;
const KEY_USAGES: [number, string][] = Object.entries({
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  cRLSign: 64,
  encipherOnly: 128,
  decipherOnly: 256,
}).map(([name, bit]) => [bit, name]);

const spkiOf = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });

/** The facts of one certificate (first CERTIFICATE block of `pem`). */
export function certEntry(pem: string, source: string, now: Date): CertEntry {
  const info = inspectCertificate(pem, now);
  const { cert, node } = parseCertificate(pem);
  const usage = cert.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  const facts: CertFacts = {
    source,
    subject: info.subject,
    issuer: info.issuer,
    commonNames: cert.subjectName.getField('CN'),
    serial: info.serial,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    daysLeft: daysUntil(info.notAfter, now),
    dnsNames: info.dnsNames,
    ipAddresses: info.ipAddresses,
    keyUsage: KEY_USAGES.filter(([bit]) => (usage & bit) !== 0).map(([, name]) => name),
    extKeyUsage: info.extendedKeyUsages,
    isCa: info.isCa,
    ...(basic?.pathLength !== undefined && { pathLength: basic.pathLength }),
    key: info.keyAlgorithm,
    signature: info.signatureAlgorithm,
    sha256: info.sha256Fingerprint,
    selfSigned: info.selfSigned,
  };
  return { pem, facts, spki: spkiOf(node.publicKey) };
}

/** A certificate as a handshake hands it over (DER). */
export const derEntry = (der: Buffer, source: string, now: Date): CertEntry =>
  certEntry(toPem('CERTIFICATE', der), source, now);

// Legacy OpenSSL encryption ("Proc-Type: 4,ENCRYPTED" headers) and PKCS#8 encryption.
const ENCRYPTED = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/;
const KEY_BLOCK = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/g;

function keyEntries(text: string, source: string): KeyEntry[] {
  const out: KeyEntry[] = [];
  for (const [block] of text.matchAll(KEY_BLOCK)) {
    if (ENCRYPTED.test(block)) {
      out.push({ source, key: 'encrypted', encrypted: true });
      continue;
    }
    const key = parsePrivateKey(block);
    const pub = createPublicKey(key);
    out.push({ source, spki: spkiOf(pub), key: describeKey(pub), encrypted: false });
  }
  return out;
}

export interface FileContents {
  certs: CertEntry[];
  keys: KeyEntry[];
}

/**
 * Reads a PEM file (bounded, regular files only) and sorts its blocks into certificates and
 * keys. A file with neither is refused with what it holds, never with its content.
 */
export function readPemFile(path: string, now: Date): FileContents {
  const text = readUserFile(path, { maxBytes: MAX_FILE, noun: 'a certificate or key file' }).toString('utf8');
  return pemContents(text, path, now);
}

export function pemContents(text: string, source: string, now: Date): FileContents {
  const keys = keyEntries(text, source);
  // Keys are taken out first: an encrypted one's headers are not base64 and pemBlocks refuses them.
  const rest = text.replace(KEY_BLOCK, '');
  const certs = pemBlocks(rest)
    .filter((b) => b.label === 'CERTIFICATE')
    .map((b) => certEntry(toPem('CERTIFICATE', b.der), source, now));
  if (certs.length === 0 && keys.length === 0) {
    const other = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(rest)?.[1];
    throw new PkiError(
      `${source} holds ${other ? `a ${other} block` : 'no PEM block'}: not a certificate or private key`,
    );
  }
  return { certs, keys };
}
