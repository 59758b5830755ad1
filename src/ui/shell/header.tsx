// One header line, laid out by terminal cells: the state and READ-ONLY badge always
// show; the middle (profile, address, version, nodes, user) is cut to fit.
import { Box, Text } from 'ink';
import { displayWidth, fitWidth, toDisplay } from '../../domain/display.js';
import { useAppState } from '../app-context.js';
import { useNow } from '../hooks/use-now.js';
import { useAclAlert, useAlertBell } from '../hooks/use-acl-alert.js';
import { alertBadge } from '../../domain/acl-log/alert-text.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import { nodeCountLabel, summarize } from './connection-summary.js';

const TITLE = 'redis-warden ';
const BADGE = ' READ-ONLY ';
const UNSAVED = ' unsaved ACL changes ';

export function Header({ width }: { width: number }) {
  const theme = useTheme();
  const session = useAppState((s) => s.session);
  const conn = useAppState((s) => s.connection);
  const ticking = summarize(conn, Date.now()).ticking;
  const now = useNow(ticking);
  const summary = summarize(conn, now);
  const seed = conn?.nodes[0];
  const server = seed?.server;
  const middle = [
    session.profile ? `⟨${toDisplay(session.profile)}⟩` : undefined,
    // Who the console is logged in as matters more than a long address when space runs out.
    seed?.whoami ? `as ${toDisplay(seed.whoami)}` : undefined,
    conn ? toDisplay(conn.address) : undefined,
    server?.label
      ? `${toDisplay(server.label)}${server.role ? ` ${toDisplay(server.role)}` : ''}`
      : undefined,
    conn ? nodeCountLabel(conn) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const state = ` ${summary.text}`;
  const badge = session.readOnly ? BADGE : '';
  // Until ACL SAVE / CONFIG REWRITE: a restart would undo the user changes made here.
  const unsaved = useAppState((s) => s.users.unsaved) ? UNSAVED : '';
  // Users that differ between the nodes of a cluster: on every pane, as the unsaved badge.
  const headline = useAppState((s) => s.users.driftHeadline);
  const drift = headline ? ` ${headline} ` : '';
  // The ACL LOG alert shows on every pane, not only on the tail's.
  const { alert, alerts } = useAclAlert();
  useAlertBell(alert);
  const alarm = alerts[0]
    ? ` ACL ALERT ${alertBadge(alerts[0])}${alerts.length > 1 ? ` +${alerts.length - 1}` : ''} `
    : '';
  const room = Math.max(
    0,
    width -
      displayWidth(TITLE) -
      displayWidth(state) -
      displayWidth(badge) -
      displayWidth(unsaved) -
      displayWidth(drift) -
      displayWidth(alarm),
  );
  const mid = fitWidth(middle, room);
  const pad = ' '.repeat(Math.max(0, room - displayWidth(mid)));
  return (
    <Box width={width}>
      <Text wrap="truncate">
        <Text {...tone(theme, 'header')} bold>
          {TITLE}
        </Text>
        <Text {...tone(theme, 'text')}>{mid + pad}</Text>
        <Text {...tone(theme, summary.tone)}>{state}</Text>
        {alarm ? (
          <Text {...tone(theme, 'danger')} bold inverse>
            {alarm}
          </Text>
        ) : null}
        {drift ? (
          <Text {...tone(theme, 'warning')} inverse>
            {drift}
          </Text>
        ) : null}
        {unsaved ? (
          <Text {...tone(theme, 'warning')} inverse>
            {unsaved}
          </Text>
        ) : null}
        {badge ? (
          <Text {...tone(theme, 'warning')} bold inverse>
            {badge}
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
