// A secret shown once (a generated password): on screen until Esc, then gone from memory.
import { Box, Text, useInput } from 'ink';
import { useApp } from '../app-context.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';

export function SecretOnce({
  title,
  secret,
  note,
  width,
}: {
  title: string;
  secret: string;
  note: string;
  width: number;
}) {
  const theme = useTheme();
  const { actions } = useApp();
  useInput((_i, key) => {
    if (key.escape || key.return) actions.ui.close();
  });
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width, 90)}>
      <Text {...tone(theme, 'ok')} wrap="wrap">
        {title}
      </Text>
      <Text bold wrap="wrap">
        {secret}
      </Text>
      <Text {...tone(theme, 'muted')} wrap="wrap">
        {note}
      </Text>
    </Box>
  );
}
