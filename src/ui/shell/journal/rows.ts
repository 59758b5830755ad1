// The Journal view's rows: newest first, each with a key that survives the journal growing
// (a new entry on top must not move the detail that is open to another entry), and the text
// `/` matches (what the row shows, as shown).
import { toDisplay } from '../../../domain/display.js';
import type { JournalEntry } from '../../../journal/journal.js';
import { JOURNAL_HEADERS, journalRow, readable } from '../../../journal/view.js';
import type { Column } from '../../components/table.js';

export interface JournalRow {
  key: string;
  entry: JournalEntry;
  cells: string[];
}

/** Rows newest first; `entries` oldest first, as the journal holds them. */
export function journalRows(entries: readonly JournalEntry[]): JournalRow[] {
  const seen = new Map<string, number>();
  const rows = entries.map((raw): JournalRow => {
    const entry = readable(raw);
    // Two entries in one millisecond (a write on each node) are told apart by their order.
    const base = `${entry.ts} ${entry.action}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base} ${n}`, entry, cells: journalRow(entry) };
  });
  return rows.reverse();
}

export function filterRows(rows: readonly JournalRow[], filter: string): readonly JournalRow[] {
  const f = filter.trim().toLowerCase();
  if (!f) return rows;
  return rows.filter((r) => r.cells.some((c) => toDisplay(c).toLowerCase().includes(f)));
}

/** The columns at this width: below 100 columns a shorter time (no year) and WHO; WHAT takes the rest. */
export function journalColumns(width: number): Column<JournalRow>[] {
  const narrow = width < 100;
  const widths = [narrow ? 14 : 19, narrow ? 8 : 12, narrow ? 16 : 17, width >= 140 ? 21 : 15, 7, 0];
  return JOURNAL_HEADERS.map((title, i) => ({
    key: title,
    title,
    width: widths[i] ?? 0,
    cell: (r: JournalRow) => (i === 0 && narrow ? (r.cells[0] ?? '').slice(5) : (r.cells[i] ?? '')),
    tone:
      i === 4
        ? (r: JournalRow) => (r.entry.outcome === 'ok' || !r.entry.outcome ? undefined : 'warning')
        : undefined,
  }));
}
