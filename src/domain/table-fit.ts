// A table that fits a width: the one fitter behind every headless table (acl list,
// clients, profiles, ...). Each table names its columns in the order they give way (the
// least useful first); those are cut with `…` down to their titles' width (a long title a
// little further), then dropped, before the columns not named are touched; whole when there is room or no width (piped, --wide).
// Pure: cells come already escaped (toDisplay) and are measured by display width.
import { displayWidth, fitWidth, padWidth } from './display.js';

const GAP = '  ';
// Below this a cut column says nothing ("…" and a letter): narrower titles keep their own width.
const MIN_CELLS = 3;
// A long title ("PASSWORDS") may be cut to this before a column is dropped: "PASSW…" still reads.
const SHORT_TITLE = 6;

export interface FitOptions {
  /** The most cells a line may take; undefined prints whole. */
  width?: number;
  /** Titles, the first given up first; columns not named give way after them, rightmost first. */
  sacrifice?: readonly string[];
}

/** Each column's width, 0 for a dropped one, so that the line fits `width` (when it can). */
export function fitWidths(
  headers: readonly string[],
  natural: readonly number[],
  { width, sacrifice = [] }: FitOptions,
): number[] {
  const widths = [...natural];
  const total = () => {
    const shown = widths.filter((w) => w > 0);
    return shown.reduce((n, w) => n + w, 0) + GAP.length * Math.max(0, shown.length - 1);
  };
  if (width === undefined || total() <= width) return widths;
  const max = Math.max(1, Math.floor(width));
  const titleFloor = (i: number) => Math.max(MIN_CELLS, displayWidth(headers[i]!));
  const named = [...new Set(sacrifice.map((t) => headers.indexOf(t)).filter((i) => i >= 0))];
  const others = headers.map((_, i) => headers.length - 1 - i).filter((i) => !named.includes(i));
  // The named columns give way wholly (cut, then dropped) before the others are touched.
  for (const group of [named, others]) {
    // Cut each in turn down to its title's width (the least useful column loses all it can
    // first), then a long title and its cells to SHORT_TITLE, before any column is dropped.
    for (const floorOf of [titleFloor, (i: number) => Math.min(titleFloor(i), SHORT_TITLE)])
      for (const i of group) {
        const excess = total() - max;
        if (excess <= 0) return widths;
        widths[i] = Math.max(Math.min(natural[i]!, floorOf(i)), widths[i]! - excess);
      }
    // Still too wide: drop them in the same order, keeping one column.
    for (const i of group) {
      if (total() <= max) return widths;
      if (widths.filter((w) => w > 0).length > 1) widths[i] = 0;
    }
  }
  // One column wider than the terminal: cut it to the width.
  const last = widths.findIndex((w) => w > 0);
  if (total() > max) widths[last] = max;
  return widths;
}

/** The table's lines: columns two spaces apart, padded but the last, cut to the widths fitWidths gave. */
export function fitTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  fit: FitOptions = {},
): string[] {
  const natural = headers.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const widths = fitWidths(headers, natural, fit);
  const shown = widths.flatMap((w, i) => (w > 0 ? [i] : []));
  const line = (r: readonly string[]) =>
    shown
      .map((i, k) =>
        k === shown.length - 1 ? fitWidth(r[i] ?? '', widths[i]!) : padWidth(r[i] ?? '', widths[i]!),
      )
      .join(GAP)
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}
