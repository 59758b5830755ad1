// The Certs pane (key 5): n opens the wizard (an overlay: typing there is text), i inspects
// files, C checks the live server of the open connection. The body shows the last inspect
// report (scrolled with the list keys), the last write and the last reload.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { useListKeys } from '../../hooks/use-list-keys.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { openCertsOverlay } from './open-overlay.js';
import { reportLines } from './report-lines.js';
import type { Line } from './report-lines.js';

const INTRO: Line[] = [
  { text: 'TLS for Redis, made right the first time.', tone: 'text' },
  { text: 'n  the wizard: a CA, node certificates (serverAuth + clientAuth: Redis presents', tone: 'muted' },
  { text: '   tls-cert-file on replication and cluster-bus links too), client certificates,', tone: 'muted' },
  { text: '   a whole deployment, or sign with an existing CA', tone: 'muted' },
  { text: 'i  inspect certificate or key files', tone: 'muted' },
  { text: 'C  check the live server of the open connection (a TLS handshake)', tone: 'muted' },
];

export function CertsPane({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const c = useAppState((s) => s.certs);
  const lines = useMemo(
    () =>
      c.inspectError
        ? [{ text: toDisplay(c.inspectError), tone: 'danger' as const }]
        : c.inspect
          ? reportLines(c.inspect)
          : INTRO,
    [c.inspect, c.inspectError],
  );
  const footer = [
    c.busy ? { text: c.busy, tone: 'accent' as const } : undefined,
    c.result
      ? {
          text: `Last write: ${c.result.written.length} files in ${toDisplay(c.plan?.dir ?? '')}; chain ${c.result.verified.every((v) => v.ok) ? 'verified' : 'NOT verified'}`,
          tone: c.result.verified.every((v) => v.ok) ? ('ok' as const) : ('danger' as const),
        }
      : undefined,
    c.reload ? { text: `Reload: ${toDisplay(c.reload.text)}`, tone: c.reload.tone } : undefined,
  ].filter((x) => x !== undefined);
  const room = Math.max(3, height - footer.length - 1);
  const top = useListKeys('certs', Math.max(1, lines.length - room + 1), room, (id) => {
    if (id === 'certs.new') {
      if (c.step === 'next' || !c.plan) actions.certs.start();
      return actions.ui.open(openCertsOverlay('wizard', {}));
    }
    if (id === 'certs.inspect') return actions.ui.open(openCertsOverlay('inspect-path', {}));
    if (id === 'certs.check') return void actions.certs.checkLive();
    if (id === 'certs.save' || id === 'certs.reload')
      return actions.ui.say("That key works in the wizard's last step (n).", 'info');
  });
  const shown = lines.slice(top, top + room);
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((l, i) => (
        <Text key={i} {...tone(theme, l.tone)} wrap="truncate">
          {fitWidth(l.text, width)}
        </Text>
      ))}
      {lines.length > room ? (
        <Text
          {...tone(theme, 'muted')}
        >{`lines ${top + 1}-${top + shown.length} of ${lines.length} (↑/↓)`}</Text>
      ) : null}
      {footer.map((l, i) => (
        <Text key={`f${i}`} {...tone(theme, l.tone)} wrap="truncate">
          {fitWidth(l.text, width)}
        </Text>
      ))}
    </Box>
  );
}
