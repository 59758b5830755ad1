// `tail --follow`'s alerts: the console's rules (src/domain/acl-log/alerts.ts) over the new
// events the tail prints, each alert raised once per crossing: one `ALERT ...` line on
// stderr and, with --json, a `{"alert": kind, ...}` line on stdout among the events (as
// notices carry `"notice": kind`), for a SIEM.
import { alertLine, raw } from '../domain/acl-log/alert-text.js';
import { evaluateAlerts, newlyRaised, WINDOW_MS } from '../domain/acl-log/alerts.js';
import type { Alert, AlertEvent, AlertSettings } from '../domain/acl-log/alerts.js';
import { addToMinutes } from '../domain/acl-log/rate.js';
import { hexBytes } from '../domain/bytes.js';

export class TailAlerts {
  private perMinute: Record<number, number> = {};
  private recent: AlertEvent[] = [];
  private active = new Set<string>();
  constructor(
    private readonly settings: AlertSettings,
    private readonly since = Date.now(),
  ) {}

  /** New events (never history) of one poll -> the alerts that start to hold now. */
  observe(events: readonly AlertEvent[], now = Date.now()): Alert[] {
    this.perMinute = addToMinutes(this.perMinute, events, now);
    this.recent = [...this.recent, ...events].filter((e) => e.lastSeen > now - WINDOW_MS);
    const all = evaluateAlerts({
      perMinute: this.perMinute,
      events: this.recent,
      now,
      since: this.since,
      settings: this.settings,
    });
    const r = newlyRaised(this.active, all);
    this.active = r.active;
    return r.raised;
  }
}

/** The stderr line. */
export const alertStderr = (a: Alert): string => `ALERT ${alertLine(a)}`;

/**
 * The --json line, raw (jsonLine escapes every string once). Fields always present, null when
 * not known; `usernames_hex` are the exact bytes, as the events' `*_hex`.
 */
export function alertJson(a: Alert, at: number): Record<string, unknown> {
  return {
    alert: a.kind,
    time: new Date(at).toISOString(),
    rate: a.rate,
    threshold: a.threshold,
    basis: a.basis,
    baseline: a.baseline ?? null,
    addr: a.addr ?? null,
    usernames: a.usernames,
    usernames_hex: a.usernames.map((u) => hexBytes(u)),
    nodes: a.nodes,
    text: alertLine(a, raw),
  };
}
