// File names built from server- or operator-supplied strings (node addresses, profile
// names). A node name comes from CLUSTER NODES or a fleet file, so it is untrusted:
// it must never climb out of its directory or make a hidden or device-looking file.
import crypto from 'node:crypto';

const KEEP = /[A-Za-z0-9_.-]/;
// Room under the usual 255-byte NAME_MAX once an extension is added.
const MAX_LEN = 180;

/**
 * Encodes `name` as one safe path segment. Injective: bytes outside [A-Za-z0-9_.-] are
 * written as %HH, a leading dot as %2E, the empty string as a lone %; names too long
 * for a file system are cut and suffixed with ~ and a hash (~ never appears otherwise).
 */
export function safePathSegment(name: string): string {
  if (name === '') return '%';
  let out = '';
  for (const ch of name) {
    if (KEEP.test(ch)) out += ch;
    else
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (out.startsWith('.')) out = `%2E${out.slice(1)}`;
  if (out.length <= MAX_LEN) return out;
  const hash = crypto.createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 16);
  return `${out.slice(0, MAX_LEN - 17)}~${hash}`;
}
