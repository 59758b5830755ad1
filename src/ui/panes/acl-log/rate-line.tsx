// One line over the tail: events per minute with a sparkline of the last 15 minutes, the
// biggest reasons and users, paused/held, and each alert that holds (a burst of failed
// AUTHs, a rate over the set or default threshold; the header shows them on every pane).
import { Text } from 'ink';
import { useAppState } from '../../app-context.js';
import { useNow } from '../../hooks/use-now.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { countsBy, lastMinutes, sparkline } from '../../../domain/acl-log/rate.js';
import { useAclAlert } from '../../hooks/use-acl-alert.js';
import { alertLine } from '../../../domain/acl-log/alert-text.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';

export function RateLine({ width }: { width: number }) {
  const theme = useTheme();
  const tail = useAppState((s) => s.aclLog);
  const now = useNow(tail.status === 'running', 5000);
  const { rate, alert, alerts } = useAclAlert();
  const recent = tail.rows.filter((r) => !r.history && now - r.lastSeen < 15 * 60_000);
  const reasons = countsBy(recent, 'reason')
    .map(([k, n]) => `${toDisplay(k)} ${n}`)
    .join(' ');
  const users = countsBy(recent, 'username')
    .map(([k, n]) => `${toDisplay(k)} ${n}`)
    .join(' ');
  const text = [
    `${rate}/min ${sparkline(lastMinutes(tail.perMinute, now))}`,
    ...alerts.map((a) => `ALERT ${alertLine(a)}`),
    tail.paused ? `PAUSED (${tail.held.reduce((n, r) => n + r.count, 0)} new, captured)` : undefined,
    tail.follow ? undefined : 'follow off',
    reasons ? `reasons: ${reasons}` : undefined,
    users ? `users: ${users}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Text wrap="truncate" {...tone(theme, alert ? 'danger' : tail.paused ? 'warning' : 'text')} bold={alert}>
      {fitWidth(text, width)}
    </Text>
  );
}
