// The ACL LOG alert: the rate of violations against the profile's alertRate. Used by the
// header (on every pane, with the bell once per crossing) and by the tail's rate line.
import { useEffect, useRef } from 'react';
import { useAppState } from '../app-context.js';
import { useNow } from './use-now.js';
import { ratePerMinute } from '../../domain/acl-log/rate.js';

export function useAclAlert(): { rate: number; alertRate?: number; alert: boolean } {
  const perMinute = useAppState((s) => s.aclLog.perMinute);
  const running = useAppState((s) => s.aclLog.status === 'running');
  const alertRate = useAppState((s) => s.profiles.list.find((p) => p.name === s.session.profile)?.alertRate);
  // Ticks only while an alert is set up and the tail runs: an idle console stays idle.
  const now = useNow(running && alertRate !== undefined, 5000);
  const rate = ratePerMinute(perMinute, Math.max(now, Date.now()));
  return { rate, alertRate, alert: alertRate !== undefined && rate >= alertRate };
}

/** The terminal bell, once per crossing, when REDIS_WARDEN_BELL=1. */
export function useAlertBell(alert: boolean): void {
  const was = useRef(false);
  useEffect(() => {
    if (alert && !was.current && process.env.REDIS_WARDEN_BELL === '1') process.stdout.write('\x07');
    was.current = alert;
  }, [alert]);
}
