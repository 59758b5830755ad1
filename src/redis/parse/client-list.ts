// CLIENT LIST reply -> ClientInfo rows. Pure.
//
// The reply is one line per client, `key=value` fields separated by single spaces. No value
// holds whitespace (Redis refuses it in client names, usernames and lib names), but a value may
// hold `=` and any other byte: a username can carry ESC or invalid UTF-8, so such bytes are
// decoded surrogate-escape style (decodeServerBytes) and every byte survives.
//
// Speed: a busy server lists ~10,000 clients (~3 MB) every refresh. Every line of a reply has
// the same keys in the same order, so the keys are read from the first line only; each line is
// checked against them by one regex, and then its values are read by position: numbers in
// place, text values sliced.
//
// A line without an id, a field without `=`, or a known numeric field that is not a number
// throws an Error naming the line: a reply we do not understand is reported, never silently
// shortened.
import { isAscii, isUtf8 } from 'node:buffer';
import type { ClientInfo } from '../../domain/clients/types.js';
import { decodeServerBytes } from './acl-log.js';

const EMPTY_EXTRA: Readonly<Record<string, string>> = Object.freeze({});

// Slots: the text fields, then the numeric ones (ClientInfo's order within each group).
// prettier-ignore
const KEYS = [
  'id', 'addr', 'laddr', 'name', 'flags', 'events', 'cmd', 'user', 'lib-name', 'lib-ver',
  'fd', 'age', 'idle', 'db', 'sub', 'psub', 'ssub', 'multi', 'qbuf', 'qbuf-free', 'argv-mem',
  'multi-mem', 'obl', 'oll', 'omem', 'tot-mem', 'redir', 'resp',
] as const;
const FIRST_NUMBER = 10;
const SLOTS = KEYS.length;
const SLOT = new Map<string, number>(KEYS.map((k, i) => [k, i]));
const UNKNOWN = -1;
const SPACE = 0x20;
// Far fewer bytes than a reply, so one hostile username costs a chunk's slow decode, not the reply's.
const CHUNK = 64 * 1024;

/** The reply as text; `bytes` when it is ASCII, so values can be copied out at the same offsets. */
interface Source {
  text: string;
  bytes?: Buffer;
}

function decode(reply: Buffer | string): Source {
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
    parts.push(isUtf8(part) ? part.toString('utf8') : decodeServerBytes(part));
    from = to;
  }
  // join() gives one flat string; `+=` would leave a rope that every charCodeAt walks.
  return { text: parts.join('') };
}

// Reads the number at `at` into nums[slot] and returns where the value ends (a space or
// `stop`), or -1 when it is not a number. Plain digits are read in place, with no substring
// and no indexOf; anything else (a fraction, say) goes through Number().
function readNumber(text: string, at: number, stop: number, nums: number[], slot: number): number {
  let i = at;
  const negative = i < stop && text.charCodeAt(i) === 0x2d;
  if (negative) i += 1;
  let n = 0;
  for (; i < stop; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  if ((i === stop || text.charCodeAt(i) === 0x20) && !(negative && i === at + 1)) {
    nums[slot] = negative ? -n : n;
    return i;
  }
  let end = text.indexOf(' ', i);
  if (end < 0 || end > stop) end = stop;
  const value = Number(text.slice(at, end));
  if (Number.isNaN(value)) return -1;
  nums[slot] = value;
  return end;
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return s !== '';
}

// V8 makes a substring of 13 or more characters a view into the whole reply: a row holding
// one would keep the ~3 MB reply alive as long as the client stays. Longer values are copied:
// from the bytes (ASCII replies), else through a UTF-16 round trip (exact for any code unit).
function own(src: Source, from: number, to: number): string {
  if (to - from < 13) return src.text.slice(from, to);
  if (src.bytes) return src.bytes.toString('latin1', from, to);
  return Buffer.from(src.text.slice(from, to), 'utf16le').toString('utf16le');
}

/** Whether the text at [from, to) is `old`: an unchanged value keeps its string. */
// (A slice and ===: V8 compares the characters natively; startsWith(old, from) is several
// times slower on a long text.)
const unchanged = (old: string, text: string, from: number, to: number): boolean =>
  old.length === to - from && text.slice(from, to) === old;

function extraOf(keys: readonly string[], values: readonly string[]): Readonly<Record<string, string>> {
  const extra: Record<string, string> = {};
  // defineProperty: a field named `__proto__` must stay a field, not become the prototype; a
  // repeated key keeps its last value.
  keys.forEach((key, i) =>
    Object.defineProperty(extra, key, { value: values[i], enumerable: true, configurable: true }),
  );
  return Object.freeze(extra);
}

// Errors quote only the start of the line: it may hold a hostile username (messages are
// escaped where they are shown), and they should stay short.
function malformed(text: string, lineNo: number, start: number, stop: number, why: string): Error {
  const max = 60;
  const quoted = JSON.stringify(text.slice(start, Math.min(stop, start + max)));
  return new Error(`CLIENT LIST line ${lineNo}: ${why} (${quoted}${stop - start > max ? '...' : ''})`);
}

function blank(node: string): ClientInfo {
  // prettier-ignore
  const c: ClientInfo = {
    node, id: '', addr: '', laddr: '', fd: 0, name: '', age: 0, idle: 0, flags: '', db: 0, sub: 0,
    psub: 0, ssub: 0, multi: 0, qbuf: 0, qbufFree: 0, argvMem: 0, multiMem: 0, obl: 0, oll: 0,
    omem: 0, totMem: 0, events: '', cmd: '', user: '', redir: 0, resp: 0, libName: '', libVer: '',
    extra: EMPTY_EXTRA,
  };
  return Object.defineProperties(c, {
    [TAIL]: { value: '', writable: true, enumerable: false },
    [TAKEN]: { value: 0, writable: true, enumerable: false },
  });
}

/** The text slot's value: '' when absent, the old string when unchanged, else a copy. */
const value = (old: string, src: Source, a: number, b: number): string =>
  a < 0 ? '' : unchanged(old, src.text, a, b) ? old : own(src, a, b);

// The line after `age` and `idle` as the row was last read: for an idle client it comes back
// byte for byte, and one comparison then replaces reading ~20 fields. Kept on the row under a
// symbol, not enumerable (not a field: JSON and equality never see it), as a flat copy.
const TAIL = Symbol('client-list tail');
// Which parse last took the row: a row is reused once per reply (a repeated id gets its own).
const TAKEN = Symbol('client-list taken');
type Tailed = ClientInfo & { [TAIL]: string; [TAKEN]: number };
let parses = 0;

/** Writes one slot's value of the line into `c` (the head of a line whose tail is unchanged). */
function put(c: ClientInfo, slot: number, src: Source, at: Int32Array, to: Int32Array, n: number[]): void {
  const a = at[slot] ?? -1;
  const b = to[slot] ?? -1;
  // prettier-ignore
  switch (slot) {
    case 0: c.id = value(c.id, src, a, b); break;
    case 1: c.addr = value(c.addr, src, a, b); break;
    case 2: c.laddr = value(c.laddr, src, a, b); break;
    case 3: c.name = value(c.name, src, a, b); break;
    case 4: c.flags = value(c.flags, src, a, b); break;
    case 5: c.events = value(c.events, src, a, b); break;
    case 6: c.cmd = value(c.cmd, src, a, b); break;
    case 7: c.user = value(c.user, src, a, b); break;
    case 8: c.libName = value(c.libName, src, a, b); break;
    case 9: c.libVer = value(c.libVer, src, a, b); break;
    case 10: c.fd = n[10]!; break;
    case 11: c.age = n[11]!; break;
    case 12: c.idle = n[12]!; break;
    default: fillNumber(c, slot, n[slot]!);
  }
}

function fillNumber(c: ClientInfo, slot: number, v: number): void {
  // prettier-ignore
  switch (slot) {
    case 13: c.db = v; break;
    case 14: c.sub = v; break;
    case 15: c.psub = v; break;
    case 16: c.ssub = v; break;
    case 17: c.multi = v; break;
    case 18: c.qbuf = v; break;
    case 19: c.qbufFree = v; break;
    case 20: c.argvMem = v; break;
    case 21: c.multiMem = v; break;
    case 22: c.obl = v; break;
    case 23: c.oll = v; break;
    case 24: c.omem = v; break;
    case 25: c.totMem = v; break;
    case 26: c.redir = v; break;
    case 27: c.resp = v; break;
  }
}

/** Writes a line's values into `c`: a new row, or the same client's row from the last reply. */
function fill(c: ClientInfo, src: Source, at: Int32Array, to: Int32Array, n: number[]): ClientInfo {
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

// A line with exactly these keys in this order, single spaces between fields. Sticky, so
// test() checks a line where it starts: native code checks the keys of a line much faster than
// a charCodeAt loop per field, and the walk over the values can then trust them.
function shapeOf(keys: readonly string[]): RegExp {
  const fields = keys.map((k) => `${k.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')}=[^ \\r\\n]*`);
  return new RegExp(fields.join(' '), 'y');
}

function fits(shape: RegExp, text: string, start: number, stop: number): boolean {
  shape.lastIndex = start;
  return shape.test(text) && shape.lastIndex === stop;
}

// The keys of a line (known ones as the literals above) and their slots: once per reply.
function keysOf(text: string, start: number, stop: number, lineNo: number): [string[], number[]] {
  const keys: string[] = [];
  const slots: number[] = [];
  for (const [i, field] of text.slice(start, stop).split(' ').entries()) {
    const eq = field.indexOf('=');
    if (eq < 0) throw malformed(text, lineNo, start, stop, `field ${i + 1} has no "="`);
    const slot = SLOT.get(field.slice(0, eq)) ?? UNKNOWN;
    keys.push(slot === UNKNOWN ? field.slice(0, eq) : KEYS[slot]!);
    slots.push(slot);
  }
  return [keys, slots];
}

/** Whether `x` holds exactly these unknown fields with these values (a repeated key: its last). */
function sameExtra(
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

/**
 * `CLIENT LIST` (the bulk string, raw bytes preferred) of one node. With `previous` (that node's
 * rows from the last reply), a client seen before is updated in place and returned as the same
 * object, and a value that did not change keeps its string: a feed polling 10,000 clients
 * allocates almost nothing that outlives the poll.
 */
export function parseClientList(
  reply: Buffer | string,
  node: string,
  previous?: readonly ClientInfo[],
): ClientInfo[] {
  const src = decode(reply);
  const text = src.text;
  // The rows come back in the order they went (by id): the last reply is walked alongside,
  // and only a client that is not where expected is looked up (the map is built then).
  const last = previous ?? [];
  let cursor = 0;
  let byId: Map<string, number> | undefined;
  const parse = ++parses;
  const before = (id: string): ClientInfo | undefined => {
    const next = last[cursor];
    let found: ClientInfo | undefined;
    if (next && next.id === id && next.node === node) {
      cursor += 1;
      found = next;
    } else {
      // A client left or came: find it, and walk on from there.
      byId ??= new Map(last.flatMap((c, i) => (c.node === node ? [[c.id, i] as const] : [])));
      const i = byId.get(id);
      if (i !== undefined) {
        found = last[i];
        cursor = i + 1;
      }
    }
    // A repeated id in one reply (Redis never sends one) gets a row of its own.
    const row = found as Tailed | undefined;
    if (!row || row[TAKEN] === parse) return undefined;
    row[TAKEN] = parse;
    return row;
  };
  const rows: ClientInfo[] = [];
  // The current keys, their slots and a regex that matches a line with them: every line of a
  // reply has the same keys, so they are read from its first line only.
  let keys: string[] = [];
  let slots: number[] = [];
  let shape: RegExp | undefined;
  // Where each text slot's value is (-1: absent, ''), and each numeric slot's value (absent: 0).
  const at = new Int32Array(FIRST_NUMBER).fill(-1);
  const to = new Int32Array(FIRST_NUMBER).fill(-1);
  const nums = new Array<number>(SLOTS).fill(0);
  // Fields this parser does not know, and the last extra built from them: idle clients mostly
  // print the same values there (7.0's `rbs=1024 rbp=0`), so rows share one frozen object.
  let extraKeys: string[] = [];
  let extraCount = 0;
  let shared: Readonly<Record<string, string>> | undefined;
  const spans: number[] = [];
  let tailField = -1;
  let lineNo = 0;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo += 1;
    // A stray CR (a reply captured as CRLF text) ends the line as well.
    const stop = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    if (stop > start) {
      if (!shape || !fits(shape, text, start, stop)) {
        [keys, slots] = keysOf(text, start, stop, lineNo);
        shape = shapeOf(keys);
        if (!fits(shape, text, start, stop))
          throw malformed(text, lineNo, start, stop, 'fields are not key=value separated by single spaces');
        at.fill(-1);
        to.fill(-1);
        nums.fill(0);
        extraKeys = keys.filter((_, f) => slots[f] === UNKNOWN);
        extraCount = new Set(extraKeys).size;
        shared = undefined;
        // The tail starts after age and idle (the fields that change on an idle client); the
        // id must come before it, to find the row whose tail to compare.
        const ageAt = slots.indexOf(SLOT.get('age')!);
        const idleAt = slots.indexOf(SLOT.get('idle')!);
        tailField =
          slots[0] === 0 && ageAt >= 0 && idleAt >= 0 && Math.max(ageAt, idleAt) + 1 < keys.length
            ? Math.max(ageAt, idleAt) + 1
            : -1;
      }
      let pos = start;
      let unknown = 0;
      let id: string | undefined;
      let old: ClientInfo | undefined;
      let tailAt = -1;
      let same = false;
      for (let f = 0; f < keys.length; f++) {
        if (f === tailField) {
          id = text.slice(at[0], to[0]);
          old = before(id);
          const tail = old && (old as Tailed)[TAIL];
          if (tail !== undefined && unchanged(tail, text, pos, stop)) {
            same = true;
            break;
          }
          tailAt = pos;
        }
        const slot = slots[f]!;
        const valueAt = pos + keys[f]!.length + 1;
        let valueEnd: number;
        if (slot >= FIRST_NUMBER) {
          // Plain digits, read here (the common case, ~18 per line); anything else by readNumber.
          let i = valueAt;
          let n = 0;
          let d = text.charCodeAt(i) - 0x30;
          while (d >= 0 && d <= 9) {
            n = n * 10 + d;
            d = text.charCodeAt(++i) - 0x30;
          }
          if (i > valueAt && (i === stop || d === SPACE - 0x30)) {
            nums[slot] = n;
            valueEnd = i;
          } else {
            valueEnd = readNumber(text, valueAt, stop, nums, slot);
            if (valueEnd < 0) throw malformed(text, lineNo, start, stop, `${KEYS[slot]} is not a number`);
          }
        } else {
          valueEnd = text.indexOf(' ', valueAt);
          if (valueEnd < 0 || valueEnd > stop) valueEnd = stop;
          if (slot >= 0) {
            at[slot] = valueAt;
            to[slot] = valueEnd;
          } else {
            spans[unknown * 2] = valueAt;
            spans[unknown * 2 + 1] = valueEnd;
            unknown += 1;
          }
        }
        pos = valueEnd + 1;
      }
      id ??= at[0]! < 0 ? '' : text.slice(at[0], to[0]);
      if (!isDigits(id)) throw malformed(text, lineNo, start, stop, 'no client id');
      if (tailField < 0) old = before(id);
      if (same && old) {
        for (let f = 0; f < tailField; f++) if (slots[f]! >= 0) put(old, slots[f]!, src, at, to, nums);
        rows.push(old);
        start = end + 1;
        continue;
      }
      const c = fill(old ?? blank(node), src, at, to, nums);
      if (tailAt >= 0) (c as Tailed)[TAIL] = own(src, tailAt, stop);
      if (unknown === 0) c.extra = EMPTY_EXTRA;
      else {
        if (!sameExtra(c.extra, extraKeys, extraCount, text, spans)) {
          if (!sameExtra(shared, extraKeys, extraCount, text, spans))
            shared = extraOf(
              extraKeys,
              extraKeys.map((_, i) => own(src, spans[i * 2]!, spans[i * 2 + 1]!)),
            );
          c.extra = shared!;
        }
      }
      rows.push(c);
    }
    start = end + 1;
  }
  return rows;
}
