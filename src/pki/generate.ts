import { createPublicKey, randomBytes } from 'node:crypto';
import { x509 } from './provider.js';
import { PkiError } from './errors.js';
import { exportKeyPem, generateKeyPair, importSigningKey } from './keys.js';
import type { KeyType } from './keys.js';
import { parseCertificate } from './pem.js';
import { checkCommonName, checkDays, checkDnsName, checkIpAddress, checkPathLength } from './validate.js';

export type { KeyType } from './keys.js';
export type CertUsage = 'server' | 'client' | 'both';

export interface PemPair {
  certPem: string;
  /** PKCS#8 PEM ("BEGIN PRIVATE KEY"), unencrypted. */
  keyPem: string;
}

export interface CaOptions {
  commonName: string;
  /** Default 3650 (ten years), as in the usual openssl recipe. */
  days?: number;
  keyType?: KeyType;
  /** How many CAs may sit below this one; 0 (the default) signs leaves only. */
  pathLength?: number;
  /** Clock override; tests pass a past date to obtain expired certificates. */
  now?: Date;
}

export interface LeafOptions {
  ca: PemPair;
  /** For an encrypted CA key: decrypted in memory, never kept. */
  caKeyPassphrase?: string;
  commonName: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  usage: CertUsage;
  /** Default 365. */
  days?: number;
  keyType?: KeyType;
  now?: Date;
}

const DAY_MS = 86_400_000;
// Peers with a slightly slow clock would otherwise reject a certificate minted a moment ago.
const SKEW_MS = 60_000;
const { KeyUsageFlags, ExtendedKeyUsage } = x509;

function validity(days: number, now = new Date()): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now.getTime() - SKEW_MS), notAfter: new Date(now.getTime() + days * DAY_MS) };
}

/** 128 random bits, kept positive and without a leading zero byte so DER encodes it as-is. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 0x01;
  return bytes.toString('hex');
}

function subjectName(commonName: string): x509.Name {
  // The object form bypasses the library's DN string parser, which mangles quotes and commas.
  return new x509.Name([{ CN: [{ utf8String: checkCommonName(commonName) }] }]);
}

/** The subject as inspect shows it (RFC 4514), e.g. `CN=Redis CA`. */
export function subjectString(commonName: string): string {
  return subjectName(commonName).toString();
}

export async function generateCa(options: CaOptions): Promise<PemPair> {
  const days = checkDays(options.days ?? 3650);
  const name = subjectName(options.commonName);
  const signer = await generateKeyPair(options.keyType ?? 'ecdsa-p256');
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    ...validity(days, options.now),
    keys: signer.pair,
    signingAlgorithm: signer.signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, checkPathLength(options.pathLength ?? 0), true),
      new x509.KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(signer.pair.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(signer.pair.publicKey),
    ],
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await exportKeyPem(signer.key) };
}

function extendedUsages(usage: CertUsage): string[] {
  if (usage === 'server') return [ExtendedKeyUsage.serverAuth];
  if (usage === 'client') return [ExtendedKeyUsage.clientAuth];
  if (usage === 'both') return [ExtendedKeyUsage.serverAuth, ExtendedKeyUsage.clientAuth];
  throw new PkiError(`usage must be server, client or both (got "${String(usage)}")`);
}

async function loadCa(ca: PemPair, passphrase?: string) {
  const { cert } = parseCertificate(ca.certPem);
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  if (!basic?.ca)
    throw new PkiError(`"${cert.subject}" is not a CA certificate (basicConstraints CA:TRUE missing)`);
  const signer = await importSigningKey(ca.keyPem, passphrase);
  const keySpki = createPublicKey(signer.keyObject).export({ type: 'spki', format: 'der' });
  if (!keySpki.equals(Buffer.from(cert.publicKey.rawData))) {
    throw new PkiError(`the CA key does not belong to the CA certificate "${cert.subject}"`);
  }
  // Reuse the CA's own key id when present: a CA made elsewhere may compute it differently.
  const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension);
  const aki = ski
    ? new x509.AuthorityKeyIdentifierExtension(ski.keyId)
    : await x509.AuthorityKeyIdentifierExtension.create(cert.publicKey);
  return { cert, signer, aki };
}

export async function generateLeaf(options: LeafOptions): Promise<PemPair> {
  const days = checkDays(options.days ?? 365);
  const name = subjectName(options.commonName);
  const ekus = extendedUsages(options.usage);
  const sans: x509.JsonGeneralNames = [
    ...(options.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value: checkDnsName(value) })),
    ...(options.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value: checkIpAddress(value) })),
  ];
  const ca = await loadCa(options.ca, options.caKeyPassphrase);
  const dates = validity(days, options.now);
  const leaf = await generateKeyPair(options.keyType ?? 'ecdsa-p256');
  // keyEncipherment only means something for RSA key transport; ECDSA keys never encrypt.
  const keyUsage = KeyUsageFlags.digitalSignature | (leaf.isRsa ? KeyUsageFlags.keyEncipherment : 0);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(keyUsage, true),
    new x509.ExtendedKeyUsageExtension(ekus, false),
    await x509.SubjectKeyIdentifierExtension.create(leaf.pair.publicKey),
    ca.aki,
  ];
  if (sans.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(sans, false));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: name,
    issuer: ca.cert.subjectName,
    ...dates,
    publicKey: leaf.pair.publicKey,
    signingKey: ca.signer.key,
    signingAlgorithm: ca.signer.signingAlgorithm,
    extensions,
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await exportKeyPem(leaf.key) };
}
