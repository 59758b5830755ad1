// Asks for a password inside the TUI (profiles whose source is "prompt"). Masked; the
// text lives only in this component's state until it is handed to the connection.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useApp } from '../app-context.js';
import { TextInput } from '../components/text-input.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';

export function PasswordPrompt({
  profile,
  purpose,
  onSubmit,
  width,
  title,
}: {
  profile: string;
  title?: string;
  purpose: 'connect' | 'test';
  onSubmit: (pw: string) => void;
  width: number;
}) {
  const theme = useTheme();
  const { actions } = useApp();
  const [value, setValue] = useState('');
  useInput((_i, key) => {
    if (key.escape) actions.ui.close();
  });
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width, 60)}>
      <Text {...tone(theme, 'accent')}>{title ?? `Password for profile ${profile}`}</Text>
      <TextInput
        value={value}
        mask
        focus
        onChange={setValue}
        onSubmit={(v) => {
          actions.ui.close();
          onSubmit(v);
        }}
      />
      <Text
        {...tone(theme, 'muted')}
      >{`Enter ${purpose === 'test' ? 'tests' : 'connects'} · Esc cancels`}</Text>
    </Box>
  );
}
