// When the connection is failing, say why and what to do, in the guide's words. A node
// that is up but refuses the console something (NOPERM on INFO, ACL WHOAMI) gets a short
// warning naming the missing permission. At most four lines, so the pane below can be
// sized exactly and nothing is drawn past the screen.
import { Box, Text } from 'ink';
import { toDisplay } from '../../domain/display.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import type { TargetStatus } from '../../redis/target.js';
import { passwordWasRefused } from '../../state/session.js';
import type { Token } from '../theme/tokens.js';

export interface Problem {
  tone: Token;
  lines: string[];
}

export function describeProblem(
  conn: TargetStatus | undefined,
  opts: { typedPassword?: boolean } = {},
): Problem | undefined {
  if (!conn) return undefined;
  const bad = conn.nodes.find(
    (n) => n.state === 'failed' || ((n.state === 'reconnecting' || n.state === 'connecting') && n.error),
  );
  const warned = conn.nodes.find((n) => n.state === 'ready' && n.error);
  const where = (id?: string) => (id && conn.nodes.length > 1 ? ` on ${id}` : '');
  const e = bad?.error ?? (conn.nodes.length ? undefined : conn.discovery);
  if (e) {
    const failed = bad?.state === 'failed' || !bad;
    return {
      tone: failed ? 'danger' : 'warning',
      lines: [
        `${e.code ? `${e.code} ` : ''}${e.name}${where(bad?.id)}: ${toDisplay(e.message)}`,
        e.cause,
        ...e.fix.slice(0, failed ? 1 : 2).map((f) => `→ ${f}`),
        // Say what r will do: a typed password the server refused is asked again, not resent.
        ...(!failed
          ? []
          : opts.typedPassword && passwordWasRefused(conn)
            ? ['Press r to type the password again, 7 for profiles.']
            : ['Press r to retry, 7 for profiles.']),
      ],
    };
  }
  const w = warned?.error;
  if (!w) return undefined;
  return {
    tone: 'warning',
    lines: [
      `${w.code ? `${w.code} ` : ''}${w.name}${where(warned?.id)}: ${w.cause}`,
      ...(w.fix[1] ? [`→ ${w.fix[1]}`] : []),
    ],
  };
}

export function ConnectionProblem({ problem, width }: { problem: Problem; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      {problem.lines.map((l, i) => (
        <Text
          key={i}
          {...tone(theme, i === 0 ? problem.tone : i === 1 ? 'text' : 'muted')}
          bold={i === 0}
          wrap="truncate"
        >
          {l}
        </Text>
      ))}
    </Box>
  );
}
