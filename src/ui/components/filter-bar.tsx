import { Box, Text } from 'ink';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import { TextInput } from './text-input.js';

/** The "/" line under a list: typing filters live, Enter keeps it, Esc clears it. */
export function FilterBar({ value, editing, onChange, onDone }: { value: string; editing: boolean; onChange: (v: string) => void; onDone: () => void }) {
  const theme = useTheme();
  if (!editing && !value) return null;
  return (
    <Box>
      <Text {...tone(theme, 'accent')}>/</Text>
      <TextInput value={value} onChange={onChange} onSubmit={onDone} focus={editing} maxLength={256} />
      {!editing ? <Text {...tone(theme, 'muted')}>{'  (Esc clears)'}</Text> : null}
    </Box>
  );
}
