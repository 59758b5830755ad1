// ACL LOG replies (RESP2) -> the shared ACL LOG model. Pure.
//
// Raw bytes: anyone can put any bytes into ACL LOG (a failed AUTH's username, a key name).
// Read with callBuffer and every Buffer is decoded losslessly (domain/bytes.ts). Nothing is
// escaped here.
//
// Malformed replies throw an Error naming the entry and the field, rather than skipping the
// entry: a tail that must lose nothing reports a reply it does not understand (the feed
// shows the error) instead of silently showing fewer violations than the server holds.
import type { AclLogEntry } from '../../domain/acl-log/types.js';
import { decodeServerBytes } from '../../domain/bytes.js';

// The domain needs it too (events carry the summary), and the domain may not import redis/.
export { parseClientInfo } from '../../domain/acl-log/client-info.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
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
