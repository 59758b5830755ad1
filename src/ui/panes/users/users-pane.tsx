// ACL users: the list (risk flags, clients, drift across nodes) and, on Enter, one user.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { FilterBar } from '../../components/filter-bar.js';
import { Table } from '../../components/table.js';
import type { Column } from '../../components/table.js';
import { useListKeys } from '../../hooks/use-list-keys.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { listedRisk } from '../../../domain/acl/risk.js';
import { displayWidth, fitWidth, toDisplay } from '../../../domain/display.js';
import type { UserRow } from '../../../state/users-slice.js';
import {
  channelsSummary,
  commandsSummary,
  filterRows,
  keysSummary,
  markUnsure,
  passwordState,
  riskLabel,
  sortRows,
} from './rows.js';
import { UserDetail } from './user-detail.js';
import { useUserCommands } from './use-user-commands.js';

const UNKNOWN = 'unknown (re-reading)';

// Drift first: a user that differs between nodes is the surprise worth the few cells. Only
// high and critical: a low grade (KEYS, INFO) is in the detail, not in every row.
const riskCell = (r: UserRow) =>
  [
    ...(r.drift.length ? [`≠${r.drift.length} nodes`] : []),
    ...r.risks.filter(listedRisk).map((x) => riskLabel(r, x)),
  ].join(' ');

const COLUMNS: Column<UserRow>[] = [
  { key: 'name', title: 'USER', width: 14, cell: (r) => r.name },
  {
    key: 'on',
    title: 'ON',
    width: 3,
    cell: (r) => (r.user ? (r.user.enabled ? 'on' : 'off') : '?'),
    tone: (r) => (r.user?.enabled === false ? 'muted' : undefined),
  },
  {
    key: 'pw',
    title: 'PASS',
    width: 6,
    cell: (r) => passwordState(r.user),
    tone: (r) => (r.user?.nopass && r.user.enabled ? 'danger' : undefined),
  },
  { key: 'keys', title: 'KEYS', width: 12, cell: (r) => (r.user ? keysSummary(r.user.keys) : '') },
  { key: 'chan', title: 'CHAN', width: 6, cell: (r) => (r.user ? channelsSummary(r.user.channels) : '') },
  {
    key: 'cmds',
    title: 'COMMANDS',
    width: 0,
    cell: (r) => (r.unknown ? UNKNOWN : r.user ? commandsSummary(r.user.commands) : ''),
    tone: (r) => (r.unknown ? 'warning' : undefined),
  },
  {
    key: 'sel',
    title: 'SEL',
    width: 3,
    cell: (r) => (r.user?.selectors.length ? String(r.user.selectors.length) : ''),
  },
  { key: 'cli', title: 'CLI', width: 4, cell: (r) => (r.clients === undefined ? '?' : String(r.clients)) },
  {
    key: 'risk',
    title: 'RISK',
    width: 4, // set per frame by riskWidth: RISK gets its room before COMMANDS
    cell: riskCell,
    tone: (r) =>
      r.risks.some((x) => x.severity === 'critical')
        ? 'danger'
        : r.risks.some(listedRisk) || r.drift.length
          ? 'warning'
          : undefined,
  },
];

// COMMANDS keeps at least this much (the rule summary's start) when RISK takes the rest.
const MIN_COMMANDS = 10;

/** RISK as wide as its widest cell, up to what leaves COMMANDS its minimum. */
export function riskWidth(rows: readonly UserRow[], width: number): number {
  const others = COLUMNS.filter((c) => c.key !== 'risk' && c.key !== 'cmds').reduce((n, c) => n + c.width, 0);
  const room = width - others - (COLUMNS.length - 1) - MIN_COMMANDS;
  const widest = Math.max(4, ...rows.map((r) => displayWidth(toDisplay(riskCell(r)))));
  return Math.max(4, Math.min(widest, room));
}

// Which column shows the sort (s cycles, S reverses).
const SORTED_BY: Record<string, string> = { name: 'name', on: 'status', cli: 'clients', risk: 'risk' };

export function UsersPane({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const users = useAppState((s) => s.users);
  const filter = useAppState((s) => s.ui.filters.users ?? '');
  const filtering = useAppState((s) => s.ui.filtering && s.ui.pane === 'users');
  const hasTarget = useAppState((s) => s.connection !== undefined);
  const readyNodes = useAppState((s) =>
    (s.connection?.nodes ?? [])
      .filter((n) => n.state === 'ready')
      .map((n) => n.id)
      .join(','),
  );
  // Read the users when the pane opens and as nodes become ready (first connect, another
  // profile, cluster nodes found). A re-read that a dropped link held up is the store's:
  // it happens when the node is back, shown or not.
  const loadedFor = useRef('');
  useEffect(() => {
    if (readyNodes && readyNodes !== loadedFor.current) {
      loadedFor.current = readyNodes;
      void actions.users.load();
    }
  }, [readyNodes, actions]);

  const marked = useMemo(() => markUnsure(users.rows, users.unsure), [users.rows, users.unsure]);
  const rows = useMemo(
    () => sortRows(filterRows(marked, filter), users.sort.by, users.sort.reverse),
    [marked, filter, users.sort],
  );
  // Measured once per list, not per frame: a list of 10,000 users redraws on every key.
  const riskW = useMemo(() => riskWidth(rows, width), [rows, width]);
  // From the node's own state, not from the last read: it is said while it is true, no longer.
  const down = hasTarget && !readyNodes && users.rows.length > 0;
  const limits = [...(down ? ['Not connected: the list is as last read.'] : []), ...(users.limits ?? [])];
  const footer = 2 + Math.min(2, limits.length);
  const tableHeight = Math.max(3, height - footer);
  const selected = useListKeys('users', rows.length, tableHeight - 1, useUserCommands(rows));
  const open = users.open ? marked.find((r) => r.name === users.open) : undefined;
  if (users.open && open?.unknown)
    return (
      <Box flexDirection="column" width={width}>
        <Text {...tone(theme, 'warning')} wrap="truncate">
          {fitWidth(`${toDisplay(users.open)}: ${UNKNOWN}: the reply to a change was lost.`, width)}
        </Text>
        <UserDetail row={open} name={users.open} width={width} height={height - 1} />
      </Box>
    );
  if (users.open) return <UserDetail row={open} name={users.open} width={width} height={height} />;

  const sel = rows[selected];
  const status =
    users.status === 'loading' && !users.rows.length
      ? 'Reading the users…'
      : users.status === 'error'
        ? `Could not read the users: ${users.error?.code ?? ''} ${users.error?.message ?? ''}. ${users.error?.fix?.[0] ?? ''}`
        : users.status === 'idle'
          ? hasTarget
            ? 'Waiting for the server (see above): the users are read as soon as it answers.'
            : 'Not connected: pick a profile (7) or start with -h/-p.'
          : undefined;
  const line = sel
    ? [
        toDisplay(sel.name),
        ...(sel.unknown ? [`${UNKNOWN}: the reply to a change was lost`] : []),
        ...sel.risks.map((r) => riskLabel(sel, r, `${r.severity}: ${r.detail}`)),
        ...(sel.where ? [`only on ${sel.where.map(toDisplay).join(', ')}`] : []),
        ...(sel.drift.length ? [`differs on ${sel.drift.map(toDisplay).join(', ')}`] : []),
      ].join(' · ')
    : ' ';
  return (
    <Box flexDirection="column" width={width}>
      {status ? (
        <Text {...tone(theme, users.status === 'error' ? 'danger' : 'muted')} wrap="truncate">
          {status}
        </Text>
      ) : (
        <Table
          rows={rows}
          columns={COLUMNS.map((c) => ({
            ...c,
            ...(c.key === 'risk' && { width: riskW }),
            ...(SORTED_BY[c.key] === users.sort.by && {
              title: `${c.title}${users.sort.reverse ? '▼' : '▲'}`,
            }),
          }))}
          selected={selected}
          height={tableHeight}
          width={width}
          rowKey={(r) => r.name}
          empty="No user matches the filter."
        />
      )}
      {limits.slice(0, 2).map((l, i) => (
        <Text key={i} {...tone(theme, 'warning')} wrap="truncate">
          {fitWidth(toDisplay(l), width)}
        </Text>
      ))}
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {fitWidth(line, width)}
      </Text>
      <FilterBar value={filter} editing={filtering} />
    </Box>
  );
}
