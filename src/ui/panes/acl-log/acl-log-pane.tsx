// The live ACL LOG tail: newest first, a rate line, what the tail had to say (gaps,
// resets, restarts, nodes down), and actions on the selected event; b groups identical
// violations into one row.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { FilterBar } from '../../components/filter-bar.js';
import { Table } from '../../components/table.js';
import type { Column } from '../../components/table.js';
import { useListKeys } from '../../hooks/use-list-keys.js';
import { useNow } from '../../hooks/use-now.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import type { TailRow } from '../../../state/acl-log-slice.js';
import { filterTail } from './filter-tail.js';
import { groupRows } from '../../../domain/acl-log/group.js';
import type { Grouped } from '../../../domain/acl-log/group.js';
import { RateLine } from './rate-line.js';
import { TailDetail } from './tail-detail.js';
import { useTailCommands } from './use-tail-commands.js';

const time = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
/** Grouped: the row stands for several events; what it shows and acts on is the latest's. */
const groupNote = (r: TailRow) => {
  const m = (r as Partial<Grouped<TailRow>>).members;
  return m && m > 1 ? `${m} records, latest: ` : '';
};
const FRESH_MS = 3000;

function columns(multiNode: boolean, now: number, width: number, grouped: boolean): Column<TailRow>[] {
  // At 80 columns the object and the user matter more than FIRST and CTX; grouped, FIRST
  // (when the repeats began) matters more than CMD.
  const narrow = width < 100;
  const fresh = (r: TailRow) =>
    !r.history && now - r.lastSeen < FRESH_MS ? 'accent' : r.history ? 'muted' : undefined;
  return [
    { key: 'last', title: 'LAST', width: 8, cell: (r) => time(r.lastSeen), tone: fresh },
    ...(narrow && !grouped
      ? []
      : [{ key: 'first', title: 'FIRST', width: 8, cell: (r: TailRow) => time(r.firstSeen), tone: fresh }]),
    ...(multiNode
      ? [{ key: 'node', title: 'NODE', width: 15, cell: (r: TailRow) => r.node, tone: fresh }]
      : []),
    {
      key: 'reason',
      title: 'REASON',
      width: 7,
      cell: (r) => r.reason,
      tone: (r) => (r.reason === 'auth' ? 'danger' : fresh(r)),
    },
    ...(narrow
      ? []
      : [
          {
            key: 'ctx',
            title: 'CTX',
            width: 5,
            cell: (r: TailRow) => (r.context === 'toplevel' ? 'top' : r.context),
            tone: fresh,
          },
        ]),
    { key: 'object', title: 'OBJECT', width: 0, cell: (r) => r.object, tone: fresh },
    { key: 'user', title: 'USER', width: 12, cell: (r) => r.username, tone: fresh },
    { key: 'n', title: 'N', width: 4, cell: (r) => String(r.count), tone: fresh },
    {
      key: 'client',
      title: 'CLIENT',
      width: narrow ? 16 : 21,
      cell: (r) => [r.client.addr, r.client.name].filter(Boolean).join(' '),
      tone: fresh,
    },
    ...(narrow && grouped
      ? []
      : [{ key: 'cmd', title: 'CMD', width: 8, cell: (r: TailRow) => r.client.cmd ?? '', tone: fresh }]),
  ];
}

export function AclLogPane({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const tail = useAppState((s) => s.aclLog);
  const filter = useAppState((s) => s.ui.filters['acl-log'] ?? '');
  const filtering = useAppState((s) => s.ui.filtering && s.ui.pane === 'acl-log');
  const connected = useAppState((s) => Boolean(s.connection));
  const { actions, store } = useApp();
  // Shown: the feed polls at its normal pace; hidden, slower (the capture still runs).
  useEffect(() => {
    actions.aclLog.setVisible(true);
    return () => actions.aclLog.setVisible(false);
  }, [actions]);
  const now = useNow(
    tail.rows.some((r) => !r.history && Date.now() - r.lastSeen < FRESH_MS),
    1000,
  );
  const { rows, error: filterError } = useMemo(() => {
    const f = filterTail(tail.rows, filter);
    return tail.grouped ? { ...f, rows: groupRows(f.rows, (r) => String(r.id)) } : f;
  }, [tail.rows, filter, tail.grouped]);
  // A group is named by its first event: the selection stays on it as repeats arrive.
  const idOf = (r: TailRow | undefined) =>
    r === undefined ? undefined : 'groupId' in r ? (r as Grouped<TailRow>).groupId : String(r.id);
  const multiNode = Object.keys(tail.nodes).length > 1;
  const notices = tail.notices.slice(0, 2);
  const tableHeight = Math.max(3, height - 3 - notices.length);
  const selected = useListKeys('acl-log', rows.length, tableHeight - 1, useTailCommands(rows));
  // Follow mode keeps the newest (row 0) selected as events arrive; moving off it stops
  // following (f, or g to the top, resumes), as `less +F` does.
  const newest = idOf(rows[0]);
  // Not following, the selection stays on the same event as new ones arrive above it: a
  // shifted row must never turn x onto another client or user.
  const selectedId = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (tail.follow) return actions.ui.select('acl-log', 0);
    const at = selectedId.current === undefined ? -1 : rows.findIndex((r) => idOf(r) === selectedId.current);
    if (at >= 0 && at !== selected) actions.ui.select('acl-log', at);
  }, [newest, tail.follow, actions, rows]);
  useEffect(() => {
    selectedId.current = idOf(rows[selected]);
  });
  useEffect(() => {
    if (selected !== 0 && store.get().aclLog.follow) actions.aclLog.toggleFollow();
    if (selected === 0 && !store.get().aclLog.follow && rows.length) actions.aclLog.toggleFollow();
  }, [selected]);
  const open = tail.open === undefined ? undefined : tail.rows.find((r) => r.id === tail.open);
  if (tail.open !== undefined) return <TailDetail row={open} width={width} height={height} />;

  const sel = rows[selected];
  return (
    <Box flexDirection="column" width={width}>
      <RateLine width={width} />
      {notices.map((n, i) => (
        <Text key={i} wrap="truncate" {...tone(theme, n.kind === 'recovered' ? 'ok' : 'warning')}>
          {fitWidth(`${time(n.at)} ${toDisplay(n.node)}: ${toDisplay(n.text)}`, width)}
        </Text>
      ))}
      {!connected && !tail.rows.length ? (
        <Text {...tone(theme, 'muted')}>Not connected: pick a profile (7) or start with -h/-p.</Text>
      ) : (
        <Table
          rows={rows}
          columns={columns(multiNode, now, width, tail.grouped)}
          selected={selected}
          height={tableHeight}
          width={width}
          rowKey={(r) => idOf(r)!}
          empty={tail.rows.length ? 'No event matches the filter.' : 'No ACL violations yet. Watching…'}
        />
      )}
      <Text {...tone(theme, filterError ? 'danger' : 'muted')} wrap="truncate">
        {fitWidth(
          filterError ??
            (sel
              ? `${sel.history ? '(from the capture) ' : ''}${groupNote(sel)}${toDisplay(sel.username)} · ${toDisplay(sel.clientInfo)}`
              : ' '),
          width,
        )}
      </Text>
      <FilterBar value={filter} editing={filtering} />
    </Box>
  );
}
