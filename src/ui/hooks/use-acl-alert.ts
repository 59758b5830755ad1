// The ACL LOG alerts (src/domain/acl-log/alerts.ts): the defaults, or the rate set by
// --alert-rate or the profile's alertRate. Used by the header (on every pane, with the bell
// once per crossing) and by the tail's rate line.
import { useEffect, useMemo, useRef } from 'react';
import { useAppState } from '../app-context.js';
import { useNow } from './use-now.js';
import { evaluateAlerts, WINDOW_MS } from '../../domain/acl-log/alerts.js';
import type { Alert } from '../../domain/acl-log/alerts.js';
import { ratePerMinute } from '../../domain/acl-log/rate.js';
import type { TailRow } from '../../state/acl-log-slice.js';

const recent = (rows: readonly TailRow[], now: number) =>
  rows.filter((r) => !r.history && r.lastSeen > now - WINDOW_MS);

export function useAclAlert(): { rate: number; alerts: Alert[]; alert: boolean } {
  const perMinute = useAppState((s) => s.aclLog.perMinute);
  const rows = useAppState((s) => s.aclLog.rows);
  // Paused, new events wait in `held`: the alert goes on regardless.
  const held = useAppState((s) => s.aclLog.held);
  const since = useAppState((s) => s.aclLog.since);
  const running = useAppState((s) => s.aclLog.status === 'running');
  const setRate = useAppState(
    (s) => s.session.alertRate ?? s.profiles.list.find((p) => p.name === s.session.profile)?.alertRate,
  );
  // Ticks only while there were events in the last two minutes (an alert must clear as time
  // passes): an idle console stays idle.
  const minute = Math.floor(Date.now() / 60_000);
  const now = useNow(running && Boolean(perMinute[minute] || perMinute[minute - 1]), 5000);
  return useMemo(() => {
    const t = Math.max(now, Date.now());
    const alerts = evaluateAlerts({
      perMinute,
      events: [...recent(held, t), ...recent(rows, t)],
      now: t,
      since: since ?? t,
      settings: { rate: setRate },
    });
    return { rate: ratePerMinute(perMinute, t), alerts, alert: alerts.length > 0 };
  }, [perMinute, rows, held, since, setRate, now]);
}

/** The terminal bell, once per crossing, when REDIS_WARDEN_BELL=1. */
export function useAlertBell(alert: boolean): void {
  const was = useRef(false);
  useEffect(() => {
    if (alert && !was.current && process.env.REDIS_WARDEN_BELL === '1') process.stdout.write('\x07');
    was.current = alert;
  }, [alert]);
}
