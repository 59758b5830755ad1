// Step 4: server, client or both for each leaf (both is a Redis node's default, with the reason),
// and the new CA's path length.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { requestsOf } from '../../../state/actions/certs.js';
import type { CertRequest } from '../../../state/actions/certs-ops.js';
import { moved } from './choice-list.js';
import type { StepProps } from './wizard.js';

const USAGES: readonly CertRequest['usage'][] = ['server', 'client', 'both'];

const WHY: Record<string, string> = {
  ca: 'Path length 0: this CA signs certificates, not other CAs (←/→ to change).',
  both: 'both: Redis presents tls-cert-file as its CLIENT certificate too, on replication and cluster-bus links, unless tls-client-cert-file is set.',
  server:
    'server only: replication and the cluster bus fail unless tls-client-cert-file names a client certificate.',
  client: 'client: for an application or a user logging in with mTLS (tls-auth-clients yes).',
};

export function StepUsage({ width, height, back }: StepProps) {
  const theme = useTheme();
  const { actions } = useApp();
  const plan = useAppState((s) => s.certs.plan);
  const reqs = plan ? requestsOf(plan) : [];
  const [at, setAt] = useState(0);
  const r = reqs[at];
  useInput((input, key) => {
    if (key.escape || key.backspace || key.delete) return back();
    if (key.return) return actions.certs.next();
    if (key.upArrow || key.downArrow || input === 'j' || input === 'k')
      return setAt(moved(at, reqs.length, key, input));
    const dir = key.rightArrow || input === ' ' ? 1 : key.leftArrow ? -1 : 0;
    if (!r || !dir) return;
    if (r.role === 'ca')
      return actions.certs.edit(at, { pathLength: Math.max(0, (r.pathLength ?? 0) + dir) });
    const u = USAGES[(USAGES.indexOf(r.usage) + dir + USAGES.length) % USAGES.length] ?? 'both';
    actions.certs.edit(at, { usage: u });
  });
  const room = Math.max(1, height - 3);
  const first = Math.max(0, Math.min(at - Math.floor(room / 2), reqs.length - room));
  return (
    <Box flexDirection="column">
      {reqs.slice(first, first + room).map((q, j) => {
        const i = first + j;
        const what = q.role === 'ca' ? `CA, path length ${q.pathLength ?? 0}` : `usage: ${q.usage}`;
        return (
          <Text key={i} {...tone(theme, i === at ? 'selection' : 'text')} wrap="truncate">
            {fitWidth(
              `${i === at ? '›' : ' '} ${q.file.padEnd(10)} ${what.padEnd(22)} CN=${toDisplay(q.commonName)}`,
              width,
            )}
          </Text>
        );
      })}
      <Box height={2} overflow="hidden">
        <Text {...tone(theme, 'muted')} wrap="wrap">
          {r ? WHY[r.role === 'ca' ? 'ca' : r.usage] : ''}
        </Text>
      </Box>
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {fitWidth('↑/↓ certificate · ←/→ or Space change · Enter on', width)}
      </Text>
    </Box>
  );
}
