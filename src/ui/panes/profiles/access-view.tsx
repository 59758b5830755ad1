// The last test's answer to "what may this profile's user do": under the list, one line per
// pane; on `v`, the whole table (↑/↓ scroll, each row node by node) and what to grant. The
// words are domain/access-view.ts's, the same `profiles test` prints.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { combine } from '../../../domain/access.js';
import type { AccessResult } from '../../../domain/access.js';
import {
  ACCESS_HEADERS,
  accessHeadline,
  accessNotes,
  accessRows,
  accessWarnings,
  paneSummary,
  rowNodes,
} from '../../../domain/access-view.js';
import { fitWidth, padWidth, toDisplay } from '../../../domain/display.js';
import { Table } from '../../components/table.js';
import type { Column } from '../../components/table.js';
import { useDetailKeys } from '../../hooks/use-detail-keys.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import type { Token } from '../../theme/tokens.js';

const READS_TONE: Record<string, Token> = { no: 'danger', unknown: 'warning', yes: 'ok' };

/** The TEST column: "ok" only when every pane can be read on every node. */
export function accessLabel(access: AccessResult): string {
  const w = accessWarnings(access);
  return !w.length ? 'ok' : w.some((l) => l.startsWith('SEC003')) ? 'SEC003' : 'unknown';
}

/** Lines the summary takes: the headline and one per pane. */
export const summaryHeight = (access?: AccessResult) => (access ? 1 + paneSummary(access).length : 0);

export function AccessSummary({ access, width }: { access: AccessResult; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {fitWidth(toDisplay(`${accessHeadline(combine(access))} v: details`), width)}
      </Text>
      {paneSummary(access).map((p) => (
        <Text key={p.pane} {...tone(theme, READS_TONE[p.reads] ?? 'text')} wrap="truncate">
          {fitWidth(`${padWidth(p.pane, 15)}${toDisplay(p.text)}`, width)}
        </Text>
      ))}
    </Box>
  );
}

const COLUMNS: Column<string[]>[] = [
  { key: 'pane', title: ACCESS_HEADERS[0] ?? '', width: 14, cell: (r) => r[0] ?? '' },
  {
    key: 'can',
    title: ACCESS_HEADERS[1] ?? '',
    width: 8,
    cell: (r) => r[1] ?? '',
    tone: (r) => (r[1]?.startsWith('NO') ? 'danger' : r[1]?.startsWith('unknown') ? 'warning' : undefined),
  },
  { key: 'what', title: ACCESS_HEADERS[2] ?? '', width: 0, cell: (r) => r[2] ?? '' },
  { key: 'grant', title: ACCESS_HEADERS[3] ?? '', width: 14, cell: (r) => r[3] ?? '' },
];

/** Under the table, the selected row in full: its grant, and which node says what. */
function selectedLine(access: AccessResult, grant: string, at: number): string {
  const many = access.checked.length + access.down.length > 1;
  return [grant && `grant: ${grant}`, many && rowNodes(access, at)].filter(Boolean).join(' · ');
}

/** The whole table for one profile's test; Esc or v goes back to the list. */
export function AccessDetail(props: {
  access: AccessResult;
  width: number;
  height: number;
  close: () => void;
}) {
  const { access, width, height, close } = props;
  const theme = useTheme();
  const [at, setAt] = useState(0);
  const rows = accessRows(access);
  const all = accessNotes(access);
  const notes =
    all.length > 4
      ? [...all.slice(0, 3), `… ${all.length - 3} more lines: profiles test prints them all`]
      : all;
  const tableHeight = Math.max(3, height - 2 - notes.length);
  const go = (i: number) => setAt(Math.max(0, Math.min(i, rows.length - 1)));
  useDetailKeys('profiles', close, (b) => {
    if (b.id === 'list.up') return go(at - 1);
    if (b.id === 'list.down') return go(at + 1);
    if (b.id === 'list.pageUp') return go(at - (tableHeight - 2));
    if (b.id === 'list.pageDown') return go(at + (tableHeight - 2));
    if (b.id === 'list.top') return go(0);
    if (b.id === 'list.bottom') return go(rows.length - 1);
    if (b.id === 'profiles.access') return close();
  });
  const line = (text: string, t: Token, key: string | number) => (
    <Text key={key} {...tone(theme, t)} wrap="truncate">
      {fitWidth(toDisplay(text), width)}
    </Text>
  );
  return (
    <Box flexDirection="column" width={width}>
      {line(accessHeadline(combine(access)), 'text', 'head')}
      <Table
        rows={rows}
        columns={COLUMNS}
        selected={at}
        height={tableHeight}
        width={width}
        rowKey={(r) => `${r[0]}:${r[2]}`}
      />
      {line(selectedLine(access, rows[at]?.[3] ?? '', at) || ' ', 'muted', 'row')}
      {notes.map((n, i) => line(n, n.startsWith('SEC003') ? 'danger' : 'muted', i))}
    </Box>
  );
}
