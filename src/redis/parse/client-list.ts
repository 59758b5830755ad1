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
// Far fewer bytes than a reply, so one hostile username costs a chunk's slow decode, not the reply's.
const CHUNK = 64 * 1024;

function decode(reply: Buffer | string): string {
  if (typeof reply === 'string') return reply;
  // latin1 is the same text for ASCII and several times faster than utf8.
  if (isAscii(reply)) return reply.toString('latin1');
  if (isUtf8(reply)) return reply.toString('utf8');
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
  return parts.join('');
}

// Reads the number at `at` into nums[slot] and returns where the value ends (a space or
// `stop`), or -1 when it is not a number. Plain digits are read in place, with no substring
// and no indexOf; anything else (a fraction, say) goes through Number().
function readNumber(text: string, at: number, stop: number, nums: Float64Array, slot: number): number {
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

// V8 makes a substring of 13 or more characters a view into the whole reply: every row would
// keep the ~3 MB reply alive, and comparing such views chases pointers all over it (sorting by
// addr ran several times slower). Two joined pieces become one compact copy at first use instead.
function own(text: string, from: number, to: number): string {
  if (to - from < 13) return text.slice(from, to);
  return text.slice(from, from + 1) + text.slice(from + 1, to);
}

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

function row(
  node: string,
  v: string[],
  n: Float64Array,
  extra?: Readonly<Record<string, string>>,
): ClientInfo {
  // prettier-ignore
  return {
    node, id: v[0]!, addr: v[1]!, laddr: v[2]!, fd: n[10]!, name: v[3]!, age: n[11]!, idle: n[12]!,
    flags: v[4]!, db: n[13]!, sub: n[14]!, psub: n[15]!, ssub: n[16]!, multi: n[17]!, qbuf: n[18]!,
    qbufFree: n[19]!, argvMem: n[20]!, multiMem: n[21]!, obl: n[22]!, oll: n[23]!, omem: n[24]!,
    totMem: n[25]!, events: v[5]!, cmd: v[6]!, user: v[7]!, redir: n[26]!, resp: n[27]!,
    libName: v[8]!, libVer: v[9]!, extra: extra ?? EMPTY_EXTRA,
  };
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

/** `CLIENT LIST` (the bulk string, raw bytes preferred) of one node. */
export function parseClientList(reply: Buffer | string, node: string): ClientInfo[] {
  const text = decode(reply);
  const rows: ClientInfo[] = [];
  // The current keys, their slots and a regex that matches a line with them: every line of a
  // reply has the same keys, so they are read from its first line only.
  let keys: string[] = [];
  let slots: number[] = [];
  let shape: RegExp | undefined;
  // Every slot's value. Lines with the same keys overwrite the same slots; the others stay ''/0.
  const values = new Array<string>(FIRST_NUMBER).fill('');
  const nums = new Float64Array(SLOTS);
  // Fields this parser does not know, and the last extra built from them: idle clients mostly
  // print the same values there (7.0's `rbs=1024 rbp=0`), so rows share one frozen object.
  let extraKeys: string[] = [];
  let shared: Readonly<Record<string, string>> | undefined;
  let sharedValues: string[] = [];
  const spans: number[] = [];
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
        values.fill('');
        nums.fill(0);
        extraKeys = keys.filter((_, f) => slots[f] === UNKNOWN);
        shared = undefined;
      }
      let pos = start;
      let unknown = 0;
      let same = shared !== undefined;
      for (let f = 0; f < keys.length; f++) {
        const slot = slots[f]!;
        const valueAt = pos + keys[f]!.length + 1;
        let valueEnd: number;
        if (slot >= FIRST_NUMBER) {
          valueEnd = readNumber(text, valueAt, stop, nums, slot);
          if (valueEnd < 0) throw malformed(text, lineNo, start, stop, `${KEYS[slot]} is not a number`);
        } else {
          valueEnd = text.indexOf(' ', valueAt);
          if (valueEnd < 0 || valueEnd > stop) valueEnd = stop;
          if (slot >= 0) values[slot] = own(text, valueAt, valueEnd);
          else {
            if (same) {
              const prev = sharedValues[unknown]!;
              same = prev.length === valueEnd - valueAt && text.startsWith(prev, valueAt);
            }
            spans[unknown * 2] = valueAt;
            spans[unknown * 2 + 1] = valueEnd;
            unknown += 1;
          }
        }
        pos = valueEnd + 1;
      }
      if (!isDigits(values[0]!)) throw malformed(text, lineNo, start, stop, 'no client id');
      if (unknown > 0 && !same) {
        sharedValues = extraKeys.map((_, i) => own(text, spans[i * 2]!, spans[i * 2 + 1]!));
        shared = extraOf(extraKeys, sharedValues);
      }
      rows.push(row(node, values, nums, unknown > 0 ? shared : undefined));
    }
    start = end + 1;
  }
  return rows;
}
