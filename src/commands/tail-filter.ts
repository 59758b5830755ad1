// `redis-warden tail` filters: parsed and checked before connecting (a typo is a usage error,
// exit 2, not an empty tail), then applied alike to history and live events. Pure.
import type { AclLogEvent, TailNotice } from '../domain/acl-log/types.js';
import { UsageError } from './context.js';
import { toDisplay } from '../domain/display.js';

export const REASONS = ['auth', 'command', 'key', 'channel'] as const;

export interface TailFilter {
  username?: string;
  reason?: string;
  node?: string;
  /** Only events whose lastSeen is at most this many ms ago. */
  sinceMs?: number;
}

export interface TailFilterFlags {
  username?: string;
  reason?: string;
  node?: string;
  since?: string;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
// Ten years: past that a typo (30000d) is more likely than a wish.
const MAX_MS = 3650 * UNIT_MS.d!;

/** "30s", "15m", "2h", "1d", or a sum of them ("1h30m") -> ms; anything else is a UsageError. */
export function parseDuration(text: string): number {
  const bad = () =>
    new UsageError(
      `--since: "${text}" is not a duration (whole numbers with s, m, h or d, alone or summed: 30s, 15m, 2h, 1d, 1h30m)`,
    );
  if (!/^(\d+[smhd])+$/.test(text)) throw bad();
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([smhd])/g)) ms += Number(n) * UNIT_MS[unit!]!;
  if (!Number.isSafeInteger(ms) || ms <= 0 || ms > MAX_MS) throw bad();
  return ms;
}

export function parseFilter(flags: TailFilterFlags): TailFilter {
  // commander checks --reason's choices; this guards callers that do not go through it.
  if (flags.reason !== undefined && !(REASONS as readonly string[]).includes(flags.reason))
    throw new UsageError(`--reason: "${flags.reason}" is not one of ${REASONS.join(', ')}`);
  return {
    username: flags.username,
    reason: flags.reason,
    node: flags.node,
    sinceMs: flags.since === undefined ? undefined : parseDuration(flags.since),
  };
}

// A name may be given raw or as the tail prints it (escaped), so a hostile username that
// cannot be typed can still be copied from the table into --username.
const same = (value: string, wanted: string) => value === wanted || toDisplay(value) === wanted;

export function matchesEvent(f: TailFilter, e: AclLogEvent, now: number): boolean {
  if (f.username !== undefined && !same(e.username, f.username)) return false;
  if (f.reason !== undefined && e.reason !== f.reason) return false;
  if (f.node !== undefined && !same(e.node, f.node)) return false;
  if (f.sinceMs !== undefined && !(e.lastSeen >= now - f.sinceMs)) return false;
  return true;
}

export function matchesNotice(f: TailFilter, n: TailNotice): boolean {
  return f.node === undefined || same(n.node, f.node);
}
