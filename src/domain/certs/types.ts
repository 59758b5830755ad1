// What inspection knows of a certificate and what is wrong with it: plain data, so the
// pane, the headless commands and the judging below share one shape. Every string that
// came out of a certificate is a server string: it is escaped (toDisplay) where it is shown.

export interface CertFacts {
  /** The file path, or host:port for a live server. */
  source: string;
  /** RFC 4514 one-line form, e.g. `CN=redis-server`. */
  subject: string;
  issuer: string;
  /** Subject CN values: clients fall back on them only when there is no DNS SAN. */
  commonNames: string[];
  /** Upper-case hex, as `openssl x509 -serial` prints it. */
  serial: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter; negative once expired. */
  daysLeft: number;
  dnsNames: string[];
  ipAddresses: string[];
  /** digitalSignature, keyEncipherment, keyCertSign, cRLSign, ... */
  keyUsage: string[];
  /** serverAuth, clientAuth, ... or the OID; empty: no extension (any purpose). */
  extKeyUsage: string[];
  isCa: boolean;
  pathLength?: number;
  /** "ECDSA P-256", "RSA 2048". */
  key: string;
  /** OpenSSL's name, e.g. ecdsa-with-SHA256. */
  signature: string;
  /** `AB:CD:...`, as `openssl x509 -fingerprint -sha256` prints it. */
  sha256: string;
  selfSigned: boolean;
}

export type ProblemCode =
  | 'expired'
  | 'not-yet-valid'
  | 'expiring'
  | 'unknown-ca'
  | 'hostname'
  | 'no-client-auth'
  | 'no-server-auth'
  | 'key-mismatch'
  | 'encrypted-key'
  | 'no-san'
  | 'weak-key'
  | 'leaf-outlives-ca';

export interface CertProblem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  /** In the seed's troubleshooting words where it has them. */
  text: string;
  fix: string[];
  /** The guide's code for a certificate error (SEC004 TLS_CERT): set when a handshake fails on it. */
  sec?: 'SEC004';
  /** The certificate or key file it is about (source), when the report holds several. */
  about?: string;
}

/** The chain from a certificate to a trusted CA, as inspection found it. */
export interface ChainFacts {
  ok: boolean;
  /** Subjects from the certificate up to the CA that was reached. */
  path: string[];
  /** Where the trusted CA came from (the --ca file, or the given files). */
  anchor?: string;
  reason?: string;
}

/** A private key file: never its content, only what it is and whether it fits a certificate. */
export interface KeyFacts {
  source: string;
  /** "ECDSA P-256", "RSA 2048", or "encrypted" when it is passphrase-protected (never decrypted). */
  key: string;
  encrypted: boolean;
  /** The certificate (source and subject) it belongs to, when one of those given. */
  matches?: { source: string; subject: string };
}
