// The rows of CLIENT LIST parsing (src/redis/parse/client-list.ts): the slots of the fields,
// decoding a reply, and writing a line's values into a new row or into the same client's row
// from the last reply, keeping every string that did not change. Pure.
import { isAscii, isUtf8 } from 'node:buffer';
import type { ClientInfo } from '../../domain/clients/types.js';
import { decodeServerBytes } from '../../domain/bytes.js';

export const EMPTY_EXTRA: Readonly<Record<string, string>> = Object.freeze({});

// Slots: the text fields, then the numeric ones (ClientInfo's order within each group).
// prettier-ignore
export const KEYS = [
  'id', 'addr', 'laddr', 'name', 'flags', 'events', 'cmd', 'user', 'lib-name', 'lib-ver',
  'fd', 'age', 'idle', 'db', 'sub', 'psub', 'ssub', 'multi', 'qbuf', 'qbuf-free', 'argv-mem',
  'multi-mem', 'obl', 'oll', 'omem', 'tot-mem', 'redir', 'resp',
] as const;
export const FIRST_NUMBER = 10;
export const SLOTS = KEYS.length;
export const SLOT = new Map<string, number>(KEYS.map((k, i) => [k, i]));
export const UNKNOWN = -1;
export const SPACE = 0x20;
// Far fewer bytes than a reply, so one hostile username costs a chunk's slow decode, not the reply's.
export const CHUNK = 64 * 1024;

/** The reply as text; `bytes` when it is ASCII, so values can be copied out at the same offsets. */
export interface Source {
  text: string;
  bytes?: Buffer;
}

export function decode(reply: Buffer | string): Source {
  if (typeof reply === 'string') return { text: reply };
  // latin1 is the same text for ASCII and several times faster than utf8.
  if (isAscii(reply)) return { text: reply.toString('latin1'), bytes: reply };
  if (isUtf8(reply)) return { text: reply.toString('utf8') };
  // Cut at newlines (ASCII, never inside a UTF-8 sequence): each chunk decodes on its own.
  const parts: string[] = [];
  for (let from = 0; from < reply.length;) {
    const nl = from + CHUNK >= reply.length ? -1 : reply.indexOf(0x0a, from + CHUNK);
    const to = nl < 0 ? reply.length : nl + 1;
    const part = reply.subarray(from, to);
    parts.push(decodeServerBytes(part));
    from = to;
  }
  // join() gives one flat string; `+=` would leave a rope that every charCodeAt walks.
  return { text: parts.join('') };
}

// V8 makes a substring of 13 or more characters a view into the whole reply: a row holding
// one would keep the ~3 MB reply alive as long as the client stays. Longer values are copied:
// from the bytes (ASCII replies), else through a UTF-16 round trip (exact for any code unit).
export function own(src: Source, from: number, to: number): string {
  if (to - from < 13) return src.text.slice(from, to);
  if (src.bytes) return src.bytes.toString('latin1', from, to);
  return Buffer.from(src.text.slice(from, to), 'utf16le').toString('utf16le');
}

/** Whether the text at [from, to) is `old`: an unchanged value keeps its string. */
// (A slice and ===: V8 compares the characters natively; startsWith(old, from) is several
// times slower on a long text.)
export const unchanged = (old: string, text: string, from: number, to: number): boolean =>
  old.length === to - from && text.slice(from, to) === old;

export function extraOf(
  keys: readonly string[],
  values: readonly string[],
): Readonly<Record<string, string>> {
  const extra: Record<string, string> = {};
  // defineProperty: a field named `__proto__` must stay a field, not become the prototype; a
  // repeated key keeps its last value.
  keys.forEach((key, i) =>
    Object.defineProperty(extra, key, { value: values[i], enumerable: true, configurable: true }),
  );
  return Object.freeze(extra);
}

export function blank(node: string): ClientInfo {
  // prettier-ignore
  const c: ClientInfo = {
    node, id: '', addr: '', laddr: '', fd: 0, name: '', age: 0, idle: 0, flags: '', db: 0, sub: 0,
    psub: 0, ssub: 0, multi: 0, qbuf: 0, qbufFree: 0, argvMem: 0, multiMem: 0, obl: 0, oll: 0,
    omem: 0, totMem: 0, events: '', cmd: '', user: '', redir: 0, resp: 0, libName: '', libVer: '',
    extra: EMPTY_EXTRA,
  };
  return Object.defineProperties(c, {
    [LINE]: { value: undefined, writable: true, enumerable: false },
    [TAKEN]: { value: 0, writable: true, enumerable: false },
  });
}

/** The text slot's value: '' when absent, the old string when unchanged, else a copy. */
export const value = (old: string, src: Source, a: number, b: number): string =>
  a < 0 ? '' : unchanged(old, src.text, a, b) ? old : own(src, a, b);

/**
 * Where a row's line was in the last reply read as bytes: the line is [start, stop), and its
 * `age` value starts at `age` and its `idle` value ends at `idleEnd` (`age=A idle=I`, adjacent).
 * An idle client's next line is the same bytes but for A and I (client-list-lines.ts).
 */
export class Line {
  constructor(
    /** The reply's bytes (a DataView: compared four bytes at a time). */
    public bytes: DataView,
    public start: number,
    public age: number,
    public idleEnd: number,
    public stop: number,
  ) {}
}

// Kept on the row under symbols, not enumerable (not fields: JSON and equality never see them).
export const LINE = Symbol('client-list line');
// Which parse last took the row: a row is reused once per reply (a repeated id gets its own).
export const TAKEN = Symbol('client-list taken');
export type Tracked = ClientInfo & { [LINE]: Line | undefined; [TAKEN]: number };
let parses = 0;

/** A new number for each parse (TAKEN marks which parse took a row). */
export const nextParse = (): number => ++parses;

/** Writes a line's values into `c`: a new row, or the same client's row from the last reply. */
export function fill(c: ClientInfo, src: Source, at: Int32Array, to: Int32Array, n: number[]): ClientInfo {
  c.id = value(c.id, src, at[0]!, to[0]!);
  c.addr = value(c.addr, src, at[1]!, to[1]!);
  c.laddr = value(c.laddr, src, at[2]!, to[2]!);
  c.name = value(c.name, src, at[3]!, to[3]!);
  c.flags = value(c.flags, src, at[4]!, to[4]!);
  c.events = value(c.events, src, at[5]!, to[5]!);
  c.cmd = value(c.cmd, src, at[6]!, to[6]!);
  c.user = value(c.user, src, at[7]!, to[7]!);
  c.libName = value(c.libName, src, at[8]!, to[8]!);
  c.libVer = value(c.libVer, src, at[9]!, to[9]!);
  // prettier-ignore
  {
    c.fd = n[10]!; c.age = n[11]!; c.idle = n[12]!; c.db = n[13]!; c.sub = n[14]!; c.psub = n[15]!;
    c.ssub = n[16]!; c.multi = n[17]!; c.qbuf = n[18]!; c.qbufFree = n[19]!; c.argvMem = n[20]!;
    c.multiMem = n[21]!; c.obl = n[22]!; c.oll = n[23]!; c.omem = n[24]!; c.totMem = n[25]!;
    c.redir = n[26]!; c.resp = n[27]!;
  }
  return c;
}

/** Whether `x` holds exactly these unknown fields with these values (a repeated key: its last). */
export function sameExtra(
  x: Readonly<Record<string, string>> | undefined,
  keys: readonly string[],
  count: number,
  text: string,
  spans: readonly number[],
): boolean {
  if (x === undefined || x === EMPTY_EXTRA) return false;
  let n = 0;
  for (const k in x) if (Object.hasOwn(x, k)) n += 1;
  if (n !== count) return false;
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    if (keys.indexOf(k, i + 1) >= 0) continue;
    const v = x[k];
    if (v === undefined || !unchanged(v, text, spans[i * 2]!, spans[i * 2 + 1]!)) return false;
  }
  return true;
}
