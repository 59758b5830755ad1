// One ACL LOG event: every field, and the whole client-info parsed into its fields.
import { Box, Text } from 'ink';
import { useApp, useAppState } from '../../app-context.js';
import { useDetailKeys } from '../../hooks/use-detail-keys.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, padWidth, toDisplay } from '../../../domain/display.js';
import type { TailRow } from '../../../state/acl-log-slice.js';
import { useTailCommands } from './use-tail-commands.js';

/** `k=v k=v` as Redis prints client-info; values hold no spaces, keys are plain words. */
export function clientFields(info: string): [string, string][] {
  return info
    .split(' ')
    .filter(Boolean)
    .map((kv) => {
      const eq = kv.indexOf('=');
      return eq === -1 ? [kv, ''] : [kv.slice(0, eq), kv.slice(eq + 1)];
    });
}

export function TailDetail({ row, width, height }: { row?: TailRow; width: number; height: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const onCommand = useTailCommands(row ? [row] : []);
  useAppState((s) => s.aclLog.open);
  useDetailKeys(
    'acl-log',
    () => actions.aclLog.close(),
    (b) => {
      if (b.scope === 'list' || b.id === 'log.open') return;
      onCommand(b.id, 0);
    },
  );
  if (!row) return <Text {...tone(theme, 'warning')}>That event left the window. Esc: back.</Text>;
  const line = (label: string, value: string) => (
    <Text wrap="truncate" key={label}>
      <Text {...tone(theme, 'muted')}>{padWidth(label, 14)}</Text>
      <Text {...tone(theme, 'text')}>{fitWidth(toDisplay(value), Math.max(4, width - 14))}</Text>
    </Text>
  );
  // What an operator acts on first; the rest of client-info after it, in the server's order.
  const all = clientFields(row.clientInfo);
  const first = ['addr', 'user', 'name', 'cmd', 'id', 'laddr', 'age', 'idle', 'flags', 'db'];
  const fields = [
    ...first.flatMap((k) => all.filter(([f]) => f === k)),
    ...all.filter(([f]) => !first.includes(f)),
  ];
  const room = Math.max(0, height - 10);
  const half = Math.ceil(Math.min(fields.length, room * 2) / 2);
  const col = Math.floor(width / 2);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold {...tone(theme, 'accent')}>
        {fitWidth(
          `ACL LOG event on ${toDisplay(row.node)}${row.history ? ' (from the capture)' : ''}`,
          width,
        )}
      </Text>
      {line('reason', row.reason)}
      {line('context', row.context)}
      {line('object', row.object)}
      {line('username', row.username)}
      {line('count', `${row.count} (this record)`)}
      {line('first seen', new Date(row.firstSeen).toISOString())}
      {line('last seen', new Date(row.lastSeen).toISOString())}
      <Text {...tone(theme, 'muted')}>client-info:</Text>
      <Box>
        {[fields.slice(0, half), fields.slice(half, half * 2)].map((part, i) => (
          <Box key={i} flexDirection="column" width={col}>
            {part.map(([k, v]) => (
              <Text key={k} wrap="truncate">
                <Text {...tone(theme, 'muted')}>{padWidth(toDisplay(k), 12)}</Text>
                <Text>{fitWidth(toDisplay(v), Math.max(4, col - 13))}</Text>
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
