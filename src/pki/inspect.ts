import type { KeyObject } from 'node:crypto';
import { x509 } from './provider.js';
import { hostMatchesNames } from './hostname.js';
import { parseCertificate } from './pem.js';
import type { ParsedCertificate } from './pem.js';

export interface CertificateInfo {
  /** RFC 4514 one-line form, e.g. `CN=redis-server`. */
  subject: string;
  issuer: string;
  /** Upper-case hex without separators, as `openssl x509 -serial` prints it. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** Whole days until notAfter; negative once expired. */
  daysLeft: number;
  expired: boolean;
  notYetValid: boolean;
  isCa: boolean;
  dnsNames: string[];
  ipAddresses: string[];
  /** `serverAuth`, `clientAuth`, ... or the raw OID for anything else. */
  extendedKeyUsages: string[];
  /** e.g. `ECDSA P-256`, `RSA 2048`, `Ed25519`. */
  keyAlgorithm: string;
  /** OpenSSL's names, e.g. `ecdsa-with-SHA256`, `sha256WithRSAEncryption`. */
  signatureAlgorithm: string;
  /** `AB:CD:...`, as `openssl x509 -fingerprint -sha256` prints it. */
  sha256Fingerprint: string;
  selfSigned: boolean;
}

export interface VerifyResult {
  ok: boolean;
  reason?: string;
}

const DAY_MS = 86_400_000;
const CURVE_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
const EKU_NAMES: Record<string, string> = {
  [x509.ExtendedKeyUsage.serverAuth]: 'serverAuth',
  [x509.ExtendedKeyUsage.clientAuth]: 'clientAuth',
  [x509.ExtendedKeyUsage.codeSigning]: 'codeSigning',
  [x509.ExtendedKeyUsage.emailProtection]: 'emailProtection',
  [x509.ExtendedKeyUsage.timeStamping]: 'timeStamping',
  [x509.ExtendedKeyUsage.ocspSigning]: 'OCSPSigning',
};

/** "ECDSA P-256", "RSA 2048": a certificate's or a key file's key, as inspection shows it. */
export function describeKey(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return `RSA ${details.modulusLength ?? '?'}`;
    case 'rsa-pss':
      return `RSA-PSS ${details.modulusLength ?? '?'}`;
    case 'ec':
      return `ECDSA ${CURVE_NAMES[details.namedCurve ?? ''] ?? details.namedCurve ?? '?'}`;
    case 'ed25519':
      return 'Ed25519';
    case 'ed448':
      return 'Ed448';
    default:
      return key.asymmetricKeyType ?? 'unknown';
  }
}

function describeSignature(cert: x509.X509Certificate): string {
  try {
    // The library types this against the DOM lib, which this Node project does not load.
    const alg = cert.signatureAlgorithm as unknown as { name: string; hash?: { name: string } };
    const bits = alg.hash?.name.replace('SHA-', '') ?? '';
    if (alg.name === 'ECDSA') return `ecdsa-with-SHA${bits}`;
    if (alg.name === 'RSASSA-PKCS1-v1_5') return `sha${bits}WithRSAEncryption`;
    if (alg.name === 'RSA-PSS') return 'rsassaPss';
    return alg.name;
  } catch {
    // The library throws on algorithms it has no mapping for; the rest of the report is still useful.
    return 'unknown';
  }
}

function subjectAltNames(cert: x509.X509Certificate): { dnsNames: string[]; ipAddresses: string[] } {
  const names = cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON() ?? [];
  return {
    dnsNames: names.filter((n) => n.type === 'dns').map((n) => n.value),
    ipAddresses: names.filter((n) => n.type === 'ip').map((n) => n.value),
  };
}

function isCa(cert: x509.X509Certificate): boolean {
  return cert.getExtension(x509.BasicConstraintsExtension)?.ca ?? false;
}

function isSelfSigned({ node }: ParsedCertificate): boolean {
  try {
    return node.subject === node.issuer && node.verify(node.publicKey);
  } catch {
    return false;
  }
}

/** Everything an operator needs to judge a certificate. Pure: parses text, touches no files. */
export function inspectCertificate(pem: string, now: Date = new Date()): CertificateInfo {
  const parsed = parseCertificate(pem);
  const { cert, node } = parsed;
  const { notBefore, notAfter } = cert;
  const ekus = cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages ?? [];
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serial: cert.serialNumber.toUpperCase(),
    notBefore,
    notAfter,
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    expired: now.getTime() > notAfter.getTime(),
    notYetValid: now.getTime() < notBefore.getTime(),
    isCa: isCa(cert),
    ...subjectAltNames(cert),
    extendedKeyUsages: ekus.map((oid) => EKU_NAMES[String(oid)] ?? String(oid)),
    keyAlgorithm: describeKey(node.publicKey),
    signatureAlgorithm: describeSignature(cert),
    sha256Fingerprint: node.fingerprint256,
    selfSigned: isSelfSigned(parsed),
  };
}

function validityProblem(label: string, cert: x509.X509Certificate, now: Date): string | undefined {
  if (now.getTime() > cert.notAfter.getTime()) return `${label} expired on ${cert.notAfter.toISOString()}`;
  if (now.getTime() < cert.notBefore.getTime())
    return `${label} is not valid until ${cert.notBefore.toISOString()}`;
  return undefined;
}

function verifySignature(leaf: ParsedCertificate, ca: ParsedCertificate): boolean {
  try {
    return leaf.node.verify(ca.node.publicKey);
  } catch {
    // A key of another type (RSA CA, ECDSA signature) throws instead of returning false.
    return false;
  }
}

/** Would a peer that trusts `caPem` accept `leafPem` right now? Signature, names and dates. */
export function verifyIssuedBy(leafPem: string, caPem: string, now: Date = new Date()): VerifyResult {
  const leaf = parseCertificate(leafPem);
  const ca = parseCertificate(caPem);
  if (leaf.node.issuer !== ca.node.subject) {
    return { ok: false, reason: `issued by "${leaf.cert.issuer}", not by "${ca.cert.subject}"` };
  }
  if (!isCa(ca.cert)) return { ok: false, reason: `"${ca.cert.subject}" is not a CA certificate (CA:FALSE)` };
  if (!verifySignature(leaf, ca))
    return { ok: false, reason: `the signature does not verify with the key of "${ca.cert.subject}"` };
  if (!leaf.node.checkIssued(ca.node)) {
    return {
      ok: false,
      reason: "the CA's key identifier or key usage does not allow it to sign this certificate",
    };
  }
  const problem =
    validityProblem('the certificate', leaf.cert, now) ?? validityProblem('the CA', ca.cert, now);
  return problem ? { ok: false, reason: problem } : { ok: true };
}

/** Whether a TLS client (Node's rules, as ioredis uses) would accept this certificate for `host`. */
export function hostnameMatches(pem: string, host: string): boolean {
  const { cert } = parseCertificate(pem);
  return hostMatchesNames(host, {
    ...subjectAltNames(cert),
    commonNames: cert.subjectName.getField('CN'),
  });
}
