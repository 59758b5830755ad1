// Headless output: a plain table for people, one JSON document for scripts. Every cell and
// every JSON string goes through toDisplay, so a hostile server string cannot drive the
// terminal (nor `jq -r`, which decodes JSON's own escapes). JSON builders hand over raw
// values; the escaping happens here, once, so no command can forget it or do it twice.
import { displayJson, displayWidth, padWidth, toDisplay } from '../domain/display.js';

export function formatTable(headers: string[], rows: string[][]): string {
  const cells = rows.map((r) => r.map((c) => toDisplay(c)));
  const widths = headers.map((h, i) =>
    Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : padWidth(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n') + '\n';
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
