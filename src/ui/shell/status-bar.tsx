import { Box, Text } from 'ink';
import { toDisplay } from '../../domain/display.js';
import { useAppState } from '../app-context.js';
import { KeyHints } from '../components/key-hints.js';
import { bindingsFor } from '../keymap/bindings.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import type { Tone } from '../../state/app-state.js';
import type { Token } from '../theme/tokens.js';

const TONES: Record<Tone, Token> = { info: 'text', ok: 'ok', warning: 'warning', danger: 'danger' };

export function StatusBar({ width, list }: { width: number; list: boolean }) {
  const theme = useTheme();
  const message = useAppState((s) => s.ui.message);
  const pane = useAppState((s) => s.ui.pane);
  const readOnly = useAppState((s) => s.session.readOnly);
  return (
    <Box flexDirection="column" width={width}>
      <Text {...tone(theme, message ? TONES[message.tone] : 'muted')} wrap="truncate">
        {message ? toDisplay(message.text) : ' '}
      </Text>
      <KeyHints bindings={bindingsFor(pane, { readOnly, list })} width={width} />
    </Box>
  );
}
