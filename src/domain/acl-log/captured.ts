// What a capture already holds, so that a console writing it again (after a restart, or
// taking it over from one that died) adds nothing twice. Counted per group (reason, context,
// object, username): the identity an entry keeps on every Redis version. Pure.
import { groupKey } from './match.js';
import type { AclLogEvent } from './types.js';

type Grouped = Pick<AclLogEvent, 'reason' | 'context' | 'object' | 'username' | 'count'>;

/** The violations per group that `events` stand for. */
export function countByGroup(events: readonly Grouped[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const e of events) n.set(groupKey(e), (n.get(groupKey(e)) ?? 0) + e.count);
  return n;
}

/**
 * A first read without a saved position gives the server's whole log as history: an entry
 * the capture already holds as many violations of is not recorded again.
 */
export function withoutCapturedHistory<E extends Grouped & { history?: boolean }>(
  events: readonly E[],
  captured: ReadonlyMap<string, number>,
): E[] {
  return events.filter((e) => !(e.history && e.count <= (captured.get(groupKey(e)) ?? 0)));
}

/**
 * Events counted from a saved position, less those the capture got after that position was
 * saved (a writer that died between appending and saving): per group, the oldest first,
 * each reduced by what is left of the already captured count.
 */
export function withoutCapturedSince<E extends Grouped>(
  events: readonly E[],
  captured: ReadonlyMap<string, number>,
): E[] {
  const left = new Map(captured);
  const out: E[] = [];
  for (const e of events) {
    const g = groupKey(e);
    const dup = Math.min(e.count, left.get(g) ?? 0);
    left.set(g, (left.get(g) ?? 0) - dup);
    if (dup < e.count) out.push(dup ? { ...e, count: e.count - dup } : e);
  }
  return out;
}
