import { isIP } from 'node:net';

/** The names a certificate offers for host verification. */
export interface CertificateNames {
  dnsNames: readonly string[];
  ipAddresses: readonly string[];
  /** Subject CN values; consulted only when there is no DNS SAN at all. */
  commonNames: readonly string[];
}

/**
 * The rules of Node's tls.checkServerIdentity, which is what ioredis applies, so a "yes" here
 * predicts a successful connection: IP hosts match IP SANs only; DNS hosts match DNS SANs, or
 * the CN when the certificate has no DNS SAN; a wildcard covers exactly one leftmost label.
 */
export function hostMatchesNames(host: string, names: CertificateNames): boolean {
  const bare = String(host).replace(/\.$/, '');
  if (isIP(bare) !== 0) {
    const wanted = ipBytes(bare);
    return wanted !== null && names.ipAddresses.some((ip) => sameBytes(ipBytes(ip), wanted));
  }
  // Node strips one trailing dot here a second time; mirrored so "a.." behaves the same.
  const hostParts = bare.replace(/\.$/, '').toLowerCase().split('.');
  const patterns = names.dnsNames.length > 0 ? names.dnsNames : names.commonNames;
  return patterns.some((pattern) => dnsPatternMatches(hostParts, pattern));
}

function dnsPatternMatches(hostParts: string[], pattern: string): boolean {
  if (!pattern) return false;
  const patternParts = pattern.toLowerCase().replace(/\.$/, '').split('.');
  if (hostParts.length !== patternParts.length) return false;
  if (patternParts.includes('')) return false;
  // Unicode, controls and blanks in a certificate name are refused rather than guessed at.
  if (patternParts.some((part) => /[^\u0021-\u007f]/u.test(part))) return false;
  for (let i = hostParts.length - 1; i > 0; i -= 1) {
    if (hostParts[i] !== patternParts[i]) return false;
  }
  const hostLabel = hostParts[0] ?? '';
  const patternLabel = patternParts[0] ?? '';
  const pieces = patternLabel.split('*');
  // Punycode labels are compared verbatim: RFC 6125 forbids wildcards inside A-labels.
  if (pieces.length === 1 || patternLabel.includes('xn--')) return hostLabel === patternLabel;
  // One wildcard at most, and never directly under a TLD ("*.com").
  if (pieces.length > 2 || patternParts.length <= 2) return false;
  const prefix = pieces[0] ?? '';
  const suffix = pieces[1] ?? '';
  return (
    prefix.length + suffix.length <= hostLabel.length &&
    hostLabel.startsWith(prefix) &&
    hostLabel.endsWith(suffix)
  );
}

/** 4 or 16 bytes, so "::1" and "0:0:0:0:0:0:0:1" compare equal; null when not an address. */
export function ipBytes(ip: string): number[] | null {
  const bare = ip.replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return bare.split('.').map(Number);
  if (family !== 6) return null;
  const [head = '', tail] = bare.split('::');
  const groups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

function sameBytes(a: number[] | null, b: number[]): boolean {
  return a !== null && a.length === b.length && a.every((byte, i) => byte === b[i]);
}
