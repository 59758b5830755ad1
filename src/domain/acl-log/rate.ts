// The tail's rate line: events per minute, a sparkline of the last minutes, and counts
// per reason and per user. Pure, so the pane and `redis-warden tail` agree.
import type { AclLogEvent } from './types.js';

const BARS = '▁▂▃▄▅▆▇█';

/** Adds events to per-minute counts, dropping minutes older than an hour. */
export function addToMinutes(
  perMinute: Readonly<Record<number, number>>,
  events: readonly Pick<AclLogEvent, 'count' | 'lastSeen'>[],
  now: number,
): Record<number, number> {
  const out: Record<number, number> = {};
  const oldest = Math.floor(now / 60_000) - 60;
  for (const [m, n] of Object.entries(perMinute)) if (Number(m) > oldest) out[Number(m)] = n;
  for (const e of events) {
    const m = Math.floor(e.lastSeen / 60_000);
    if (m > oldest) out[m] = (out[m] ?? 0) + e.count;
  }
  return out;
}

/** The last `minutes` minutes, oldest first, the current (partial) minute last. */
export function lastMinutes(
  perMinute: Readonly<Record<number, number>>,
  now: number,
  minutes = 15,
): number[] {
  const current = Math.floor(now / 60_000);
  return Array.from({ length: minutes }, (_, i) => perMinute[current - minutes + 1 + i] ?? 0);
}

export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  if (max === 0) return BARS[0]!.repeat(values.length);
  return values
    .map((v) => BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))])
    .join('');
}

/** Events in the last 60 s, from per-minute counts (the current minute weighted by how much of it passed). */
export function ratePerMinute(perMinute: Readonly<Record<number, number>>, now: number): number {
  const current = Math.floor(now / 60_000);
  const into = (now % 60_000) / 60_000;
  return Math.round((perMinute[current] ?? 0) + (perMinute[current - 1] ?? 0) * (1 - into));
}

/** "auth 12 · command 3", biggest first. */
export function countsBy(
  events: readonly Pick<AclLogEvent, 'count' | 'reason' | 'username'>[],
  field: 'reason' | 'username',
  top = 3,
): [string, number][] {
  const m = new Map<string, number>();
  for (const e of events) m.set(e[field], (m.get(e[field]) ?? 0) + e.count);
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
}
