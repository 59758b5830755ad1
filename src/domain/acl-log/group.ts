// Identical violations as one row, as Redis groups repeats into one ACL LOG entry with a
// count: same node, reason, context, object, username and client (address host, any port,
// and name). The row is the newest of its members (so acting on it acts on the latest
// client), with the members' summed count and the first and last time seen. Pure.
import { hostOf } from './alerts.js';
import type { AclLogEvent } from './types.js';

type Groupable = Pick<
  AclLogEvent,
  'node' | 'reason' | 'context' | 'object' | 'username' | 'client' | 'count' | 'firstSeen' | 'lastSeen'
>;

/** The identity rows are grouped by (JSON: no separator a name could forge). */
export function violationKey(e: Groupable): string {
  return JSON.stringify([
    e.node,
    e.reason,
    e.context,
    e.object,
    e.username,
    e.client.addr === undefined ? null : hostOf(e.client.addr),
    e.client.name ?? null,
  ]);
}

export type Grouped<R> = R & {
  /** How many rows it stands for. */
  members: number;
  /** The first row's identity: stable while newer members arrive (the selection keeps it). */
  groupId: string;
};

/**
 * Rows (newest first) -> one row per identical violation, newest first by last seen. Each
 * keeps the newest member's fields, with count summed and firstSeen/lastSeen widened.
 * `idOf` names a row (the oldest member's id names the group).
 */
export function groupRows<R extends Groupable>(rows: readonly R[], idOf: (r: R) => string): Grouped<R>[] {
  const byKey = new Map<string, Grouped<R>>();
  for (const r of rows) {
    const k = violationKey(r);
    const g = byKey.get(k);
    if (!g) {
      byKey.set(k, { ...r, members: 1, groupId: idOf(r) });
      continue;
    }
    g.members += 1;
    g.count += r.count;
    g.firstSeen = Math.min(g.firstSeen, r.firstSeen);
    if (r.lastSeen > g.lastSeen) {
      // A newer member further down (rows are only roughly ordered): its fields lead.
      const { members, count, firstSeen, groupId } = g;
      Object.assign(g, r, { members, count, firstSeen, groupId });
    }
    g.groupId = idOf(r); // rows come newest first: the last one met is the oldest
  }
  return [...byKey.values()].sort((a, b) => b.lastSeen - a.lastSeen);
}
