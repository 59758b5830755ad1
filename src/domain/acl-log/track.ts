// The ACL LOG tail's new-event detector: one poll's entries + what was seen before -> the
// violations that are new since, and what the tail must say instead of guessing. Pure.
//
// Nothing is counted twice: a known entry yields only its count's increase, and where
// Redis 7.0 leaves it open whether an entry grew or is a new one of the same group, it is
// counted as grown (the smaller number) and a gap is reported. Loss is proven absent when an
// entry of the last poll is still here unchanged: the log is ordered by last update and
// drops its oldest, so nothing updated since the last poll can have been dropped while an
// entry older than all of that remains. Otherwise, if the log is full, events may be lost.
import { parseClientInfo } from './client-info.js';
import { ageMsOf, groupKey, hasId, idKey, matchEntries } from './match.js';
import type { TrackedEntry } from './match.js';
import { gapNotice, resetNotice, restartNotice, disabledNotice } from './notices.js';
import type { AclLogEntry, AclLogEvent, TailNotice } from './types.js';

export { groupKey } from './match.js';
export type { TrackedEntry } from './match.js';

/** Per node: what the last poll saw. */
export interface TrackState {
  node: string;
  /** ctx.now of the last poll. */
  polledAt: number;
  /** The last poll's entries, newest first. */
  entries: TrackedEntry[];
  /** Highest entry-id seen since the server (re)started (7.2+). */
  maxId?: number;
  runId?: string;
  /** acllog-max-len at the last poll, when the console's user may read it. */
  maxLen?: number;
  /** The longest the log has been since the server (re)started or was reset. */
  longest: number;
  serverTime?: number;
}

export interface TrackContext {
  node: string;
  /** ms epoch when the reply arrived. */
  now: number;
  /** INFO server run_id: a new one means the server restarted. */
  runId?: string;
  /** CONFIG GET acllog-max-len (undefined when the user may not ask). */
  maxLen?: number;
  /**
   * The server's clock in ms (INFO server_time_usec / 1000) read with ACL LOG in one round
   * trip (readAclLogSnapshot). Optional; on 7.0 it makes telling old entries from new ones
   * independent of network and event-loop delays.
   */
  serverTime?: number;
}

export interface TrackResult {
  state: TrackState;
  /** Oldest first. */
  events: AclLogEvent[];
  notices: TailNotice[];
}

/**
 * The entry's identity. 7.2+: entry-id + timestamp-created (unique per server run). 7.0:
 * the group Redis merges repeats into (reason, context, object, username); several entries
 * can share it, and events then carry it with the estimated time the entry was first seen.
 */
export function entryKey(e: AclLogEntry): string {
  return hasId(e) ? idKey(e.entryId, e.timestampCreated) : groupKey(e);
}

// Ages are on the server's clock: anchor them to it when it is known.
const clock = (ctx: TrackContext): number => ctx.serverTime ?? ctx.now;

function event(
  ctx: TrackContext,
  e: AclLogEntry,
  key: string,
  count: number,
  firstSeen: number,
  history: boolean,
): AclLogEvent {
  const ev: AclLogEvent = {
    node: ctx.node,
    key,
    reason: e.reason,
    context: e.context,
    object: e.object,
    username: e.username,
    clientInfo: e.clientInfo,
    client: parseClientInfo(e.clientInfo),
    count,
    firstSeen,
    lastSeen: e.timestampLastUpdated ?? clock(ctx) - ageMsOf(e),
  };
  if (history) ev.history = true;
  return ev;
}

function tracked(e: AclLogEntry, position: number, key: string, firstSeen: number): TrackedEntry {
  const t: TrackedEntry = { key, group: groupKey(e), count: e.count, ageMs: ageMsOf(e), position, firstSeen };
  if (hasId(e)) {
    t.entryId = e.entryId;
    t.timestampCreated = e.timestampCreated;
  }
  return t;
}

/** Key and first-seen time of an entry the tracker has not seen before. */
function fresh(e: AclLogEntry, ctx: TrackContext): { key: string; firstSeen: number } {
  if (hasId(e)) return { key: idKey(e.entryId, e.timestampCreated), firstSeen: e.timestampCreated };
  // 7.0 tells only the last update: the entry was created then or earlier.
  const at = clock(ctx) - ageMsOf(e);
  return { key: `${groupKey(e)}@${at}`, firstSeen: at };
}

const maxIdOf = (entries: readonly { entryId?: number }[], start?: number): number | undefined =>
  entries.reduce<number | undefined>(
    (m, e) => (e.entryId === undefined ? m : Math.max(m ?? -1, e.entryId)),
    start,
  );

export function track(prev: TrackState | undefined, entries: AclLogEntry[], ctx: TrackContext): TrackResult {
  const notices: TailNotice[] = [];
  const disabled = ctx.maxLen === 0 && prev?.maxLen !== 0;
  if (disabled) notices.push(disabledNotice(ctx));
  if (prev === undefined) {
    const list = entries.map((e, i) => ({ e, i, ...fresh(e, ctx) }));
    return {
      state: {
        node: ctx.node,
        polledAt: ctx.now,
        entries: list.map(({ e, i, key, firstSeen }) => tracked(e, i, key, firstSeen)),
        maxId: maxIdOf(entries),
        runId: ctx.runId,
        maxLen: ctx.maxLen,
        longest: entries.length,
        serverTime: ctx.serverTime,
      },
      events: list.reverse().map(({ e, key, firstSeen }) => event(ctx, e, key, e.count, firstSeen, true)),
      notices,
    };
  }

  // An entry id at or below the highest seen, under a name never seen: the counter restarted.
  const knownIds = new Set(prev.entries.map((t) => t.key));
  const idsRestarted =
    prev.maxId !== undefined &&
    entries.some(
      (e) => hasId(e) && e.entryId <= prev.maxId! && !knownIds.has(idKey(e.entryId, e.timestampCreated)),
    );
  const runChanged = prev.runId !== undefined && ctx.runId !== undefined && prev.runId !== ctx.runId;
  const restarted = runChanged || idsRestarted;
  const base = restarted ? [] : prev.entries;
  const limits = [prev.maxLen, ctx.maxLen].filter((n): n is number => n !== undefined);
  // Evictions leave the log at its limit; with two limits seen, the lower may have applied.
  // Unknown limit: the log cannot be full while it is shorter than it has been.
  const limit = limits.length > 0 ? Math.min(...limits) : undefined;
  const longest = restarted ? 0 : prev.longest;
  const full = entries.length >= (limit ?? longest);

  const serverClock = ctx.serverTime !== undefined && prev.serverTime !== undefined;
  const elapsed = {
    ms: serverClock ? ctx.serverTime! - prev.serverTime! : ctx.now - prev.polledAt,
    serverClock,
  };
  const { matches, inferred, unchanged, ambiguous } = matchEntries(base, entries, elapsed, full);
  const matchedPrev = new Set(matches.flatMap((m) => (m ? [m.prev] : [])));
  const sureMatch = matches.some((m, i) => m !== undefined && !inferred.has(i));
  const missing = base.length - matchedPrev.size;
  // A reset empties the log; only eviction (at the limit) also drops known entries.
  const reset = !restarted && missing > 0 && unchanged === 0 && !sureMatch && !full;
  if (reset) for (const i of inferred) matches[i] = undefined;

  // 7.2+: each entry id never seen is a whole entry (at least one event) that rolled off.
  const fromId = restarted ? -1 : (prev.maxId ?? maxIdOf(base));
  const curMax = maxIdOf(entries);
  const newIds = entries.filter((e) => hasId(e) && e.entryId > (fromId ?? -1)).length;
  const skipped = curMax !== undefined && fromId !== undefined ? Math.max(0, curMax - fromId - newIds) : 0;

  if (restarted) notices.push(restartNotice(ctx, runChanged ? 'run id' : 'entry ids'));
  if (reset) notices.push(resetNotice(ctx, prev.runId !== undefined && ctx.runId !== undefined, skipped));
  const possibleLoss = entries.length > 0 && full && unchanged === 0 && limit !== 0;
  if (!reset && !disabled && (skipped > 0 || possibleLoss || ambiguous))
    notices.push(gapNotice(ctx, { lost: skipped, limit, length: entries.length, ambiguous }));

  const events: AclLogEvent[] = [];
  const next: TrackedEntry[] = [];
  entries.forEach((e, i) => {
    const m = matches[i];
    const old = m && base[m.prev]!;
    if (old === undefined) {
      const { key, firstSeen } = fresh(e, ctx);
      next.push(tracked(e, i, key, firstSeen));
      events.push(event(ctx, e, key, e.count, firstSeen, false));
      return;
    }
    next.push(tracked(e, i, old.key, old.firstSeen));
    if (m?.kind === 'grown') events.push(event(ctx, e, old.key, e.count - old.count, old.firstSeen, false));
  });
  return {
    state: {
      node: ctx.node,
      polledAt: ctx.now,
      entries: next,
      // After a restart or a reset that left nothing to see, the ids already used are unknown:
      // counting them later would blame a rollover for what the notice here already said.
      maxId: restarted || (reset && curMax === undefined) ? curMax : maxIdOf(entries, prev.maxId),
      runId: ctx.runId ?? (restarted ? undefined : prev.runId),
      maxLen: ctx.maxLen ?? prev.maxLen,
      longest: reset ? entries.length : Math.max(longest, entries.length),
      serverTime: ctx.serverTime,
    },
    events: events.reverse(),
    notices,
  };
}
