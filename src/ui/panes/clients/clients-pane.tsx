// Who is connected, as whom, from where, doing what: CLIENT LIST of every node, live, with
// highlights, filter, sort, a group-by view, details and kills.
import { Box, Text } from 'ink';
import { useEffect, useRef } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { FilterBar } from '../../components/filter-bar.js';
import { Table } from '../../components/table.js';
import type { Column } from '../../components/table.js';
import { useListKeys } from '../../hooks/use-list-keys.js';
import { keyName } from '../../keymap/match.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import type { ClientGroup } from '../../../domain/clients/group.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { clientKey } from '../../../state/clients-slice.js';
import { ClientDetail } from './client-detail.js';
import { clientColumns } from './columns.js';
import { humanBytes, humanDuration } from '../../../domain/clients/format.js';
import { FreshnessLine } from './freshness-line.js';
import { useClientCommands } from './use-client-commands.js';
import { useClientView } from './use-client-view.js';

const GROUP_TITLES = { user: 'USER', addr: 'SOURCE ADDRESS', cmd: 'LAST COMMAND' } as const;

function groupColumns(by: keyof typeof GROUP_TITLES): Column<ClientGroup>[] {
  return [
    { key: 'key', title: GROUP_TITLES[by], width: 0, cell: (g) => g.key },
    { key: 'count', title: 'CLIENTS', width: 7, cell: (g) => String(g.count) },
    { key: 'nodes', title: 'NODES', width: 5, cell: (g) => String(g.nodes.length) },
    { key: 'mem', title: 'TOT-MEM', width: 7, cell: (g) => humanBytes(g.totMem) },
    { key: 'omem', title: 'OMEM', width: 6, cell: (g) => humanBytes(g.omem) },
    { key: 'idle', title: 'MAX-IDLE', width: 8, cell: (g) => humanDuration(g.maxIdle) },
    { key: 'age', title: 'NEWEST', width: 6, cell: (g) => humanDuration(g.minAge) },
  ];
}

export function ClientsPane({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { actions, store, paneKeys } = useApp();
  const c = useAppState((s) => s.clients);
  const filter = useAppState((s) => s.ui.filters.clients ?? '');
  const filtering = useAppState((s) => s.ui.filtering && s.ui.pane === 'clients');
  const connected = useAppState((s) => Boolean(s.connection));
  // Polled only while shown: CLIENT LIST costs the server O(clients).
  useEffect(() => actions.clients.watch(), [actions]);
  const view = useClientView();
  const problems: [string, { problem?: string }][] = [
    ...Object.entries(c.nodes).filter(([, n]) => n.problem),
    ...(c.usersProblem ? [['users', { problem: c.usersProblem }] as [string, { problem: string }]] : []),
  ];
  const shownProblems = problems.slice(0, 2);
  const tableHeight = Math.max(3, height - 3 - shownProblems.length);
  const count = view.groups ? view.groups.length : view.rows.length;
  const onCommand = useClientCommands(view.rows, view.groups);
  const selected = useListKeys('clients', count, tableHeight - 1, onCommand);
  // Esc steps back: out of the group view, then the marks, then (app.tsx) the filter.
  const listKeys = paneKeys.current;
  paneKeys.current = (input, key) => {
    const { ui, clients } = store.get();
    if (ui.pane === 'clients' && !ui.overlay && !ui.filtering && keyName(input, key) === 'escape') {
      if (clients.groupBy) {
        actions.clients.setGroup(undefined);
        return true;
      }
      if (Object.keys(clients.marked).length) {
        actions.clients.clearMarks();
        return true;
      }
    }
    return listKeys?.(input, key);
  };
  // The selection stays on the same client as the list refreshes and re-sorts under it.
  const selectedKey = useRef<string | undefined>(undefined);
  useEffect(() => {
    const key = selectedKey.current;
    if (view.groups || key === undefined) return;
    const here = view.rows[selected];
    if (here && clientKey(here) === key) return;
    const at = view.rows.findIndex((r) => clientKey(r) === key);
    if (at >= 0 && at !== selected) actions.ui.select('clients', at);
  }, [view.rows]);
  useEffect(() => {
    const r = view.groups ? undefined : view.rows[selected];
    if (r) selectedKey.current = clientKey(r);
  });

  if (c.open !== undefined) {
    const open = c.rows.find((r) => clientKey(r) === c.open);
    return <ClientDetail client={open} risks={open ? view.risks(open) : []} width={width} height={height} />;
  }
  const marked = Object.keys(c.marked).length;
  const sel = view.groups ? undefined : view.rows[selected];
  const selRisks = sel ? view.risks(sel) : [];
  const bottom = view.error
    ? view.error
    : sel
      ? [
          `${toDisplay(sel.addr)}${sel.name ? ` ${toDisplay(sel.name)}` : ''} user ${toDisplay(sel.user)}`,
          ...selRisks.map((r) => r.detail),
        ].join(' · ')
      : view.groups
        ? 'Enter lists the group · x kills it · b: next grouping · Esc: back to the list'
        : ' ';
  const multiNode = Object.keys(c.nodes).length > 1;
  return (
    <Box flexDirection="column" width={width}>
      <FreshnessLine width={width} shown={view.rows.length} risky={view.risky} marked={marked} />
      {shownProblems.map(([id, n]) => (
        <Text key={id} wrap="truncate" {...tone(theme, 'warning')}>
          {fitWidth(`${toDisplay(id)}: ${toDisplay(n.problem)}`, width)}
        </Text>
      ))}
      {!connected ? (
        <Text {...tone(theme, 'muted')}>Not connected: pick a profile (7) or start with -h/-p.</Text>
      ) : view.groups && c.groupBy ? (
        <Table
          rows={view.groups}
          columns={groupColumns(c.groupBy)}
          selected={selected}
          height={tableHeight}
          width={width}
          rowKey={(g) => g.key}
          empty="No client matches the filter."
        />
      ) : (
        <Table
          rows={view.rows}
          columns={clientColumns(
            { risks: view.risks, marked: (r) => Boolean(c.marked[clientKey(r)]) },
            { width, multiNode, sort: c.sort },
          )}
          selected={selected}
          height={tableHeight}
          width={width}
          rowKey={clientKey}
          empty={
            view.error
              ? 'The filter is not valid: see below.'
              : c.polledAt === undefined
                ? problems.length
                  ? 'Nothing read yet: see why above.'
                  : 'Reading CLIENT LIST…'
                : c.rows.length
                  ? c.risky
                    ? 'No client with a highlight matches (! shows all).'
                    : 'No client matches the filter.'
                  : 'No client listed.'
          }
        />
      )}
      <Text {...tone(theme, view.error ? 'danger' : 'muted')} wrap="truncate">
        {fitWidth(bottom, width)}
      </Text>
      <FilterBar value={filter} editing={filtering} />
    </Box>
  );
}
