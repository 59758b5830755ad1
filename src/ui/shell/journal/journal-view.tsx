// The Journal view (J, or :journal): what this console did, newest first; / filters, Enter
// shows an entry in full (as the file holds it: secrets were redacted when it was written),
// Esc goes back, then closes. It follows the file: entries appended while it is open appear.
import { Box, Text, useInput } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { displayJson, displayWidth, fitWidth, toDisplay } from '../../../domain/display.js';
import { useApp } from '../../app-context.js';
import { Table } from '../../components/table.js';
import { keyName } from '../../keymap/match.js';
import { wrapWords } from '../../panes/audit/lines.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { unreadableLines } from '../../../journal/view.js';
import { filterRows, journalColumns, journalRows } from './rows.js';
import type { JournalRow } from './rows.js';
import { useJournal } from './use-journal.js';
import { INITIAL_VIEW, selectedIndex, stepView } from './view-state.js';

const detailLines = (row: JournalRow | undefined, width: number): string[] =>
  row
    ? JSON.stringify(displayJson(row.entry), null, 2)
        .split('\n')
        .flatMap((l) => (displayWidth(l) <= width ? [l] : wrapWords(l, width)))
    : [];

export function JournalView({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const scan = useJournal();
  const rows = useMemo(() => journalRows(scan.entries), [scan]);
  const [view, setView] = useState(INITIAL_VIEW);
  // Keys can come faster than frames: each key steps from the last key's state, not the last render's.
  const current = useRef(view);
  current.current = view;
  const shown = filterRows(rows, view.filter);
  const open = view.detail === undefined ? undefined : rows.find((r) => r.key === view.detail);
  const lines = detailLines(open, width);
  const page = Math.max(1, height - 2);
  useInput((input, key) => {
    const next = stepView(current.current, keyName(input, key), input, key, {
      keys: filterRows(rows, current.current.filter).map((r) => r.key),
      page,
      detailLines: lines.length,
    });
    if (next === 'close') return actions.ui.close();
    current.current = next;
    setView(next);
  });

  const unread = scan.skipped ? ` · ${unreadableLines(scan.skipped)}` : '';
  const title = open
    ? `Journal entry: ${open.entry.action}  (↑↓ PgUp/PgDn scroll, Esc back)`
    : `Journal: what this console did, newest first · ${shown.length} of ${rows.length}${unread}`;
  const foot = view.filtering
    ? `/${view.filter}▏  (Enter keeps, Esc clears)`
    : `${view.filter ? `filter: ${view.filter}  ` : ''}↑↓ move  / filter  Enter detail  Esc ${view.filter ? 'clear' : 'close'}`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...tone(theme, 'accent')} bold wrap="truncate">
        {fitWidth(title, width)}
      </Text>
      {open ? (
        lines.slice(view.top, view.top + page).map((l, i) => (
          <Text key={view.top + i} {...tone(theme, 'text')} wrap="truncate">
            {fitWidth(l, width)}
          </Text>
        ))
      ) : (
        <Table
          rows={shown}
          columns={journalColumns(width)}
          selected={selectedIndex(
            view,
            shown.map((r) => r.key),
          )}
          height={height - 2}
          width={width}
          rowKey={(r) => r.key}
          empty={
            rows.length
              ? 'No entry matches the filter.'
              : `The journal is empty (${toDisplay(actions.journal.path)}).`
          }
        />
      )}
      {open ? null : (
        <Text {...tone(theme, 'muted')} wrap="truncate">
          {fitWidth(foot, width)}
        </Text>
      )}
    </Box>
  );
}
