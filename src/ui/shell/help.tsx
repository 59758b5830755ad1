// The ? overlay, generated from the bindings table so it can never disagree with the keys.
// Two columns (this pane and lists | everywhere) so it fits 80x24.
import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { useApp, useAppState } from '../app-context.js';
import { bindingsFor, PANE_TITLES } from '../keymap/bindings.js';
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
      `${PANE_TITLES[pane]} pane`,
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
  const boxWidth = Math.min(width, 100);
  const colWidth = Math.floor((boxWidth - 5) / 2);
  const max = Math.max(3, height - 4);
  const offset = Math.min(wanted, Math.max(0, left.length - max));
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
        {`Keys — Esc closes${left.length > max ? `  (↑/↓ scroll: ${offset + 1}-${Math.min(left.length, offset + max)} of ${left.length})` : ''}`}
      </Text>
      <Box>
        {column(left, offset)}
        <Text> </Text>
        {column(right)}
      </Box>
    </Box>
  );
}
