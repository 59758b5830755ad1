// When the connection is failing, say why and what to do, in the guide's words.
import { Box, Text } from 'ink';
import { toDisplay } from '../../domain/display.js';
import { useAppState } from '../app-context.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';

export function ConnectionProblem({ width }: { width: number }) {
  const theme = useTheme();
  const conn = useAppState((s) => s.connection);
  if (!conn) return null;
  const bad = conn.nodes.find(
    (n) => n.state === 'failed' || ((n.state === 'reconnecting' || n.state === 'connecting') && n.error),
  );
  const e = bad?.error ?? (conn.nodes.length ? undefined : conn.discovery);
  if (!e) return null;
  const t = bad?.state === 'failed' || !bad ? 'danger' : 'warning';
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      {...{ borderColor: tone(theme, t).color }}
      paddingX={1}
      width={width}
    >
      <Text {...tone(theme, t)} bold wrap="truncate">
        {`${e.code ? `${e.code} ` : ''}${e.name}${bad && conn.nodes.length > 1 ? ` on ${bad.id}` : ''}: ${toDisplay(e.message)}`}
      </Text>
      <Text {...tone(theme, 'text')} wrap="wrap">
        {e.cause}
      </Text>
      {e.fix.slice(0, 3).map((f, i) => (
        <Text key={i} {...tone(theme, 'muted')} wrap="wrap">
          {`→ ${f}`}
        </Text>
      ))}
      {bad?.state === 'failed' ? (
        <Text {...tone(theme, 'muted')}>Press r to retry, 7 for profiles.</Text>
      ) : null}
    </Box>
  );
}
