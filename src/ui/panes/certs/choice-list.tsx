// A list of choices for a wizard step: the selected one marked, each with its note.
import { Box, Text } from 'ink';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth } from '../../../domain/display.js';

export function ChoiceList({
  items,
  selected,
  width,
}: {
  items: readonly { label: string; note?: string }[];
  selected: number;
  width: number;
}) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {items.map((it, i) => (
        <Box key={it.label} flexDirection="column">
          <Text {...tone(theme, i === selected ? 'selection' : 'text')} wrap="truncate">
            {fitWidth(`${i === selected ? '›' : ' '} ${it.label}`, width)}
          </Text>
          {it.note ? (
            <Text {...tone(theme, 'muted')} wrap="truncate">
              {fitWidth(`    ${it.note}`, width)}
            </Text>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}

/** ↑/↓ (and j/k where nothing is typed) on a list of n. */
export const moved = (at: number, n: number, key: { upArrow: boolean; downArrow: boolean }, input = '') =>
  key.upArrow || input === 'k'
    ? Math.max(0, at - 1)
    : key.downArrow || input === 'j'
      ? Math.min(n - 1, at + 1)
      : at;
