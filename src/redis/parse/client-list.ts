// CLIENT LIST reply -> ClientInfo rows. Pure.
//
// The reply is one line per client, `key=value` fields separated by single spaces. No value
// holds whitespace (Redis refuses it in client names, usernames and lib names), but a value may
// hold `=` and any other byte: a username can carry ESC or invalid UTF-8, so such bytes are
// decoded surrogate-escape style (decodeServerBytes) and every byte survives.
//
// Speed: a busy server lists ~10,000 clients (~3 MB) every refresh. Every line of a reply has
// the same keys in the same order, so the keys are read from the first line only; each line is
// checked against them by one regex, and then its values are read by position. With the last
// reply's rows (a feed), a line that is its client's last line but for age and idle is
// recognised as bytes and never decoded (client-list-lines.ts); the others are parsed here, and
// a client seen before is updated in place, its unchanged strings kept (client-list-rows.ts): a
// refresh leaves almost nothing behind for the collector.
//
// A line without an id, a field without `=`, or a known numeric field that is not a number
// throws an Error naming the line: a reply we do not understand is reported, never silently
// shortened.
import type { ClientInfo } from '../../domain/clients/types.js';
import {
  blank,
  decode,
  EMPTY_EXTRA,
  extraOf,
  fill,
  FIRST_NUMBER,
  KEYS,
  LINE,
  nextParse,
  own,
  sameExtra,
  SLOT,
  SLOTS,
  SPACE,
  UNKNOWN,
} from './client-list-rows.js';
import type { Source, Tracked } from './client-list-rows.js';
import { lineOf, PreviousRows, readKnownLines, take, viewOf } from './client-list-lines.js';

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

// Errors quote only the start of the line: it may hold a hostile username (messages are
// escaped where they are shown), and they should stay short.
function malformed(text: string, lineNo: number, start: number, stop: number, why: string): Error {
  const max = 60;
  const quoted = JSON.stringify(text.slice(start, Math.min(stop, start + max)));
  return new Error(`CLIENT LIST line ${lineNo}: ${why} (${quoted}${stop - start > max ? '...' : ''})`);
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
  const parse = nextParse();
  const last = new PreviousRows(previous ?? [], node);
  if (typeof reply === 'string') return parseText(decode(reply), node, (id) => last.find(id), parse);
  const view = viewOf(reply);
  const { rows, unread } = readKnownLines(reply, view, last, parse);
  const { spans, before } = unread;
  const count = spans.length / 4;
  if (count === 0) return rows as ClientInfo[];
  // The other lines, parsed as one text; a line's row from the last reply was found already.
  let text = reply;
  if (count < rows.length) {
    const lines: Buffer[] = [];
    for (let k = 0; k < count; k++) lines.push(reply.subarray(spans[k * 4], spans[k * 4 + 1]! + 1));
    text = Buffer.concat(lines);
  }
  const rowFor = (id: string, k: number) => {
    const hint = before[k];
    return hint && hint.id === id ? hint : last.find(id);
  };
  const parsed = parseText(decode(text), node, rowFor, parse, (k) => spans[k * 4 + 3]!);
  for (let k = 0; k < count; k++) {
    const row = parsed[k]! as Tracked;
    row[LINE] = lineOf(reply, view, spans[k * 4]!, spans[k * 4 + 1]!);
    rows[spans[k * 4 + 2]!] = row;
  }
  return rows as ClientInfo[];
}

/**
 * The lines of `src` as rows; `rowFor(id, k)` is the k-th row's client's row from the last
 * reply, if any, updated in place when this parse may take it. Errors name the line
 * `lineOfRow(k)` of the reply (default: the line of `src`).
 */
function parseText(
  src: Source,
  node: string,
  rowFor: (id: string, k: number) => ClientInfo | undefined,
  parse: number,
  lineOfRow?: (k: number) => number,
): ClientInfo[] {
  const text = src.text;
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
  let n = 0;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    n += 1;
    const lineNo = lineOfRow?.(rows.length) ?? n;
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
      }
      let pos = start;
      let unknown = 0;
      for (let f = 0; f < keys.length; f++) {
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
      const id = at[0]! < 0 ? '' : text.slice(at[0], to[0]);
      if (!isDigits(id)) throw malformed(text, lineNo, start, stop, 'no client id');
      const c = fill(take(rowFor(id, rows.length), parse) ?? blank(node), src, at, to, nums);
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
