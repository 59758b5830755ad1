// The ACL LOG alerts, with defaults that need no configuration. Pure, so the console's
// header, its rate line and `redis-warden tail` raise the same alerts on the same events.
//
// Two rules:
// - auth-burst: AUTH_BURST or more failed AUTHs from one address (host, any port: a brute
//   force reconnects from a new port each time) within the last minute, on any node;
// - rate: the events per minute (as the rate line counts them) at or above a threshold. Set
//   (--alert-rate N, else the profile's alertRate) it is that number; 0 turns it off; unset
//   it is RATE_FACTOR times the last hour's baseline, never below RATE_FLOOR, so a quiet
//   server's 3 events are no alert and a busy one's usual rate is none either.
import { countsBy, ratePerMinute } from './rate.js';
import type { AclLogEvent } from './types.js';

export const AUTH_BURST = 10;
export const WINDOW_MS = 60_000;
export const RATE_FLOOR = 30;
export const RATE_FACTOR = 3;
/** Minutes of history before the baseline counts: fewer, and the floor alone decides. */
export const BASELINE_MIN_MINUTES = 5;

export type AlertEvent = Pick<AclLogEvent, 'node' | 'reason' | 'username' | 'client' | 'count' | 'lastSeen'>;

export interface Alert {
  kind: 'auth-burst' | 'rate';
  /** The condition's identity: raised once while it holds (auth-burst: per address). */
  key: string;
  /** Per minute: the violations (auth-burst: failed AUTHs from the address) in the last one. */
  rate: number;
  threshold: number;
  /** Where the threshold came from: set by flag or profile, or the default rule. */
  basis: 'set' | 'default';
  /** The default rate rule: the last hour's events per minute it compared with. */
  baseline?: number;
  /** auth-burst: the address; rate: the busiest address of the last minute. */
  addr?: string;
  /** Most frequent first, at most 3. */
  usernames: string[];
  nodes: string[];
}

export interface AlertSettings {
  /** Events per minute; 0: no rate alert; undefined: the default (baseline) rule. */
  rate?: number;
}

/** "10.0.0.5:51234" -> "10.0.0.5", "[::1]:6379" -> "[::1]"; a unix socket's path stays. */
export function hostOf(addr: string): string {
  const colon = addr.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(addr.slice(colon + 1)) ? addr.slice(0, colon) : addr;
}

const inWindow = (events: readonly AlertEvent[], now: number) =>
  events.filter((e) => e.lastSeen > now - WINDOW_MS && e.count > 0);

const top = (events: readonly AlertEvent[]) => countsBy(events, 'username').map(([u]) => u);
const nodesOf = (events: readonly AlertEvent[]) => [...new Set(events.map((e) => e.node))].sort();

/** Failed AUTHs per address in the last minute, at or above AUTH_BURST. */
export function authBursts(events: readonly AlertEvent[], now: number, threshold = AUTH_BURST): Alert[] {
  const byAddr = new Map<string, AlertEvent[]>();
  for (const e of inWindow(events, now)) {
    if (e.reason !== 'auth' || !e.client.addr) continue;
    const h = hostOf(e.client.addr);
    byAddr.set(h, [...(byAddr.get(h) ?? []), e]);
  }
  const out: Alert[] = [];
  for (const [addr, es] of [...byAddr].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const count = es.reduce((n, e) => n + e.count, 0);
    if (count < threshold) continue;
    out.push({
      kind: 'auth-burst',
      key: `auth-burst ${addr}`,
      rate: count,
      threshold,
      basis: 'default',
      addr,
      usernames: top(es),
      nodes: nodesOf(es),
    });
  }
  return out;
}

/**
 * The last hour's events per minute before the current window (the minute now and the one
 * before are what is judged), over the minutes the console has watched; undefined before
 * BASELINE_MIN_MINUTES of them.
 */
export function baselinePerMinute(
  perMinute: Readonly<Record<number, number>>,
  now: number,
  since: number,
): number | undefined {
  const current = Math.floor(now / 60_000);
  const first = Math.max(current - 59, Math.ceil(since / 60_000)); // addToMinutes keeps 59 whole ones
  const last = current - 2;
  const minutes = last - first + 1;
  if (minutes < BASELINE_MIN_MINUTES) return undefined;
  let sum = 0;
  for (let m = first; m <= last; m++) sum += perMinute[m] ?? 0;
  return sum / minutes;
}

/** The rate threshold in force, or undefined when the rate alert is off. */
export function rateThreshold(
  settings: AlertSettings,
  baseline: number | undefined,
): { threshold: number; basis: Alert['basis'] } | undefined {
  if (settings.rate !== undefined)
    return settings.rate > 0 ? { threshold: settings.rate, basis: 'set' } : undefined;
  return { threshold: Math.max(RATE_FLOOR, Math.ceil(RATE_FACTOR * (baseline ?? 0))), basis: 'default' };
}

export interface AlertInput {
  /** Violations per minute (addToMinutes), history excluded. */
  perMinute: Readonly<Record<number, number>>;
  /** Recent events (at least the last minute's), history excluded. */
  events: readonly AlertEvent[];
  now: number;
  /** When the console started watching: the baseline counts only minutes since. */
  since: number;
  settings: AlertSettings;
}

/** Every alert that holds now: the rate first, then bursts by address. */
export function evaluateAlerts(input: AlertInput): Alert[] {
  const { perMinute, events, now, since, settings } = input;
  const out: Alert[] = [];
  const baseline = baselinePerMinute(perMinute, now, since);
  const rule = rateThreshold(settings, baseline);
  const rate = ratePerMinute(perMinute, now);
  if (rule && rate >= rule.threshold) {
    const recent = inWindow(events, now);
    const addrs = countsBy(
      recent.map((e) => ({ ...e, username: e.client.addr ? hostOf(e.client.addr) : '' })),
      'username',
    ).filter(([a]) => a);
    out.push({
      kind: 'rate',
      key: 'rate',
      rate,
      ...rule,
      ...(rule.basis === 'default' && baseline !== undefined
        ? { baseline: Math.round(baseline * 10) / 10 }
        : {}),
      ...(addrs[0] ? { addr: addrs[0][0] } : {}),
      usernames: top(recent),
      nodes: nodesOf(recent),
    });
  }
  return [...out, ...authBursts(events, now)];
}

/** The alerts that start to hold now (each once per crossing), and what holds for next time. */
export function newlyRaised(
  active: ReadonlySet<string>,
  alerts: readonly Alert[],
): { raised: Alert[]; active: Set<string> } {
  return {
    raised: alerts.filter((a) => !active.has(a.key)),
    active: new Set(alerts.map((a) => a.key)),
  };
}
