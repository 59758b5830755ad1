// `redis-warden journal`: what this console did (the journal under the state dir), oldest
// first as the file holds it: when (UTC), as whom, on which nodes, with what outcome. Reads the
// file only; never connects. Exit 0 (nothing matching is no failure), 2 a bad flag.
import type { JournalEntry } from '../journal/journal.js';
import {
  actionProblem,
  journalRow,
  JOURNAL_HEADERS,
  matchesQuery,
  readable,
  unreadableLines,
} from '../journal/view.js';
import type { JournalQuery } from '../journal/view.js';
import type { CommandContext } from './context.js';
import { UsageError } from './context.js';
import { formatTable, print, printJson } from './output.js';
import { parseDuration } from './tail-filter.js';

export interface JournalFlags {
  since?: string;
  action?: string;
  node?: string;
  json?: boolean;
  wide?: boolean;
}

// An ISO date, or a date and time; without a zone it is UTC (the journal's and the table's).
const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** --since: a duration back from now (15m, 2h, 7d) or an ISO time (UTC unless it says). */
export function parseSince(text: string, now = Date.now()): Date {
  const bad = () =>
    new UsageError(
      `--since: "${text}" is neither a duration (15m, 2h, 7d, 1h30m) nor an ISO time (2026-12-07, 2026-12-07T03:00, UTC unless a zone is given)`,
    );
  const s = text.trim().replace(' ', 'T');
  const iso = ISO.exec(s);
  if (!iso) {
    try {
      return new Date(now - parseDuration(s));
    } catch {
      throw bad();
    }
  }
  const t = Date.parse(iso[1] || !s.includes(':') ? s : `${s}Z`);
  if (Number.isNaN(t)) throw bad();
  return new Date(t);
}

export function parseQuery(flags: JournalFlags, now = Date.now()): JournalQuery {
  const q: JournalQuery = {};
  if (flags.since !== undefined) q.since = parseSince(flags.since, now);
  if (flags.action !== undefined) {
    const problem = actionProblem(flags.action);
    if (problem) throw new UsageError(problem);
    q.action = flags.action;
  }
  if (flags.node !== undefined) {
    if (!/^(unix:.+|.+:\d{1,5})$/.test(flags.node))
      throw new UsageError(`--node: "${flags.node}" is not a node (host:port, or unix:/path as shown)`);
    q.node = flags.node;
  }
  return q;
}

/** One row per entry: the table's layout lives here, so a fitting table can replace it alone. */
export function journalTable(entries: readonly JournalEntry[], wide = false): string {
  // What gives way to the terminal's width first: the command as sent, then the nodes, then who.
  return formatTable(JOURNAL_HEADERS, entries.map(journalRow), { wide, sacrifice: ['WHAT', 'NODES', 'WHO'] });
}

const unreadable = (n: number) =>
  `${unreadableLines(n)} (not a whole journal entry: a torn write, a hand edit); skipped`;

export function journal(ctx: CommandContext, flags: JournalFlags): number {
  const query = parseQuery(flags);
  const scan = ctx.journal.scan();
  const entries = scan.entries.map(readable).filter((e) => matchesQuery(e, query));
  if (scan.skipped) ctx.warn(`redis-warden: ${ctx.journal.path}: ${unreadable(scan.skipped)}`);
  if (flags.json) {
    printJson({ journal: ctx.journal.path, entries, unreadable: scan.skipped });
    return 0;
  }
  if (!entries.length) {
    ctx.warn(
      scan.entries.length ? 'No journal entry matches.' : `The journal is empty (${ctx.journal.path}).`,
    );
    return 0;
  }
  print(journalTable(entries, Boolean(flags.wide)));
  return 0;
}
