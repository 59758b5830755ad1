// When the connection is failing, say why and what to do, in the guide's words. A node
// that is up but refuses the console something (NOPERM on INFO, ACL WHOAMI) gets a short
// warning naming the missing permission.
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
  const warned = conn.nodes.find((n) => n.state === 'ready' && n.error);
  const e = bad?.error ?? (conn.nodes.length ? undefined : conn.discovery);
  const where = (id?: string) => (id && conn.nodes.length > 1 ? ` on ${id}` : '');
  if (!e && warned?.error) {
    const w = warned.error;
    return (
      <Box flexDirection="column" width={width}>
        <Text {...tone(theme, 'warning')} wrap="truncate">
          {`${w.code ? `${w.code} ` : ''}${w.name}${where(warned.id)}: ${w.cause}`}
        </Text>
        {w.fix[1] ? (
          <Text {...tone(theme, 'muted')} wrap="truncate">
            {`→ ${w.fix[1]}`}
          </Text>
        ) : null}
      </Box>
    );
  }
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
        {`${e.code ? `${e.code} ` : ''}${e.name}${where(bad?.id)}: ${toDisplay(e.message)}`}
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
