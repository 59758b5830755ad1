// The one registry of Clients pane fields: the filter, the sort, the grouping and the headless
// `--sort` all name fields the way Redis prints them in CLIENT LIST, so an operator who knows
// `tot-mem` or `qbuf-free` from redis-cli types the same word here.
import { hostOf } from './cidr.js';
import type { ClientInfo } from './types.js';

/**
 * How a field's values compare and how a filter reads a typed value: `duration` accepts
 * `90s`/`10m`/`2h`/`1d`, `bytes` accepts `64k`/`10mb`/`1g`, `flags` is a set of letters.
 */
export type ClientFieldKind = 'number' | 'duration' | 'bytes' | 'text' | 'flags';

export interface ClientField {
  /** As CLIENT LIST prints it (`tot-mem`), or a derived name (`host`). */
  name: string;
  aliases?: readonly string[];
  kind: ClientFieldKind;
  /**
   * The value. Numeric kinds return a number, except `id`: a 64-bit decimal string that
   * compares numerically (compareNumeric) and must never pass through a float.
   */
  get: (c: ClientInfo) => string | number;
  description: string;
}

const text = (name: string, get: (c: ClientInfo) => string, description: string): ClientField => ({
  name,
  kind: 'text',
  get,
  description,
});
const num = (
  name: string,
  kind: 'number' | 'duration' | 'bytes',
  get: (c: ClientInfo) => number,
  description: string,
): ClientField => ({ name, kind, get, description });

export const CLIENT_FIELDS: readonly ClientField[] = [
  { name: 'id', kind: 'number', get: (c) => c.id, description: 'client id (unique per server)' },
  text('node', (c) => c.node, 'the node that lists the client'),
  text('addr', (c) => c.addr, 'client address and port as the server sees it'),
  { ...text('host', (c) => hostOf(c.addr), 'client address without the port'), aliases: ['ip'] },
  text('laddr', (c) => c.laddr, 'local (server) address the client connected to'),
  num('fd', 'number', (c) => c.fd, 'file descriptor'),
  text('name', (c) => c.name, 'name set with CLIENT SETNAME'),
  num('age', 'duration', (c) => c.age, 'seconds since the client connected'),
  num('idle', 'duration', (c) => c.idle, 'seconds since its last command'),
  {
    name: 'flags',
    kind: 'flags',
    get: (c) => c.flags,
    description: 'flag letters (N none, M master, S replica, ...)',
  },
  num('db', 'number', (c) => c.db, 'selected database'),
  num('sub', 'number', (c) => c.sub, 'channel subscriptions'),
  num('psub', 'number', (c) => c.psub, 'pattern subscriptions'),
  num('ssub', 'number', (c) => c.ssub, 'shard channel subscriptions'),
  num('multi', 'number', (c) => c.multi, 'commands queued in MULTI (-1 outside one)'),
  num('qbuf', 'bytes', (c) => c.qbuf, 'query buffer length'),
  num('qbuf-free', 'bytes', (c) => c.qbufFree, 'free space in the query buffer'),
  num('argv-mem', 'bytes', (c) => c.argvMem, 'memory of the next command’s arguments'),
  num('multi-mem', 'bytes', (c) => c.multiMem, 'memory of commands queued in MULTI'),
  num('obl', 'bytes', (c) => c.obl, 'output buffer length'),
  num('oll', 'number', (c) => c.oll, 'output list length (replies queued)'),
  num('omem', 'bytes', (c) => c.omem, 'output buffer memory'),
  { ...num('tot-mem', 'bytes', (c) => c.totMem, 'total memory of the client'), aliases: ['mem'] },
  text('events', (c) => c.events, 'file events (r readable, w writable)'),
  text('cmd', (c) => c.cmd, 'last command (`config|get` for subcommands)'),
  text('user', (c) => c.user, 'authenticated ACL user'),
  num('redir', 'number', (c) => c.redir, 'tracking redirection client id (-1 none)'),
  num('resp', 'number', (c) => c.resp, 'protocol version (2 or 3)'),
  { ...text('lib-name', (c) => c.libName, 'client library (CLIENT SETINFO, 7.2+)'), aliases: ['lib'] },
  text('lib-ver', (c) => c.libVer, 'client library version (7.2+)'),
];

const BY_NAME = new Map<string, ClientField>();
for (const f of CLIENT_FIELDS) for (const n of [f.name, ...(f.aliases ?? [])]) BY_NAME.set(n, f);

/** The field named `name` or one of its aliases, case-insensitively. */
export function fieldByName(name: string): ClientField | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Every accepted field name, for error messages and completion. */
export const FIELD_NAMES: readonly string[] = CLIENT_FIELDS.map((f) => f.name);

/** Whether a field's values are ordered numerically. */
export const isNumericKind = (kind: ClientFieldKind): boolean =>
  kind === 'number' || kind === 'duration' || kind === 'bytes';

// A non-negative decimal integer without leading zeros, or undefined when `v` is not one.
function decimal(v: string | number): string | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? String(v) : undefined;
  let i = 0;
  while (i < v.length - 1 && v.charCodeAt(i) === 0x30) i += 1;
  for (let k = i; k < v.length; k++) {
    const c = v.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  return v === '' ? undefined : i === 0 ? v : v.slice(i);
}

/**
 * Numeric order of two values of a numeric field: numbers as numbers, decimal strings (`id`)
 * exactly by length then digits, with no float in between (ids pass 2^53 on long-lived servers).
 */
export function compareNumeric(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = decimal(a);
  const y = decimal(b);
  if (x === undefined || y === undefined) {
    const [p, q] = [Number(a), Number(b)];
    return p < q ? -1 : p > q ? 1 : 0;
  }
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}
