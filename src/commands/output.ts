// Headless output: a plain table for people, one JSON document for scripts. Every cell
// goes through toDisplay, so a hostile server string cannot drive the terminal.
import { displayWidth, padWidth, toDisplay } from '../domain/display.js';

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

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
