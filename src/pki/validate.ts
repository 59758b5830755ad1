import { isIP } from 'node:net';
import { PkiError } from './errors.js';

// X.520 upper bound for commonName; OpenSSL rejects longer ones when it re-encodes.
const MAX_CN = 64;
const DNS_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;
const MAX_DAYS = 36_500;

export function checkCommonName(commonName: string): string {
  if (typeof commonName !== 'string' || commonName.trim() === '') {
    throw new PkiError('commonName must not be empty');
  }
  if (commonName.length > MAX_CN) {
    throw new PkiError(`commonName is ${commonName.length} characters; at most ${MAX_CN} are allowed`);
  }
  if (/[\u0000-\u001f\u007f]/.test(commonName))
    throw new PkiError('commonName must not contain control characters');
  return commonName;
}

export function checkDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new PkiError(`days must be a whole number from 1 to ${MAX_DAYS} (got ${String(days)})`);
  }
  return days;
}

/** A SAN dNSName: letters, digits, hyphens (and underscores, seen on internal names); `*.` only leftmost. */
export function checkDnsName(name: string): string {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  const labels = bare.split('.');
  const ok =
    bare.length > 0 &&
    bare.length <= 253 &&
    labels.every((label, i) => (i === 0 && label === '*' && labels.length > 2) || DNS_LABEL.test(label));
  if (!ok) throw new PkiError(`"${name}" is not a valid DNS name for a certificate`);
  return bare.toLowerCase();
}

export function checkIpAddress(ip: string): string {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (isIP(bare) === 0) throw new PkiError(`"${ip}" is not a valid IPv4 or IPv6 address`);
  return bare;
}

/** A CA's pathLenConstraint: 0 signs leaves only; a deployment CA never needs more than a few. */
export function checkPathLength(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 10) {
    throw new PkiError(`the CA's path length must be a whole number from 0 to 10 (got ${String(n)})`);
  }
  return n;
}
