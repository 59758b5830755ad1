import { Text } from 'ink';
import { keyLabel } from '../keymap/match.js';
import type { Binding } from '../keymap/bindings.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';

/** The footer: "? help  : palette  n new ..." generated from the bindings table. */
export function KeyHints({ bindings, width }: { bindings: readonly Binding[]; width: number }) {
  const theme = useTheme();
  const parts = bindings
    .filter((b) => b.hint)
    .map(
      (b) => `${keyLabel(b.keys[0] ?? '')} ${b.short ?? b.description.split(' ')[0]?.toLowerCase() ?? ''}`,
    );
  let line = '';
  for (const p of parts) {
    if ((line + '  ' + p).length > width) break;
    line = line ? `${line}  ${p}` : p;
  }
  return (
    <Text {...tone(theme, 'muted')} wrap="truncate">
      {line}
    </Text>
  );
}
