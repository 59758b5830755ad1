// Headless output: a plain table for people, one JSON document for scripts. Every cell and
// every JSON string goes through toDisplay, so a hostile server string cannot drive the
// terminal (nor `jq -r`, which decodes JSON's own escapes). JSON builders hand over raw
// values; the escaping happens here, once, so no command can forget it or do it twice.
import { displayJson, toDisplay } from '../domain/display.js';
import { fitTable } from '../domain/table-fit.js';

/**
 * How wide a table may be: the terminal's width, else $COLUMNS (a script that wants a
 * width says so); undefined, whole, when piped without COLUMNS or with --wide.
 */
export function tableWidth(wide = false): number | undefined {
  if (wide) return undefined;
  if (process.stdout.isTTY && process.stdout.columns > 0) return process.stdout.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : undefined;
}

export interface TableFit {
  /** Print whole (--wide). */
  wide?: boolean;
  /** Titles in the order they give way to the width, the least useful first. */
  sacrifice?: readonly string[];
}

/** A table for people: every cell escaped, fitted to tableWidth() (domain/table-fit). */
export function formatTable(headers: string[], rows: string[][], fit: TableFit = {}): string {
  const cells = rows.map((r) => r.map((c) => toDisplay(c)));
  return `${fitTable(headers, cells, { width: tableWidth(fit.wide), sacrifice: fit.sacrifice }).join('\n')}\n`;
}

/** One JSON document (`--json`), every string escaped as on screen (displayJson). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(displayJson(value), null, 2)}\n`);
}

/** One line of JSON lines output (the tail's events), escaped as printJson's. */
export const jsonLine = (value: unknown): string => JSON.stringify(displayJson(value));

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

// How much text printPieces gathers before a write: few writes, and no output-sized string.
const PIECES_PER_WRITE = 64 * 1024;

/** Output made of many pieces (a plan of a 10 MB file), written as it is made, never whole. */
export function printPieces(pieces: Iterable<string>): void {
  let buffered = '';
  for (const piece of pieces) {
    buffered += piece;
    if (buffered.length >= PIECES_PER_WRITE) {
      process.stdout.write(buffered);
      buffered = '';
    }
  }
  if (buffered) process.stdout.write(buffered);
}

/** A top-level array of a JSON document that jsonPieces writes an element at a time. */
export class JsonStream {
  constructor(readonly items: Iterable<unknown>) {}
}

/** `items.map(each)` as a JsonStream: each element made when it is written. */
export const jsonStream = <T>(items: readonly T[], each: (item: T) => unknown): JsonStream =>
  new JsonStream({
    *[Symbol.iterator]() {
      for (const item of items) yield each(item);
    },
  });

// What JSON.stringify leaves out of an object (and writes as null in an array).
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

// Walked here: objects and arrays (displayJson's own for bytes; toJSON's value walked in turn).
const isPlain = (v: unknown): v is object =>
  typeof v === 'object' && v !== null && !(v instanceof Uint8Array);
const hasToJSON = (v: unknown): v is { toJSON: () => unknown } =>
  isPlain(v) && typeof (v as { toJSON?: unknown }).toJSON === 'function';

const leaf = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(toDisplay(v)) : omitted(v) ? 'null' : JSON.stringify(displayJson(v));

/**
 * JSON.stringify(displayJson(value), null, 2) in pieces, an element or a field at a time:
 * arrays, JsonStreams and plain objects are walked here, everything else is displayJson's.
 */
function* jsonOf(value: unknown, pad: string): Generator<string> {
  if (hasToJSON(value)) {
    yield* jsonOf(value.toJSON(), pad);
    return;
  }
  const list = value instanceof JsonStream ? value.items : Array.isArray(value) ? value : undefined;
  const inner = `${pad}  `;
  let n = 0;
  if (list) {
    // Runs of leaves (a user's 200,000 rules) go out as one piece, not one yield each.
    let run = '';
    for (const item of list) {
      const head = `${n++ ? ',' : '['}\n${inner}`;
      if (isPlain(item)) {
        yield run + head;
        run = '';
        yield* jsonOf(item, inner);
        continue;
      }
      run += head + leaf(item);
      if (run.length >= PIECES_PER_WRITE) {
        yield run;
        run = '';
      }
    }
    yield `${run}${n ? `\n${pad}]` : '[]'}`;
    return;
  }
  if (!isPlain(value)) {
    yield leaf(value);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (omitted(item)) continue;
    yield `${n++ ? ',' : '{'}\n${inner}${JSON.stringify(toDisplay(key))}: `;
    yield* jsonOf(item, inner);
  }
  yield n ? `\n${pad}}` : '{}';
}

/** printJson's text, byte for byte, written as it is made (JsonStream fields included). */
export function* jsonPieces(doc: unknown): Generator<string> {
  yield* jsonOf(doc, '');
  yield '\n';
}
