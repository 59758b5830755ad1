// The ? overlay, generated from the bindings table so it can never disagree with the keys.
// This pane's keys and the lists' first, then the keys that work everywhere: one column that
// scrolls (80x24 included), two side by side on a wide terminal.
import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { useApp, useAppState } from '../app-context.js';
import { bindingsFor } from '../keymap/bindings.js';
import { paneTitle } from '../panes/registry.js';
import type { Binding } from '../keymap/bindings.js';
import { keyLabel } from '../keymap/match.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';

interface Line {
  key: string;
  text: string;
  head?: boolean;
}

const group = (title: string, rows: Binding[], keyWidth: number): Line[] =>
  rows.length
    ? [
        { key: title, text: title, head: true },
        ...rows.map((b) => ({
          key: b.id,
          text: `${b.keys.map(keyLabel).join(' ').padEnd(keyWidth)} ${b.description}`,
        })),
      ]
    : [];

export function Help({ width, height, list }: { width: number; height: number; list: boolean }) {
  const theme = useTheme();
  const { actions } = useApp();
  const pane = useAppState((s) => s.ui.pane);
  const wanted = useAppState((s) => (s.ui.overlay?.kind === 'help' ? (s.ui.overlay.offset ?? 0) : 0));
  const readOnly = useAppState((s) => s.session.readOnly);
  const rows = bindingsFor(pane, { readOnly, list });
  const left = [
    ...group(
      `${paneTitle(pane)} pane`,
      rows.filter((b) => b.scope === pane),
      7,
    ),
    ...group(
      'Lists',
      rows.filter((b) => b.scope === 'list'),
      7,
    ),
  ];
  const right = [
    ...group(
      'Everywhere',
      rows.filter((b) => b.scope === 'global' && !b.id.startsWith('pane.')),
      9,
    ),
    { key: 'panes', text: `${'1-7 Tab'.padEnd(9)} Switch panes (Shift-Tab back)` },
  ];
  if (readOnly) right.push({ key: 'ro', text: 'READ-ONLY: keys that change things are hidden.' });
  const boxWidth = Math.min(width, 160);
  // Descriptions run to ~75 cells: two columns only where both fit whole; else one column,
  // this pane's keys first, and ↑/↓ scroll.
  const two = boxWidth >= 150;
  const inner = boxWidth - 4;
  const colWidth = two ? Math.floor((inner - 1) / 2) : inner;
  const first = two ? left : [...left, ...right];
  const max = Math.max(3, height - 4);
  const offset = Math.min(wanted, Math.max(0, first.length - max));
  // Keep the stored offset at what is shown, so ↑ answers at once after scrolling past the end.
  useEffect(() => {
    if (wanted !== offset) actions.ui.open({ kind: 'help', offset });
  }, [wanted, offset, actions]);
  const column = (lines: Line[], from = 0) => (
    <Box flexDirection="column" width={colWidth}>
      {lines.slice(from, from + max).map((l) => (
        <Text key={l.key} {...tone(theme, l.head ? 'accent' : 'text')} wrap="truncate">
          {l.text}
        </Text>
      ))}
    </Box>
  );
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={boxWidth}>
      <Text {...tone(theme, 'accent')} bold>
        {`Keys — Esc closes${first.length > max ? `  (↑/↓ scroll: ${offset + 1}-${Math.min(first.length, offset + max)} of ${first.length})` : ''}`}
      </Text>
      <Box>
        {column(first, offset)}
        {two ? <Text> </Text> : null}
        {two ? column(right) : null}
      </Box>
    </Box>
  );
}
