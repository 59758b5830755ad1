// The ? overlay, generated from the bindings table so it can never disagree with the keys.
import { Box, Text } from 'ink';
import { useAppState } from '../app-context.js';
import { bindingsFor, PANE_TITLES } from '../keymap/bindings.js';
import { keyLabel } from '../keymap/match.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';

export function Help({ width, height, list }: { width: number; height: number; list: boolean }) {
  const theme = useTheme();
  const pane = useAppState((s) => s.ui.pane);
  const readOnly = useAppState((s) => s.session.readOnly);
  const rows = bindingsFor(pane, { readOnly, list });
  const groups = [
    { title: `${PANE_TITLES[pane]} pane`, rows: rows.filter((b) => b.scope === pane) },
    { title: 'Lists', rows: rows.filter((b) => b.scope === 'list') },
    { title: 'Everywhere', rows: rows.filter((b) => b.scope === 'global' && !b.id.startsWith('pane.') ) },
  ].filter((g) => g.rows.length);
  const lines: { key: string; text: string; head?: boolean }[] = [];
  for (const g of groups) {
    lines.push({ key: g.title, text: g.title, head: true });
    for (const b of g.rows) lines.push({ key: b.id, text: `  ${b.keys.map(keyLabel).join(' / ').padEnd(14)} ${b.description}` });
  }
  lines.push({ key: 'panes', text: '  1-7 Tab Shift-Tab   Switch panes', head: false });
  if (readOnly) lines.push({ key: 'ro', text: 'READ-ONLY: keys that change things are hidden and refused.' });
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width, 76)}>
      <Text {...tone(theme, 'accent')} bold>
        Keys — Esc closes
      </Text>
      {lines.slice(0, Math.max(3, height - 4)).map((l) => (
        <Text key={l.key} {...tone(theme, l.head ? 'accent' : 'text')} wrap="truncate">
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
