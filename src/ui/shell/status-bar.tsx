import { Box, Text } from 'ink';
import { displayWidth, fitWidth, toDisplay } from '../../domain/display.js';
import { useAppState } from '../app-context.js';
import { KeyHints } from '../components/key-hints.js';
import { bindingsFor } from '../keymap/bindings.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import type { Tone } from '../../state/app-state.js';
import type { Token } from '../theme/tokens.js';

const TONES: Record<Tone, Token> = { info: 'text', ok: 'ok', warning: 'warning', danger: 'danger' };

/** A long message (a keyring notice, an error with its fix) gets a second row. */
export function messageRows(text: string | undefined, width: number): 1 | 2 {
  return text && displayWidth(toDisplay(text)) > width ? 2 : 1;
}

/** The message split into rows of at most `width` cells, cut with … past the last row. */
function rowsOf(text: string, width: number, rows: number): string[] {
  const words = toDisplay(text).split(' ');
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (displayWidth(next) <= width || !line) line = next;
    else {
      out.push(line);
      line = w;
    }
  }
  out.push(line);
  const kept = out.slice(0, rows);
  if (out.length > rows)
    kept[rows - 1] = fitWidth(`${kept[rows - 1] ?? ''} ${out.slice(rows).join(' ')}`, width);
  return kept.map((l) => fitWidth(l, width));
}

export function StatusBar({ width, list, rows }: { width: number; list: boolean; rows: number }) {
  const theme = useTheme();
  const message = useAppState((s) => s.ui.message);
  const pane = useAppState((s) => s.ui.pane);
  const readOnly = useAppState((s) => s.session.readOnly);
  const lines = message ? rowsOf(message.text, width, rows) : [' '];
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((l, i) => (
        <Text key={i} {...tone(theme, message ? TONES[message.tone] : 'muted')} wrap="truncate">
          {l}
        </Text>
      ))}
      <KeyHints bindings={bindingsFor(pane, { readOnly, list })} width={width} />
    </Box>
  );
}
