// One client: every field CLIENT LIST gave (unknown ones too), its flags in words, its
// highlights, its user's rules (read with the list) and its recent ACL LOG events.
import { Box, Text } from 'ink';
import { useApp, useAppState } from '../../app-context.js';
import { useDetailKeys } from '../../hooks/use-detail-keys.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { causedBy } from '../../../domain/clients/events.js';
import { decodeFlags } from '../../../domain/clients/flags.js';
import type { ClientRisk } from '../../../domain/clients/risk.js';
import { CLIENT_FIELDS } from '../../../domain/clients/fields.js';
import type { ClientInfo } from '../../../domain/clients/types.js';
import { displayWidth, fitWidth, padWidth, toDisplay } from '../../../domain/display.js';
import { useClientCommands } from './use-client-commands.js';

const time = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

/** A value cut into lines of at most `width` cells; at most `max` lines, the last cut with …. */
function wrapCells(value: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of value) {
    if (displayWidth(line + ch) > width) {
      lines.push(line);
      line = '';
      if (lines.length === max) return [...lines.slice(0, -1), fitWidth(`${lines.at(-1)!}${ch}`, width)];
    }
    line += ch;
  }
  return line ? [...lines, line] : lines;
}

/** Every field as Redis names it, then the ones this version does not know. */
export function clientFieldList(c: ClientInfo): [string, string][] {
  const known = CLIENT_FIELDS.filter((f) => f.name !== 'host').map((f): [string, string] => [
    f.name,
    String(f.get(c)),
  ]);
  return [...known, ...Object.entries(c.extra)];
}

export function ClientDetail(props: {
  client?: ClientInfo;
  risks: readonly ClientRisk[];
  width: number;
  height: number;
}) {
  const { client: c, risks, width, height } = props;
  const theme = useTheme();
  const { actions } = useApp();
  const onCommand = useClientCommands(c ? [c] : []);
  // The users as the feed read them with this list (ACL LIST), not the Users pane's last look.
  const user = useAppState((s) => (c ? s.clients.users?.[c.user] : undefined));
  const usersProblem = useAppState((s) => s.clients.usersProblem);
  const events = useAppState((s) => s.aclLog.rows);
  useDetailKeys(
    'clients',
    () => actions.clients.close(),
    (b) => {
      if (b.scope !== 'clients' || ['clients.open', 'clients.mark', 'clients.group'].includes(b.id)) return;
      onCommand(b.id, 0);
    },
  );
  if (!c)
    return (
      <Text {...tone(theme, 'warning')}>
        That client is gone from the list (it left, or was killed). Esc: back.
      </Text>
    );
  const mine = events.filter((e) => causedBy(e, c)).slice(0, 3);
  const fields = clientFieldList(c);
  const cols = width >= 78 ? 3 : 2;
  const colWidth = Math.floor(width / cols);
  const perCol = Math.ceil(fields.length / cols);
  const flags = decodeFlags(c.flags)
    .map((f) => `${f.letter} ${f.meaning}`)
    .join(' · ');
  const rules = user
    ? user.rules
    : usersProblem
      ? `its rules cannot be read: ${usersProblem}`
      : 'not a user on the server now (deleted or changed since it logged in?)';
  const text = (label: string, value: string, t?: Parameters<typeof tone>[1], key = label) => (
    <Text wrap="truncate" key={key}>
      <Text {...tone(theme, 'muted')}>{padWidth(label, 11)}</Text>
      <Text {...tone(theme, t ?? 'text')}>{fitWidth(value, Math.max(4, width - 11))}</Text>
    </Text>
  );
  // A value too long for its column is also shown whole, below the columns (a name of 200
  // characters, a unix socket's path), in up to 4 lines.
  const full = Math.max(4, width - 11);
  const long = fields
    .filter(([, v]) => displayWidth(toDisplay(v)) > Math.max(4, colWidth - 11))
    .map(([k, v]) => [k, wrapCells(toDisplay(v), full, 4)] as const);
  const longLines = long.reduce((n, [, lines]) => n + lines.length, 0);
  // Title, flags, user, long values, and at least one line each for highlights and events.
  const room = Math.max(1, height - 4 - longLines - Math.max(1, risks.length) - Math.max(1, mine.length));
  const hidden = Math.max(0, perCol - room) * cols;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold {...tone(theme, 'accent')} wrap="truncate">
        {fitWidth(
          `Client ${toDisplay(c.id)} on ${toDisplay(c.node)} · ${toDisplay(c.addr)} · user ${toDisplay(c.user)}`,
          width,
        )}
      </Text>
      <Box>
        {Array.from({ length: cols }, (_, i) => (
          <Box key={i} flexDirection="column" width={colWidth}>
            {fields.slice(i * perCol, i * perCol + Math.min(perCol, room)).map(([k, v]) => (
              <Text key={k} wrap="truncate">
                <Text {...tone(theme, 'muted')}>{padWidth(toDisplay(k), 10)}</Text>
                <Text>{fitWidth(toDisplay(v), Math.max(4, colWidth - 11))}</Text>
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      {hidden ? (
        <Text
          {...tone(theme, 'muted')}
        >{`… ${hidden} more fields: a taller terminal shows them (or redis-warden clients --json)`}</Text>
      ) : null}
      {long.flatMap(([k, lines]) =>
        lines.map((line, i) => (
          <Text key={`long-${k}-${i}`} wrap="truncate">
            <Text {...tone(theme, 'muted')}>{padWidth(i ? '' : toDisplay(k), 11)}</Text>
            <Text>{line}</Text>
          </Text>
        )),
      )}
      {text('flags are', flags || c.flags)}
      {risks.length
        ? risks.map((r) =>
            text(
              r.badge,
              r.detail,
              r.severity === 'high' ? 'danger' : r.severity === 'medium' ? 'warning' : 'muted',
            ),
          )
        : text('highlights', 'none')}
      {text('user', toDisplay(rules))}
      {mine.length
        ? mine.map((e, i) =>
            text(
              'ACL LOG',
              toDisplay(`${time(e.lastSeen)} ${e.reason} ${e.object} ×${e.count} (${e.username})`),
              e.reason === 'auth' ? 'danger' : 'warning',
              `log${i}`,
            ),
          )
        : text('ACL LOG', 'no event of this client in the tail')}
    </Box>
  );
}
