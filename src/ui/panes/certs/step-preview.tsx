// Step 7: every certificate as it will be made; Enter writes, then verifies the chain it wrote.
import { basename } from 'node:path';
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { moved } from './choice-list.js';
import { PreviewTable, previewRows } from './preview-table.js';
import type { StepProps } from './wizard.js';

export function StepPreview({ width, height, back }: StepProps) {
  const theme = useTheme();
  const { actions } = useApp();
  const c = useAppState((s) => s.certs);
  const items = c.preview ?? [];
  const [at, setAt] = useState(0);
  useInput((input, key) => {
    if (key.escape || key.backspace || key.delete) return back();
    if (c.busy) return;
    if (key.return) return void actions.certs.write();
    setAt(moved(at, items.length, key, input));
  });
  const fit = Math.max(1, Math.floor((height - 3 - 3) / 2));
  const first = Math.max(0, Math.min(at - Math.floor(fit / 2), items.length - fit));
  const sel = items[at];
  const overwrite = c.overwrite.length ? ` · overwrites ${c.overwrite.length} file(s)` : '';
  return (
    <Box flexDirection="column">
      <PreviewTable rows={previewRows(items.slice(first, first + fit), width)} />
      {items.length > fit ? (
        <Text
          {...tone(theme, 'muted')}
        >{`${first + 1}-${first + Math.min(fit, items.length)} of ${items.length} (↑/↓)`}</Text>
      ) : null}
      {sel ? (
        <Text {...tone(theme, 'text')} wrap="truncate">
          {fitWidth(
            `${toDisplay(basename(sel.file))}: ${toDisplay(sel.subject)} · SANs ${[...sel.dnsNames, ...sel.ipAddresses].map(toDisplay).join(', ') || 'none'} · ${sel.usages.map(toDisplay).join(', ')} · ${toDisplay(sel.notBefore.slice(0, 10))} to ${toDisplay(sel.notAfter.slice(0, 10))}`,
            width,
          )}
        </Text>
      ) : null}
      <Text {...tone(theme, 'accent')} wrap="truncate">
        {fitWidth(
          `Enter writes ${items.length} certificate(s) and keys to ${toDisplay(c.plan?.dir ?? '')}${overwrite}, then verifies`,
          width,
        )}
      </Text>
    </Box>
  );
}
