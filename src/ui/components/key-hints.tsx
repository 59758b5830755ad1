import { Text } from 'ink';
import type { Binding } from '../keymap/bindings.js';
import { hintLine } from '../keymap/hints.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';

/** The footer: "Enter open  n new ... ? help" generated from the bindings table (keymap/hints). */
export function KeyHints({ bindings, width }: { bindings: readonly Binding[]; width: number }) {
  const theme = useTheme();
  return (
    <Text {...tone(theme, 'muted')} wrap="truncate">
      {hintLine(bindings, width)}
    </Text>
  );
}
