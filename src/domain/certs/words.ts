// What is wrong with a certificate, in the words of the guide's troubleshooting section
// ("3. TLS Connection Failed: SSL_connect: certificate verify failed", its three openssl
// checks, SEC004 TLS_CERT) and the Redis facts of issue 15 (one certificate serves as server
// and client certificate; Redis ignores the system trust store; no SAN from gen-test-certs.sh).
import type { CertFacts, CertProblem } from './types.js';

const VERIFY_FAILED = 'certificate verify failed';
const DATES = (file: string) => `Check the certificate dates: openssl x509 -in ${file} -noout -dates`;
const CHAIN = (file: string) => `Verify the chain: openssl verify -CAfile ca.crt ${file}`;
const NAMES = (file: string) => `See the names it holds: openssl x509 -in ${file} -noout -text | grep DNS`;
const RENEW_LEAF = (file: string) =>
  `Renew it: redis-warden certs renew --ca-cert ca.crt --ca-key ca.key ${file}, then load it without a restart: CONFIG SET tls-cert-file ${file}`;
const RENEW_CA = (file: string) =>
  `Make a new CA, reissue the certificates it signed, and load it beside the old one without a restart: CONFIG SET tls-ca-cert-file (a bundle of ${file} and the new CA while clients move over)`;
const RENEW = (f: CertFacts) => (f.isCa ? RENEW_CA(fileOf(f)) : RENEW_LEAF(fileOf(f)));

/** A file path as the openssl hints name it; a live server's certificate is "redis.crt". */
const fileOf = (f: CertFacts) => (/:\d+$/.test(f.source) ? 'redis.crt' : f.source);
const day = (iso: string) => iso.slice(0, 10);

const error = (p: Omit<CertProblem, 'severity' | 'sec'>): CertProblem => ({
  ...p,
  severity: 'error',
  sec: 'SEC004',
});
const warning = (p: Omit<CertProblem, 'severity' | 'sec'>): CertProblem => ({ ...p, severity: 'warning' });

export function expired(f: CertFacts): CertProblem {
  const ago = -f.daysLeft;
  return error({
    code: 'expired',
    text: `${VERIFY_FAILED}: the certificate expired on ${f.notAfter} (${ago} day${ago === 1 ? '' : 's'} ago)`,
    fix: [DATES(fileOf(f)), RENEW(f)],
  });
}

export function notYetValid(f: CertFacts): CertProblem {
  return error({
    code: 'not-yet-valid',
    text: `${VERIFY_FAILED}: the certificate is not valid until ${f.notBefore}`,
    fix: [DATES(fileOf(f)), 'Check the clocks of this host and of the host that issued it (NTP).'],
  });
}

export function expiringSoon(f: CertFacts, warnDays: number): CertProblem {
  return warning({
    code: 'expiring',
    text: `expires in ${f.daysLeft} day${f.daysLeft === 1 ? '' : 's'} (${day(f.notAfter)}), within the ${warnDays}-day warning window (--warn-days)`,
    fix: [RENEW(f)],
  });
}

export function pastRenewal(f: CertFacts, usedDays: number, lifeDays: number): CertProblem {
  return warning({
    code: 'expiring',
    text: `${usedDays} of its ${lifeDays} days used: past 66 % of its lifetime, the point to renew at (expires ${day(f.notAfter)})`,
    fix: [RENEW(f)],
  });
}

/** What the certificate names, for the hostname message: the SAN list, or the CN and why it fails. */
export function namesHeld(f: CertFacts): string {
  const sans = [...f.dnsNames.map((n) => `DNS:${n}`), ...f.ipAddresses.map((ip) => `IP:${ip}`)];
  if (sans.length > 0) return `it names ${sans.join(', ')}`;
  const cn = f.commonNames.length > 0 ? `CN=${f.commonNames.join(', CN=')}` : 'no CN either';
  return `it has no subjectAltName, only ${cn} (an IP address never matches a CN)`;
}

export function hostname(f: CertFacts, host: string): CertProblem {
  return error({
    code: 'hostname',
    text: `${VERIFY_FAILED}: the certificate does not name ${host}: ${namesHeld(f)}`,
    fix: [
      `Connect with a name it holds, or pass --sni NAME.`,
      NAMES(fileOf(f)),
      `Or reissue it with ${host} among its names: redis-warden certs generate --server --san ${host} ...`,
    ],
  });
}

export function unknownCa(f: CertFacts, reason: string): CertProblem {
  return error({
    code: 'unknown-ca',
    text: `${VERIFY_FAILED}: ${reason}`,
    fix: [
      CHAIN(fileOf(f)),
      'Pass the CA that signed it: --cacert ca.crt (redis-server and redis-cli do not use the system trust store: tls-ca-cert-file / --cacert).',
      'Do not turn verification off; --insecure is for a one-off look only.',
    ],
  });
}

export function noClientAuth(): CertProblem {
  return warning({
    code: 'no-client-auth',
    text: 'extendedKeyUsage has serverAuth but not clientAuth: Redis presents tls-cert-file as its client certificate too (replication, cluster bus, MIGRATE), and with tls-auth-clients yes (the default) the other node refuses it ("unsupported certificate purpose")',
    fix: [
      'Reissue it for both usages: redis-warden certs generate --server (serverAuth and clientAuth).',
      'Or give the outgoing links a client certificate: tls-client-cert-file / tls-client-key-file.',
    ],
  });
}

export function noServerAuth(): CertProblem {
  return error({
    code: 'no-server-auth',
    text: `${VERIFY_FAILED}: extendedKeyUsage has no serverAuth, so clients refuse it as a server certificate ("unsupported certificate purpose")`,
    fix: [
      'Reissue it as a server certificate: redis-warden certs generate --server (serverAuth and clientAuth).',
    ],
  });
}

export function noSan(f: CertFacts): CertProblem {
  return warning({
    code: 'no-san',
    text: "no subjectAltName at all (as Redis's utils/gen-test-certs.sh makes them): clients fall back on the CN for a DNS name only, never for an IP address",
    fix: [
      NAMES(fileOf(f)),
      'Reissue it with every name and address clients use, localhost and 127.0.0.1 for probes included: redis-warden certs generate --server --san NAME --san IP',
    ],
  });
}

export function weakKey(f: CertFacts, bits: number, floor: number): CertProblem {
  return error({
    code: 'weak-key',
    text: `${f.key}: a ${bits}-bit key is under OpenSSL's default security level (${floor} bits), which refuses it ("ee key too small")`,
    fix: [
      'Reissue it with an ECDSA P-256 key (the default) or RSA 3072: redis-warden certs generate --key ec-p256',
    ],
  });
}

export function leafOutlivesCa(f: CertFacts, ca: CertFacts): CertProblem {
  return warning({
    code: 'leaf-outlives-ca',
    text: `valid until ${day(f.notAfter)}, after its CA "${ca.subject}" expires (${day(ca.notAfter)}): from then on it fails with "${VERIFY_FAILED}"`,
    fix: [
      'Renew the CA first, or reissue this certificate to end before the CA does (redis-warden certs renew --days N).',
    ],
  });
}

export function keyMismatch(keySource: string, key: string): CertProblem {
  return error({
    code: 'key-mismatch',
    about: keySource,
    text: `the private key in ${keySource} (${key}) does not belong to any certificate given: redis-server refuses to start with it ("key values mismatch")`,
    fix: [
      'Compare the public keys: openssl x509 -noout -pubkey -in redis.crt | openssl sha256, and openssl pkey -pubout -in redis.key | openssl sha256',
      'Give tls-key-file the key made with tls-cert-file (or reissue both together).',
    ],
  });
}

export function encryptedKey(keySource: string): CertProblem {
  return warning({
    code: 'encrypted-key',
    about: keySource,
    text: `the private key in ${keySource} is encrypted (passphrase-protected): it was not decrypted, so whether it matches was not checked; redis-server reads it only with tls-key-file-pass`,
    fix: [
      'Check it yourself: openssl pkey -in KEY -pubout | openssl sha256, beside openssl x509 -noout -pubkey -in CERT | openssl sha256',
    ],
  });
}
