// Every incident on disk: the open ones first with the step they are at, then the closed ones,
// and any whose incident.json cannot be read, with why. Enter opens one; n starts a new one.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useAppState } from '../../app-context.js';
import { FilterBar } from '../../components/filter-bar.js';
import { Table } from '../../components/table.js';
import type { Column } from '../../components/table.js';
import { useListKeys } from '../../hooks/use-list-keys.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import type { IncidentListRow } from '../../../state/incident-slice.js';
import { useIncidentCommands } from './use-incident-commands.js';

const COLUMNS: Column<IncidentListRow>[] = [
  { key: 'id', title: 'ID', width: 14, cell: (r) => r.id },
  {
    key: 'state',
    title: 'STATE',
    width: 20,
    cell: (r) => (r.error ? 'unreadable' : r.at ? `open: ${r.at}` : 'closed'),
    tone: (r) => (r.error ? 'danger' : r.at ? 'warning' : 'muted'),
  },
  { key: 'title', title: 'TITLE', width: 0, cell: (r) => r.incident?.title ?? r.error ?? '' },
];

export function ListView({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const s = useAppState((st) => st.incident);
  const filter = useAppState((st) => st.ui.filters.incident ?? '');
  const filtering = useAppState((st) => st.ui.filtering && st.ui.pane === 'incident');
  const rows = useMemo(() => {
    const f = filter.toLowerCase();
    return f ? s.list.filter((r) => `${r.id} ${r.incident?.title ?? ''}`.toLowerCase().includes(f)) : s.list;
  }, [s.list, filter]);
  const onCommand = useIncidentCommands();
  const top = s.progress ? 1 : 0;
  const tableHeight = Math.max(3, height - top - 1 - (filtering || filter ? 1 : 0));
  const selected = useListKeys('incident', rows.length, tableHeight - 1, (id, at) =>
    onCommand(id, { list: rows[at] }),
  );
  const sel = rows[selected];
  return (
    <Box flexDirection="column" width={width}>
      {s.progress ? <Text {...tone(theme, 'warning')}>{fitWidth(s.progress, width)}</Text> : null}
      <Table
        rows={rows}
        columns={COLUMNS}
        selected={selected}
        height={tableHeight}
        width={width}
        rowKey={(r) => r.id}
        empty="No incident yet: n opens one on the connected target (evidence first)."
      />
      <Text {...tone(theme, sel?.error ? 'danger' : 'muted')} wrap="truncate">
        {fitWidth(
          sel?.error
            ? toDisplay(`cannot read: ${sel.error}`)
            : 'Enter opens · n new incident (asks a title; evidence is taken first)',
          width,
        )}
      </Text>
      <FilterBar value={filter} editing={filtering} />
    </Box>
  );
}
