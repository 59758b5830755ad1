// Making and writing a plan's certificates, then reading back what was written and checking
// each leaf against the CA and its own key: what is on disk is what Redis will load.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readUserFile } from '../fs/user-files.js';
import { PkiError } from '../pki/errors.js';
import { generateCa, generateLeaf } from '../pki/generate.js';
import type { PemPair } from '../pki/generate.js';
import { inspectCertificate, verifyIssuedBy } from '../pki/inspect.js';
import { parseCertificate, parsePrivateKey } from '../pki/pem.js';
import { writePkiFiles } from '../pki/write.js';
import type { PkiFile } from '../pki/write.js';
import { checkPlan, PKI_FILE_LIMIT } from './certs-check.js';
import type { CertPlan, CertRequest } from './certs.js';

const DAY_MS = 86_400_000;

export interface WrittenFile {
  path: string;
  /** The mode on disk after writing (0o600 keys, 0o644 certificates). */
  mode: number;
  kind: 'key' | 'cert';
}

export interface GenerateResult {
  written: WrittenFile[];
  /** Each leaf as read back from disk: signed by the CA, in its dates, its key matching. */
  verified: { file: string; ok: boolean; error?: string }[];
}

/**
 * The CA to sign with: a new one, or an existing one read from its files (an encrypted key is
 * decrypted in memory with the passphrase and re-exported unencrypted, in memory only).
 */
export async function loadOrMakeCa(
  plan: CertPlan,
  passphrase: string | undefined,
  now: Date | undefined,
): Promise<PemPair> {
  if ('new' in plan.ca) {
    const req = plan.ca.new;
    return generateCa({
      commonName: req.commonName,
      days: req.days,
      keyType: req.keyType,
      pathLength: req.pathLength ?? 0,
      ...(now && { now }),
    });
  }
  return readCa(plan.ca.existing.certPath, plan.ca.existing.keyPath, passphrase);
}

export function readCa(certPath: string, keyPath: string, passphrase?: string): PemPair {
  const certPem = readUserFile(certPath, PKI_FILE_LIMIT).toString('utf8');
  const key = parsePrivateKey(readUserFile(keyPath, PKI_FILE_LIMIT).toString('utf8'), passphrase);
  return { certPem, keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/**
 * Refuses a leaf that would end after its CA (cfssl and step-ca issued such leaves; a peer
 * rejects them once the CA has expired). Here, not in src/pki, so inspect's tests can still
 * make one on purpose.
 */
export function refuseOutlivingCa(caPem: string, days: number, now: Date = new Date()): void {
  const ca = inspectCertificate(caPem, now);
  if (now.getTime() + days * DAY_MS <= ca.notAfter.getTime()) return;
  const most = Math.max(0, Math.floor((ca.notAfter.getTime() - now.getTime()) / DAY_MS));
  throw new PkiError(
    `${days} days would outlive the CA "${ca.subject}", which ends on ${ca.notAfter.toISOString().slice(0, 10)} (${most} days at most)`,
  );
}

export function leafOf(ca: PemPair, req: CertRequest, passphrase?: string, now?: Date): Promise<PemPair> {
  refuseOutlivingCa(ca.certPem, req.days, now);
  return generateLeaf({
    ca,
    commonName: req.commonName,
    dnsNames: req.dnsNames,
    ipAddresses: req.ipAddresses,
    usage: req.usage,
    days: req.days,
    keyType: req.keyType,
    ...(passphrase !== undefined && { caKeyPassphrase: passphrase }),
    ...(now && { now }),
  });
}

/** Reads a written leaf back and judges it: chain to the CA, dates, and that the key is its key. */
export function verifyWritten(
  certPath: string,
  keyPath: string,
  caPem: string,
  now?: Date,
): string | undefined {
  const certPem = readUserFile(certPath, PKI_FILE_LIMIT).toString('utf8');
  const verdict = verifyIssuedBy(certPem, caPem, now);
  if (!verdict.ok) return verdict.reason;
  const key = createPrivateKey(readUserFile(keyPath, PKI_FILE_LIMIT).toString('utf8'));
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  if (!spki.equals(parseCertificate(certPem).node.publicKey.export({ type: 'spki', format: 'der' })))
    return `${keyPath} is not the key of ${certPath}`;
  return undefined;
}

export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

/**
 * Checks the plan (any error refuses it, nothing written), makes every certificate, writes them
 * (existing files only when named in `overwrite`), then verifies each leaf from disk.
 */
export async function generatePlan(
  plan: CertPlan,
  opts: { caKeyPassphrase?: string; overwrite?: string[]; now?: Date } = {},
): Promise<GenerateResult> {
  const problems = await checkPlan(plan, {
    ...(opts.caKeyPassphrase !== undefined && { caKeyPassphrase: opts.caKeyPassphrase }),
    ...(opts.now && { now: opts.now }),
  });
  const errors = problems.filter((p) => p.level === 'error');
  if (errors.length > 0) throw new PkiError(errors.map((p) => p.text).join('; '));
  const ca = await loadOrMakeCa(plan, opts.caKeyPassphrase, opts.now);
  // A new or re-exported CA key is unencrypted PKCS#8 here: the passphrase is not needed again.
  const leaves = await Promise.all(plan.leaves.map((req) => leafOf(ca, req, undefined, opts.now)));
  const files: PkiFile[] = [];
  if ('new' in plan.ca) {
    files.push({ name: `${plan.ca.new.file}.crt`, content: ca.certPem, kind: 'cert' });
    files.push({ name: `${plan.ca.new.file}.key`, content: ca.keyPem, kind: 'key' });
  }
  plan.leaves.forEach((req, i) => {
    const pair = leaves[i] as PemPair;
    files.push({ name: `${req.file}.crt`, content: pair.certPem, kind: 'cert' });
    files.push({ name: `${req.file}.key`, content: pair.keyPem, kind: 'key' });
  });
  const paths = await writePkiFiles(plan.dir, files, { overwrite: opts.overwrite ?? [] });
  const written = paths.map((path, i) => ({ path, mode: modeOf(path), kind: files[i]?.kind ?? 'cert' }));
  const verified = plan.leaves.map((req) => {
    const file = resolve(plan.dir, `${req.file}.crt`);
    try {
      const error = verifyWritten(file, resolve(plan.dir, `${req.file}.key`), ca.certPem, opts.now);
      return error === undefined ? { file, ok: true } : { file, ok: false, error };
    } catch (err) {
      return { file, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  });
  return { written, verified };
}
