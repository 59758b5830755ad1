import { Box, Text } from 'ink';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import { TextView } from './text-input.js';

/** The "/" line under a list: typing filters live, Enter keeps it, Esc clears it (keys: app.tsx). */
export function FilterBar({ value, editing }: { value: string; editing: boolean }) {
  const theme = useTheme();
  if (!editing && !value) return null;
  return (
    <Box>
      <Text {...tone(theme, 'accent')}>/</Text>
      <TextView value={value} focus={editing} />
      {!editing ? <Text {...tone(theme, 'muted')}>{'  (Esc clears)'}</Text> : null}
    </Box>
  );
}
