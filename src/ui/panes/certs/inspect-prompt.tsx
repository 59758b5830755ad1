// i: the files to inspect (certificates, chains, keys; separated by spaces), then the report
// in the pane. Esc closes without inspecting.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useApp } from '../../app-context.js';
import { TextInput } from '../../components/text-input.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';

export function InspectPrompt({ width }: { width: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const [value, setValue] = useState('');
  useInput((_i, key) => {
    if (key.escape) actions.ui.close();
  });
  return (
    <Box flexDirection="column" width={Math.min(width, 100)}>
      <Text {...tone(theme, 'accent')}>Inspect certificate files</Text>
      <Text {...tone(theme, 'muted')} wrap="truncate">
        Paths separated by spaces (a certificate, a chain, its key): Enter inspects, Esc closes.
      </Text>
      <TextInput
        value={value}
        onChange={setValue}
        focus
        onSubmit={(v) => {
          const paths = v.split(/\s+/).filter(Boolean);
          if (!paths.length) return;
          actions.ui.close();
          void actions.certs.inspectFiles(paths);
        }}
      />
    </Box>
  );
}
