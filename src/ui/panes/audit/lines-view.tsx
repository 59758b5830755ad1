// Lines from lines.ts drawn from `offset`, each cut to the width (a hostile value cannot widen
// the layout), with "n-m of N" when they do not all fit.
import { Box, Text } from 'ink';
import { fitWidth } from '../../../domain/display.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import type { Line } from './lines.js';

/** The first line shown: never past the last page. */
export const clampOffset = (offset: number, count: number, height: number): number =>
  Math.max(0, Math.min(offset, count - height));

export function LinesView({
  lines,
  offset,
  width,
  height,
}: {
  lines: readonly Line[];
  offset: number;
  width: number;
  height: number;
}) {
  const theme = useTheme();
  const fits = lines.length <= height;
  const body = fits ? height : Math.max(1, height - 1);
  const start = clampOffset(offset, lines.length, body);
  const shown = lines.slice(start, start + body);
  return (
    <Box flexDirection="column" width={width}>
      {shown.map((l, i) => (
        <Text key={start + i} wrap="truncate" {...tone(theme, l.tone ?? 'text')}>
          {fitWidth(l.text, width)}
        </Text>
      ))}
      {fits ? null : (
        <Text
          {...tone(theme, 'muted')}
        >{`${start + 1}-${start + shown.length} of ${lines.length} (↑/↓)`}</Text>
      )}
    </Box>
  );
}
