// Step 8: what was written (modes) and verified, then what to do with it: the redis.conf TLS
// block, the ACL line, client snippets; w saves a profile using the new client certificate
// (the profile store's ops), o loads the files into a running TLS server (confirmed, through
// the mutation path, refused read-only), then a handshake shows what it now serves.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { editText } from '../../components/edit-text.js';
import { TextView } from '../../components/text-input.js';
import { keyName, match } from '../../keymap/match.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth } from '../../../domain/display.js';
import { CERTS_BINDINGS } from './bindings.js';
import { moved } from './choice-list.js';
import { nextLines } from './next-lines.js';
import { useLive } from './use-live.js';
import type { StepProps } from './wizard.js';

export function StepNext({ width, height, back }: StepProps) {
  const theme = useTheme();
  const { actions } = useApp();
  const c = useAppState((s) => s.certs);
  const readOnly = useAppState((s) => s.session.readOnly);
  const [top, setTop] = useState(0);
  // One handler for the whole step, reading refs: a name typed fast and Enter land together.
  const [naming, setNaming, liveNaming] = useLive<string | undefined>(undefined);
  const lines = nextLines(c);
  const room = Math.max(1, height - 2);
  useInput((input, key) => {
    const name = liveNaming.current;
    if (name !== undefined) {
      if (key.escape) return setNaming(undefined);
      if (key.return) {
        if (!name.trim()) return;
        setNaming(undefined);
        return void actions.certs.saveProfile(name.trim());
      }
      const next = editText(name, input, key, 64);
      if (next !== undefined) setNaming(next);
      return;
    }
    if (key.escape) return back();
    if (key.return) {
      actions.certs.end();
      return actions.ui.close();
    }
    const b = match(CERTS_BINDINGS, keyName(input, key));
    if (b?.id === 'certs.save') return setNaming('');
    if (b?.id === 'certs.reload') return reload();
    setTop(moved(top, Math.max(1, lines.length - room + 1), key, input));
  });

  function reload() {
    const b = CERTS_BINDINGS.find((x) => x.id === 'certs.reload');
    if (readOnly)
      return actions.ui.say(`Read-only: "${b?.description ?? 'reload'}" is switched off.`, 'warning');
    if (!actions.certs.serverOnTls())
      return actions.ui.say(
        'The open server is not on TLS: use the redis.conf block, then restart it.',
        'info',
      );
    const dir = c.plan?.dir ?? '';
    actions.ui.open({
      kind: 'confirm',
      request: {
        title: 'Load the new files into the running server?',
        lines: [
          `CONFIG SET tls-cert-file / tls-key-file / tls-ca-cert-file with the files in ${dir}, on every node.`,
          'Journaled; then a TLS handshake shows which certificate the server now serves.',
        ],
        confirmLabel: 'reload',
        onConfirm: () => void actions.certs.reload(),
      },
    });
  }

  return (
    <Box flexDirection="column">
      {lines.slice(top, top + room).map((l, i) => (
        <Text key={i} {...tone(theme, l.tone)} wrap="truncate">
          {fitWidth(l.text, width)}
        </Text>
      ))}
      {naming !== undefined ? (
        <Box>
          <Text {...tone(theme, 'accent')}>Profile name: </Text>
          <TextView value={naming} focus />
        </Box>
      ) : (
        <Text {...tone(theme, 'muted')} wrap="truncate">
          {fitWidth(
            `↑/↓ scroll · w save a profile${readOnly ? '' : ' · o load into the running server'} · Enter done`,
            width,
          )}
        </Text>
      )}
    </Box>
  );
}
