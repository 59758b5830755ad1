// Server strings are bytes. A name (user, key pattern, channel, client name) is carried in a
// JS string "surrogate-escape" style (Python's PEP 383): valid UTF-8 becomes its characters,
// each byte of an invalid sequence becomes the lone surrogate U+DC00 + byte. Valid UTF-8 can
// never decode to a lone surrogate, so this is injective: string equality is byte equality,
// and rawBytes() gives back the exact bytes to send. toDisplay() shows such a byte as `\xNN`.
// Pure; the ground floor (domain/ may use it, and so may redis/).
import { isUtf8 } from 'node:buffer';

// Strict UTF-8 (RFC 3629): no overlongs, no encoded surrogates, nothing past U+10FFFF.
function sequenceAt(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  let length: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    if (b0 === 0xe0) lo = 0xa0;
    if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f;
  } else return 0;
  if (i + length > bytes.length) return 0;
  const b1 = bytes[i + 1]!;
  if (b1 < lo || b1 > hi) return 0;
  for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return length;
}

/** Bytes from the server -> a string that keeps every byte (see the file comment). */
export function decodeServerBytes(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Nearly every reply is valid UTF-8 (strict, as sequenceAt): decoded natively, no byte loop.
  if (isUtf8(buf)) return buf.toString('utf8');
  let out = '';
  let start = 0;
  let i = 0;
  while (i < buf.length) {
    const n = sequenceAt(buf, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += buf.toString('utf8', start, i) + String.fromCharCode(0xdc00 + buf[i]!);
    i += 1;
    start = i;
  }
  return out + buf.toString('utf8', start, i);
}

/** Inverse of decodeServerBytes: the exact bytes the server sent. */
export function rawBytes(text: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc80 || c > 0xdcff) continue;
    // A high surrogate before it makes a real (astral) character, not an escaped byte.
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (prev >= 0xd800 && prev <= 0xdbff) continue;
    parts.push(Buffer.from(text.slice(start, i), 'utf8'), Buffer.of(c - 0xdc00));
    start = i + 1;
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** Does this string carry raw (non-UTF-8) bytes, so that sending it as UTF-8 would change it? */
export function hasRawBytes(text: string): boolean {
  return /(?<![\ud800-\udbff])[\udc80-\udcff]/.test(text);
}

/**
 * The exact bytes of a server string as lowercase hex: the byte field machine output gives
 * beside an escaped name (`nameHex`), for scripts that must act on exactly that name.
 */
export const hexBytes = (text: string): string => rawBytes(text).toString('hex');
