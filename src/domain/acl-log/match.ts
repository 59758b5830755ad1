// Which entries of this poll are entries of the last poll, and which of those grew. Pure.
//
// Redis 7.2+ names each entry (entry-id + timestamp-created): matching is exact.
// Redis 7.0 does not. A repeat joins an existing entry only when reason, context, object
// (the AUTH verb as typed: `auth` != `AUTH`) and username are equal and the entry is among
// the 10 newest; the joined entry moves to the head and takes the latest client-info (all
// seen on 7.0.15); and, per its acl.c, only if last updated at most 60 s before. So one
// group can hold several entries, and only the newest of a group can still grow. The rules
// below follow from that:
// - An entry that did not change keeps its count and its last-update time, so its age grew
//   by exactly the server time between the two polls (ages are whole ms): the same shift
//   for every unchanged entry, found near the time measured between the polls. A new entry
//   of the same group and count can only fake that when it was made within that margin of
//   the old one's last update, i.e. when the old one was at most twice the margin old at
//   the last poll; so a match is sure only once an entry older than that vouches for the
//   shift. Unsure matches count no events (never twice), prove nothing about losses, and
//   are dropped when the log turns out to have been reset.
// - A changed entry of the last poll is the newest of its group, was among the 10 newest
//   and younger than 60 s then, and is now the oldest changed entry of its group, above the
//   unchanged ones, with a higher count.
import type { AclLogEntry } from './types.js';

export const GROUPING_WINDOW_MS = 60_000;
export const GROUPING_SCAN = 10;

/** What the tracker remembers of one entry of the last poll. */
export interface TrackedEntry {
  /** The event key (stable while the entry stays in the log). */
  key: string;
  group: string;
  count: number;
  /** The entry's age at the last poll, whole ms. */
  ageMs: number;
  /** Index in the last poll's reply: 0 is the newest. */
  position: number;
  firstSeen: number;
  entryId?: number;
  timestampCreated?: number;
}

export type Match = { prev: number; kind: 'same' | 'grown' };

export interface MatchResult {
  /** Per current entry: the last poll's entry it is, or undefined for a new entry. */
  matches: (Match | undefined)[];
  /** 7.0 matches that are not sure (growth, doubtful unchanged): undone when the log was reset. */
  inferred: Set<number>;
  /** Unchanged entries of the last poll that are surely the same (not in doubt as above). */
  unchanged: number;
  /** A 7.0 entry counted as grown that may instead be new (its old self may have rolled off). */
  ambiguous: boolean;
}

/** The identity Redis 7.0 groups repeats by. Several entries can share it. */
export function groupKey(e: Pick<AclLogEntry, 'reason' | 'context' | 'object' | 'username'>): string {
  return `g:${JSON.stringify([e.reason, e.context, e.object, e.username])}`;
}

export function hasId(e: AclLogEntry): e is AclLogEntry & { entryId: number; timestampCreated: number } {
  return e.entryId !== undefined && e.timestampCreated !== undefined;
}

export const idKey = (entryId: number, created: number): string => `id:${entryId}:${created}`;

export const ageMsOf = (e: AclLogEntry): number => Math.round(e.ageSeconds * 1000);

/** How far apart the two polls were, and how sure that is. */
export interface Elapsed {
  ms: number;
  /** Measured on the server's clock (INFO server_time_usec read with the log), not ours. */
  serverClock: boolean;
}

/**
 * The age difference most entries of the same group and count agree on, within `margin` of
 * the time measured between the polls; failing that, one that several agree on within a
 * wide margin (an event-loop stall between a reply and `now`), which is never sure.
 */
function findShift(
  prev: readonly TrackedEntry[],
  cur: readonly AclLogEntry[],
  elapsed: Elapsed,
  margin: number,
) {
  const votes = new Map<number, number>();
  for (const c of cur) {
    if (hasId(c)) continue;
    const group = groupKey(c);
    for (const p of prev) {
      if (p.entryId !== undefined || p.group !== group || p.count !== c.count) continue;
      const d = ageMsOf(c) - p.ageMs;
      votes.set(d, (votes.get(d) ?? 0) + 1);
    }
  }
  const pick = (within: number, minVotes: number): number | undefined => {
    let best: number | undefined;
    for (const [d, n] of votes) {
      if (n < minVotes || Math.abs(d - elapsed.ms) > within) continue;
      const bestVotes = best === undefined ? 0 : votes.get(best)!;
      if (n > bestVotes || (n === bestVotes && Math.abs(d - elapsed.ms) < Math.abs(best! - elapsed.ms)))
        best = d;
    }
    return best;
  };
  const tight = pick(margin, 1);
  if (tight !== undefined) return { shift: tight, tight: true };
  return { shift: pick(Math.max(5000, elapsed.ms / 2), 2), tight: false };
}

export function matchEntries(
  prev: readonly TrackedEntry[],
  cur: readonly AclLogEntry[],
  elapsed: Elapsed,
  full: boolean,
): MatchResult {
  const matches: (Match | undefined)[] = cur.map(() => undefined);
  const taken = new Set<number>();
  const inferred = new Set<number>();
  const byId = new Map<string, number>();
  prev.forEach((p, i) => {
    if (p.entryId !== undefined) byId.set(idKey(p.entryId, p.timestampCreated ?? 0), i);
  });
  cur.forEach((c, ci) => {
    if (!hasId(c)) return;
    const pi = byId.get(idKey(c.entryId, c.timestampCreated));
    if (pi === undefined) return;
    taken.add(pi);
    // A count never goes down on one server run; a lower one is kept as "no new events".
    matches[ci] = { prev: pi, kind: c.count > prev[pi]!.count ? 'grown' : 'same' };
  });

  // Our clock: delivery delays between two replies; the server's: INFO and ACL LOG apart.
  const margin = elapsed.serverClock ? 10 : 250;
  const { shift, tight } = findShift(prev, cur, elapsed, margin);
  const sameByShift: number[] = [];
  if (shift !== undefined) {
    cur.forEach((c, ci) => {
      if (hasId(c)) return;
      const group = groupKey(c);
      const pi = prev.findIndex(
        (p, i) =>
          !taken.has(i) &&
          p.entryId === undefined &&
          p.group === group &&
          p.count === c.count &&
          Math.abs(ageMsOf(c) - p.ageMs - shift) <= 1,
      );
      if (pi < 0) return;
      taken.add(pi);
      matches[ci] = { prev: pi, kind: 'same' };
      sameByShift.push(ci);
    });
  }
  const sure = tight && sameByShift.some((ci) => prev[matches[ci]!.prev]!.ageMs > 2 * margin);
  // At the true shift only a new entry made in the very ms of the last poll looks unchanged.
  for (const ci of sameByShift) if (!sure || prev[matches[ci]!.prev]!.ageMs === 0) inferred.add(ci);

  // Oldest sure unchanged entry of the last poll still here: nothing newer than it rolled off.
  let oldestSame = -1;
  let unchanged = 0;
  matches.forEach((m, ci) => {
    if (m?.kind !== 'same' || inferred.has(ci)) return;
    unchanged += 1;
    oldestSame = Math.max(oldestSame, prev[m.prev]!.position);
  });
  let ambiguous = false;
  matches.forEach((m, ci) => {
    if (m?.kind === 'same' && inferred.has(ci) && full && oldestSame < prev[m.prev]!.position)
      ambiguous = true;
  });
  // Lenient when unsure: refusing a real growth would count it twice.
  const serverElapsed = sure ? shift! : Math.max(0, Math.min(elapsed.ms, shift ?? elapsed.ms) - 5000);
  const newestOfGroup = new Map<string, number>();
  prev.forEach((p, i) => {
    if (p.entryId === undefined && !newestOfGroup.has(p.group)) newestOfGroup.set(p.group, i);
  });
  for (const [group, pi] of newestOfGroup) {
    const p = prev[pi]!;
    if (taken.has(pi) || p.position >= GROUPING_SCAN || p.ageMs > GROUPING_WINDOW_MS) continue;
    let candidate = -1;
    for (let ci = 0; ci < cur.length; ci++) {
      const c = cur[ci]!;
      if (hasId(c) || groupKey(c) !== group) continue;
      if (matches[ci]?.kind === 'same') break;
      if (matches[ci] === undefined) candidate = ci;
    }
    if (candidate < 0) continue;
    const c = cur[candidate]!;
    const repeats = c.count - p.count;
    if (repeats <= 0) continue;
    // Each repeat joins only within 60 s of the one before.
    if (serverElapsed - ageMsOf(c) + p.ageMs > repeats * GROUPING_WINDOW_MS) continue;
    matches[candidate] = { prev: pi, kind: 'grown' };
    taken.add(pi);
    inferred.add(candidate);
    // It could also be a new entry of the same group, the old one having rolled off: only
    // when the log is full and no unchanged entry older than it survived.
    if (full && oldestSame < p.position) ambiguous = true;
  }
  return { matches, inferred, unchanged, ambiguous };
}
