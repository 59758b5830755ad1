// ACL LOG replies (RESP2) -> the shared ACL LOG model. Pure.
//
// Raw bytes: anyone can put any bytes into ACL LOG (a failed AUTH's username, a key name),
// and a UTF-8 decoder would turn invalid bytes into U+FFFD, losing them. Read with
// callBuffer and every Buffer is decoded here "surrogate-escape" style (as Python's
// PEP 383): valid UTF-8 becomes its characters, each byte of an invalid sequence becomes the
// lone surrogate U+DC00 + byte. Valid UTF-8 can never produce a lone surrogate, so this is
// injective and rawBytes() gives back the exact bytes; toDisplay() shows such a byte as
// `\udcNN`, escaped, never emitted. Nothing is escaped here.
//
// Malformed replies throw an Error naming the entry and the field, rather than skipping the
// entry: a tail that must lose nothing reports a reply it does not understand (the feed
// shows the error) instead of silently showing fewer violations than the server holds.
import type { AclLogEntry } from '../../domain/acl-log/types.js';

// The domain needs it too (events carry the summary), and the domain may not import redis/.
export { parseClientInfo } from '../../domain/acl-log/client-info.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}

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

function text(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return decodeServerBytes(value);
  throw new Error(`${what}: expected a string, got ${describe(value)}`);
}

function integer(value: unknown, what: string): number {
  const n = typeof value === 'number' ? value : Number(text(value, what));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what}: expected a non-negative integer`);
  return n;
}

function seconds(value: unknown, what: string): number {
  const n = typeof value === 'number' ? value : Number(text(value, what));
  if (!Number.isFinite(n) || n < 0) throw new Error(`${what}: expected a number of seconds`);
  return n;
}

const REQUIRED = ['count', 'reason', 'context', 'object', 'username', 'age-seconds', 'client-info'];

function parseEntry(reply: unknown, index: number): AclLogEntry {
  const what = `ACL LOG entry ${index + 1}`;
  if (!Array.isArray(reply)) throw new Error(`${what}: expected a key/value array, got ${describe(reply)}`);
  if (reply.length % 2 !== 0) throw new Error(`${what}: key/value array has an odd length (${reply.length})`);
  const map = new Map<string, unknown>();
  for (let i = 0; i < reply.length; i += 2)
    map.set(text(reply[i], `${what} key`).toLowerCase(), reply[i + 1]);
  for (const key of REQUIRED) if (!map.has(key)) throw new Error(`${what}: the "${key}" field is missing`);
  const entry: AclLogEntry = {
    count: integer(map.get('count'), `${what} count`),
    reason: text(map.get('reason'), `${what} reason`),
    context: text(map.get('context'), `${what} context`),
    object: text(map.get('object'), `${what} object`),
    username: text(map.get('username'), `${what} username`),
    ageSeconds: seconds(map.get('age-seconds'), `${what} age-seconds`),
    clientInfo: text(map.get('client-info'), `${what} client-info`),
  };
  // Redis 7.2+; unknown extra fields of later versions are ignored.
  if (map.has('entry-id')) entry.entryId = integer(map.get('entry-id'), `${what} entry-id`);
  if (map.has('timestamp-created'))
    entry.timestampCreated = integer(map.get('timestamp-created'), `${what} timestamp-created`);
  if (map.has('timestamp-last-updated'))
    entry.timestampLastUpdated = integer(map.get('timestamp-last-updated'), `${what} timestamp-last-updated`);
  return entry;
}

/** `ACL LOG <count>` (RESP2: an array of flat key/value arrays), newest first as sent. */
export function parseAclLog(reply: unknown): AclLogEntry[] {
  if (!Array.isArray(reply)) throw new Error(`ACL LOG: expected an array, got ${describe(reply)}`);
  return reply.map((entry, i) => parseEntry(entry, i));
}
