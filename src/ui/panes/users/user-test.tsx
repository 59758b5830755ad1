// "Could alice run SET app:1 x?": ACL DRYRUN as the user, with Redis's reason on a denial.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { TextInput } from '../../components/text-input.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { redactArgs } from '../../../domain/redact.js';
import { splitCommandLine } from './split-command-line.js';

const NO_TESTS: never[] = [];

export function UserTest({ user, width }: { user: string; width: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const [value, setValue] = useState('');
  const tests = useAppState((s) => s.users.tests?.[user]) ?? NO_TESTS;
  useInput((_i, key) => {
    if (key.escape) actions.ui.close();
  });
  const w = Math.min(width, 90);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={w}>
      <Text {...tone(theme, 'accent')}>
        {fitWidth(`Test access as ${toDisplay(user)} (ACL DRYRUN: nothing runs)`, w - 4)}
      </Text>
      <Box>
        <Text {...tone(theme, 'accent')}>{'> '}</Text>
        <TextInput
          value={value}
          focus
          placeholder="SET app:1 x   ·   CONFIG GET *"
          maxLength={4096}
          onChange={setValue}
          onSubmit={(v) => {
            const words = splitCommandLine(v);
            if (!words.length) return;
            // What the operator typed may hold a password (AUTH, CONFIG SET requirepass):
            // only the redacted form is kept for the screen.
            const shown = [words[0] ?? '', ...redactArgs(words[0] ?? '', words.slice(1))];
            void actions.users.test(user, words, shown.join(' '));
            setValue('');
          }}
        />
      </Box>
      {tests.slice(0, 5).map((t, i) => (
        <Text key={i} wrap="truncate" {...tone(theme, t.allowed ? 'ok' : t.error ? 'warning' : 'danger')}>
          {fitWidth(
            `${toDisplay(t.command)} → ${t.error ? `error: ${toDisplay(t.error)}` : t.allowed ? 'allowed' : `denied: ${toDisplay(t.reason ?? '')}`}`,
            w - 4,
          )}
        </Text>
      ))}
      <Text {...tone(theme, 'muted')}>Enter tests · Esc closes · quote arguments with spaces: "a b"</Text>
    </Box>
  );
}
