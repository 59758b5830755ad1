// Renewal: a new certificate (new key, new serial) with the names and usages of the one it
// replaces, signed by the given CA, written over the same files; then the CONFIG SET that makes
// a running Redis load it (Redis does not watch its files).
import { basename, dirname, extname, join, resolve } from 'node:path';
import { readUserFile } from '../fs/user-files.js';
import { PkiError } from '../pki/errors.js';
import { inspectCertificate } from '../pki/inspect.js';
import type { CertificateInfo } from '../pki/inspect.js';
import type { KeyType } from '../pki/keys.js';
import { parseCertificate } from '../pki/pem.js';
import { writePkiFiles } from '../pki/write.js';
import { PKI_FILE_LIMIT } from './certs-check.js';
import type { CertRequest } from './certs.js';
import { leafOf, modeOf, readCa, verifyWritten } from './certs-write.js';

export interface Renewed {
  certPath: string;
  keyPath: string;
  commonName: string;
  oldSerial: string;
  serial: string;
  notAfter: string;
}

export interface RenewResult {
  renewed: Renewed[];
  written: { path: string; mode: number; kind: 'key' | 'cert' }[];
  /** The CONFIG SET that loads each renewed node certificate into a running server. */
  reload: string[];
}

const DAY_MS = 86_400_000;
const KEY_TYPES: Record<string, KeyType> = {
  'ECDSA P-256': 'ecdsa-p256',
  'ECDSA P-384': 'ecdsa-p384',
  'RSA 2048': 'rsa-2048',
  'RSA 3072': 'rsa-3072',
  'RSA 4096': 'rsa-4096',
};

/** `node-1.crt` -> `node-1.key`, beside it: the names generate writes. */
export function keyPathOf(certPath: string): string {
  return join(dirname(certPath), `${basename(certPath, extname(certPath))}.key`);
}

/** The request that makes the same certificate again: same CN, SANs, usages and key type. */
export function requestFrom(
  info: CertificateInfo,
  pem: string,
  certPath: string,
  days?: number,
): CertRequest {
  const server = info.extendedKeyUsages.includes('serverAuth');
  const client = info.extendedKeyUsages.includes('clientAuth');
  if (info.isCa)
    throw new PkiError(
      `"${info.subject}" is a CA: renew leaves only (make a new CA with certs generate --ca)`,
    );
  const keyType = KEY_TYPES[info.keyAlgorithm];
  if (!keyType)
    throw new PkiError(`"${info.subject}" has a ${info.keyAlgorithm} key, which generate does not make`);
  const cn = parseCertificate(pem).cert.subjectName.getField('CN')[0];
  if (cn === undefined) throw new PkiError(`"${info.subject}" has no CN to renew it under`);
  const lifetime = Math.round((info.notAfter.getTime() - info.notBefore.getTime()) / DAY_MS);
  return {
    role: server ? 'server' : 'client',
    file: basename(certPath, extname(certPath)),
    commonName: cn,
    dnsNames: info.dnsNames,
    ipAddresses: info.ipAddresses,
    // No EKU at all means any use; "both" keeps that working for Redis.
    usage: server && !client ? 'server' : client && !server ? 'client' : 'both',
    days: days ?? Math.max(1, lifetime),
    keyType,
  };
}

/**
 * Renews each certificate file (and the key beside it, `X.crt` -> `X.key`). Naming the files is
 * the permission to replace them; nothing is written unless every certificate could be made.
 */
export async function renewFiles(opts: {
  caCertPath: string;
  caKeyPath: string;
  files: string[];
  days?: number;
  passphrase?: string;
  now?: Date;
}): Promise<RenewResult> {
  if (opts.files.length === 0) throw new PkiError('name the certificate files to renew');
  const ca = readCa(opts.caCertPath, opts.caKeyPath, opts.passphrase);
  const made = await Promise.all(
    opts.files.map(async (file) => {
      const certPath = resolve(file);
      const pem = readUserFile(certPath, PKI_FILE_LIMIT).toString('utf8');
      const info = inspectCertificate(pem, opts.now);
      const pair = await leafOf(ca, requestFrom(info, pem, certPath, opts.days), undefined, opts.now);
      return { certPath, keyPath: keyPathOf(certPath), info, pair };
    }),
  );
  const written: RenewResult['written'] = [];
  for (const m of made) {
    // One directory per call of writePkiFiles: the files may sit in different places.
    const paths = await writePkiFiles(
      dirname(m.certPath),
      [
        { name: basename(m.certPath), content: m.pair.certPem, kind: 'cert' },
        { name: basename(m.keyPath), content: m.pair.keyPem, kind: 'key' },
      ],
      { overwrite: true },
    );
    paths.forEach((path, i) => written.push({ path, mode: modeOf(path), kind: i === 0 ? 'cert' : 'key' }));
    const problem = verifyWritten(m.certPath, m.keyPath, ca.certPem, opts.now);
    if (problem) throw new PkiError(`${m.certPath} was written but does not verify: ${problem}`);
  }
  const renewed = made.map((m) => {
    const now = inspectCertificate(m.pair.certPem, opts.now);
    return {
      certPath: m.certPath,
      keyPath: m.keyPath,
      commonName: now.subject,
      oldSerial: m.info.serial,
      serial: now.serial,
      notAfter: now.notAfter.toISOString(),
    };
  });
  const reload = made
    .filter((m) => m.info.extendedKeyUsages.length === 0 || m.info.extendedKeyUsages.includes('serverAuth'))
    .map(
      (m) =>
        `CONFIG SET tls-cert-file ${m.certPath} tls-key-file ${m.keyPath} tls-ca-cert-file ${resolve(opts.caCertPath)}`,
    );
  return { renewed, written, reload };
}
