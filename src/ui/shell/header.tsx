import { Box, Text } from 'ink';
import { toDisplay } from '../../domain/display.js';
import { useAppState } from '../app-context.js';
import { useNow } from '../hooks/use-now.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import { nodeCountLabel, summarize } from './connection-summary.js';

export function Header({ width }: { width: number }) {
  const theme = useTheme();
  const session = useAppState((s) => s.session);
  const conn = useAppState((s) => s.connection);
  const first = summarize(conn, Date.now());
  const now = useNow(first.ticking);
  const summary = summarize(conn, now);
  const seed = conn?.nodes[0];
  const server = seed?.server;
  const parts = [
    session.profile ? `⟨${session.profile}⟩` : undefined,
    conn?.address,
    server?.version ? `Redis ${server.version}${server.role ? ` ${server.role}` : ''}` : undefined,
    conn ? nodeCountLabel(conn) : undefined,
    seed?.whoami ? `as ${toDisplay(seed.whoami)}` : undefined,
  ].filter(Boolean);
  return (
    <Box width={width}>
      <Text {...tone(theme, 'header')} bold>
        redis-warden{' '}
      </Text>
      <Box flexGrow={1}>
        <Text {...tone(theme, 'text')} wrap="truncate">
          {parts.join(' · ')}
        </Text>
      </Box>
      <Text {...tone(theme, summary.tone)} wrap="truncate">
        {' '}
        {summary.text}
      </Text>
      {session.readOnly ? (
        <Text {...tone(theme, 'warning')} bold inverse>
          {' READ-ONLY '}
        </Text>
      ) : null}
    </Box>
  );
}
