// The audit trail's record shape. One JSON object per line of journal.jsonl.

export type JournalKind = 'mutation' | 'capture' | 'incident' | 'profile' | 'note';
export type JournalOutcome = 'ok' | 'error' | 'unknown' | 'refused';

export const JOURNAL_KINDS: readonly JournalKind[] = ['mutation', 'capture', 'incident', 'profile', 'note'];

export interface JournalEntry {
  /** ISO 8601, UTC. */
  ts: string;
  kind: JournalKind;
  /** Local OS user who ran redis-warden. */
  actor: string;
  profile?: string;
  /** The Redis user the console was logged in as when it made the change. */
  as?: string;
  /** Human label of the Target (host:port, cluster seed, fleet name). */
  target?: string;
  nodes?: string[];
  action: string;
  args?: unknown;
  outcome?: JournalOutcome;
  detail?: unknown;
}

/** What callers pass to append(): ts and actor are filled in when missing. */
export type JournalInput = Omit<JournalEntry, 'ts' | 'actor'> & { ts?: string; actor?: string };

export interface JournalFilter {
  kind?: JournalKind;
  profile?: string;
  /** Entries at or after this instant. */
  since?: Date;
  /** Keep only the newest `limit` matches (still returned oldest first). */
  limit?: number;
}

export interface JournalScan {
  entries: JournalEntry[];
  /** Lines that were not a whole journal entry (a torn last line after a crash, a hand edit). */
  skipped: number;
}
