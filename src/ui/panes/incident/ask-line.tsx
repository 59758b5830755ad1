// One line asked of the operator (a title, a reason, a note, a directory): Enter gives it, even
// empty (the caller says what empty means), Esc cancels and nothing happens.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useApp } from '../../app-context.js';
import { TextInput } from '../../components/text-input.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';

export interface AskProps {
  title: string;
  /** Why it is asked, what empty means: shown as given (escaped by the caller). */
  lines: string[];
  onSubmit: (value: string) => void;
}

export function AskLine({ title, lines, onSubmit, width }: AskProps & { width: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const [value, setValue] = useState('');
  useInput((_i, key) => {
    if (key.escape) {
      actions.ui.close();
      actions.ui.say('Cancelled; nothing was changed.', 'info');
    }
  });
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width, 80)}>
      <Text {...tone(theme, 'accent')} bold wrap="truncate">
        {title}
      </Text>
      {lines.map((l, i) => (
        <Text key={i} {...tone(theme, 'muted')} wrap="wrap">
          {l}
        </Text>
      ))}
      <Box>
        <Text {...tone(theme, 'accent')}>{'> '}</Text>
        <TextInput
          value={value}
          onChange={setValue}
          focus
          maxLength={1024}
          maxShown={Math.max(10, Math.min(width, 80) - 8)}
          onSubmit={(v) => {
            actions.ui.close();
            onSubmit(v);
          }}
        />
      </Box>
    </Box>
  );
}
