// The : command palette: pane aliases (:users, :log, ...) and a few app commands.
// Its text lives in the overlay state and is edited by the global key handler.
import { Box, Text } from 'ink';
import { TextView } from '../components/text-input.js';
import { paneAliases, paneByAlias } from '../panes/registry.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import type { Actions } from '../../state/actions/index.js';

const COMMANDS: Record<string, string> = {
  help: 'show the keys',
  refresh: 'refresh and retry',
  journal: 'what this console did',
  quit: 'leave redis-warden',
  q: 'leave redis-warden',
};

export function paletteChoices(text: string): string[] {
  const t = text.trim().replace(/^:/, '').toLowerCase();
  return [...paneAliases(), ...Object.keys(COMMANDS)].filter((c) => c.startsWith(t));
}

export function runPalette(value: string, actions: Actions, quit: () => void): void {
  const name = value.trim().replace(/^:/, '').toLowerCase();
  const choices = paletteChoices(value);
  const pick = paneByAlias(name) || COMMANDS[name] ? name : choices.length === 1 ? choices[0] : name;
  const pane = pick ? paneByAlias(pick) : undefined;
  actions.ui.close();
  if (pane) actions.ui.goPane(pane);
  else if (pick === 'help') actions.ui.open({ kind: 'help' });
  else if (pick === 'refresh') actions.refresh();
  else if (pick === 'journal') actions.ui.open({ kind: 'journal' });
  else if (pick === 'quit' || pick === 'q') quit();
  else
    actions.ui.say(
      `Unknown command :${name}. Try :users, :log, :clients, :audit, :certs, :incident, :profiles, :journal`,
      'warning',
    );
}

export function Palette({ text, width }: { text: string; width: number }) {
  const theme = useTheme();
  const choices = paletteChoices(text);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width, 60)}>
      <Box>
        <Text {...tone(theme, 'accent')}>:</Text>
        <TextView value={text} focus />
      </Box>
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {choices
          .slice(0, 8)
          .map((c) => `:${c}`)
          .join('  ') || 'no match'}
      </Text>
    </Box>
  );
}
