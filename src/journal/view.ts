// What this console did, as the operator reads it: which entries a query keeps, and one row per
// entry (when, as whom, what, on which nodes, with what outcome). Shared by `redis-warden
// journal` and the Journal view, so both show the same words. Pure: entries are read elsewhere.
// Only fields the entry has are shown; secrets were redacted when the entry was written.
import { ACTION_IDS } from '../domain/actions.js';
import { fromDisplay, toDisplay } from '../domain/display.js';
import type { JournalEntry } from './types.js';

export interface JournalQuery {
  /** Entries at or after this instant. */
  since?: Date;
  /** An action id (`acl.setuser`), or a prefix of ids ending in a dot (`acl.`). */
  action?: string;
  /** A node (host:port, unix:/path), raw or as shown (escaped). */
  node?: string;
}

/** Why an --action value is not one: undefined when it is an id or a prefix of some. */
export function actionProblem(action: string): string | undefined {
  if (action.endsWith('.') ? ACTION_IDS.some((id) => id.startsWith(action)) : isKnown(action))
    return undefined;
  return `--action: "${action}" is not an action id nor a prefix of one (like acl.); the ids: ${ACTION_IDS.join(', ')}`;
}

const isKnown = (action: string) => (ACTION_IDS as readonly string[]).includes(action);

const same = (value: string, wanted: string) => value === wanted || toDisplay(value) === wanted;

/** The nodes an entry names: its per-node list, else its target (a profile change has neither). */
export const nodesOf = (e: JournalEntry): string[] =>
  Array.isArray(e.nodes) ? e.nodes.map(String) : typeof e.target === 'string' ? [e.target] : [];

export function matchesQuery(e: JournalEntry, q: JournalQuery): boolean {
  if (q.since && !(Date.parse(e.ts) >= q.since.getTime())) return false;
  if (q.action !== undefined)
    if (q.action.endsWith('.') ? !e.action.startsWith(q.action) : e.action !== q.action) return false;
  if (q.node !== undefined) {
    const node = q.node;
    if (!nodesOf(e).some((n) => same(n, node))) return false;
  }
  return true;
}

const undisplay = (v: unknown): unknown =>
  typeof v === 'string'
    ? fromDisplay(v)
    : Array.isArray(v)
      ? v.map(undisplay)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, undisplay(x)]))
        : v;

/**
 * The entry with its strings as they were before the screen's escaping: names in a mutation's
 * args are written as shown (`u\xffbad`), other fields raw. Every printer escapes once (toDisplay),
 * so without this a name would show escaped twice (`u\\xffbad`), and could not be copied back.
 */
export const readable = (e: JournalEntry): JournalEntry => undisplay(e) as JournalEntry;

/** What the command and the view say of lines that were not whole entries. */
export const unreadableLines = (n: number): string => `${n} line${n === 1 ? '' : 's'} could not be read`;

export const JOURNAL_HEADERS = ['WHEN (UTC)', 'WHO', 'ACTION', 'NODES', 'OUTCOME', 'WHAT'];

/** `2026-12-07T03:04:05.678Z` -> `2026-12-07 03:04:05`; a ts that is not a time is shown as is. */
export function whenOf(ts: string): string {
  const t = Date.parse(ts);
  return Number.isNaN(t) ? ts : new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

/** The local OS user, the Redis user it was logged in as, and the profile, each when known. */
export const whoOf = (e: JournalEntry): string =>
  `${e.actor}${typeof e.as === 'string' ? ` as ${e.as}` : ''}${typeof e.profile === 'string' ? ` (${e.profile})` : ''}`;

const compact = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The entry's arguments in one line (a mutation's are the command as sent, redacted), and for a
 * failure its message: what the operator needs to recognise the entry in a list.
 */
export function whatOf(e: JournalEntry): string {
  const args = Array.isArray(e.args)
    ? e.args.map(compact).join(' ')
    : e.args === undefined
      ? ''
      : compact(e.args);
  const d = e.detail as { message?: unknown } | string | undefined;
  const why = typeof d === 'string' ? d : typeof d?.message === 'string' ? d.message : '';
  return e.outcome !== 'ok' && why ? (args ? `${args}: ${why}` : why) : args;
}

/**
 * One entry as table cells, in JOURNAL_HEADERS' order, raw (the table escapes each cell once).
 * The one place a row is made: a fitting table takes these cells as they are.
 */
export function journalRow(e: JournalEntry): string[] {
  return [whenOf(e.ts), whoOf(e), e.action, nodesOf(e).join(',') || '-', e.outcome ?? '-', whatOf(e)];
}
