// The Audit pane (key 4): the maturity level of the server (and of each node), the counts per
// status, every check grouped by area with its status, the detail of one (Enter), failures only
// (!), the level view (l), and F for a fix that can be applied online. The audit runs when the
// pane is first shown for a connection and on r; never on its own.
import { Box, Text } from 'ink';
import { useEffect, useMemo } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { FilterBar } from '../../components/filter-bar.js';
import { Table } from '../../components/table.js';
import type { Column } from '../../components/table.js';
import { useListKeys } from '../../hooks/use-list-keys.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import type { CheckResult } from '../../../domain/audit/types.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { resultKey } from '../../../state/audit-slice.js';
import { CheckDetail } from './check-detail.js';
import { LevelView } from './level-view.js';
import { allResults, auditRows, groupStarts, levelName, STATUS_LABEL, STATUS_TONE } from './rows.js';
import { summaryHeight, SummaryLines } from './summary-line.js';
import { useAuditCommands } from './use-audit-commands.js';

function columns(rows: readonly CheckResult[], multiNode: boolean): Column<CheckResult>[] {
  const starts = groupStarts(rows);
  return [
    {
      key: 'status',
      title: 'ST',
      width: 4,
      cell: (r) => STATUS_LABEL[r.status],
      tone: (r) => STATUS_TONE[r.status],
    },
    { key: 'area', title: 'AREA', width: 11, cell: (r) => (starts.has(r) ? r.area : '') },
    { key: 'id', title: 'CHECK', width: 8, cell: (r) => r.id },
    { key: 'level', title: 'LEVEL', width: 8, cell: (r) => levelName(r.level) },
    ...(multiNode
      ? [{ key: 'node', title: 'NODE', width: 15, cell: (r: CheckResult) => r.node ?? 'cluster' }]
      : []),
    { key: 'title', title: 'TITLE', width: 0, cell: (r) => r.title },
  ];
}

function ChecksView({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const a = useAppState((s) => s.audit);
  const filter = useAppState((s) => s.ui.filters.audit ?? '');
  const filtering = useAppState((s) => s.ui.filtering && s.ui.pane === 'audit');
  const rows = useMemo(
    () => auditRows(a.report, { failuresOnly: a.failuresOnly, filter }),
    [a.report, a.failuresOnly, filter],
  );
  const onCommand = useAuditCommands();
  const top = summaryHeight(a.report?.nodes.length ?? 0, Boolean(a.report));
  const tableHeight = Math.max(3, height - top - 1 - (filtering || filter ? 1 : 0));
  const selected = useListKeys('audit', rows.length, tableHeight - 1, (id, at) => {
    if (onCommand(id, rows[at])) return;
    if (id === 'audit.risky') {
      actions.ui.select('audit', 0);
      return actions.audit.toggleFailures();
    }
    if (id === 'audit.level') {
      if (!a.report) return actions.ui.say('No report yet: the audit has not run.', 'info');
      actions.ui.select('audit', 0);
      return actions.audit.setView('level');
    }
  });
  const sel = rows[selected];
  const bottom = sel
    ? // The grant first: on a narrow terminal it is what must not be cut.
      `${sel.unknown?.grant ? `grant ${toDisplay(sel.unknown.grant)} · ` : ''}${sel.fix?.online?.length ? 'F fixes it · ' : ''}${toDisplay(sel.detail)}`
    : a.failuresOnly
      ? '! shows every check'
      : ' ';
  return (
    <Box flexDirection="column" width={width}>
      <SummaryLines width={width} />
      <Table
        rows={rows}
        columns={columns(rows, (a.report?.nodes.length ?? 0) > 1)}
        selected={selected}
        height={tableHeight}
        width={width}
        rowKey={resultKey}
        empty={
          a.report
            ? a.failuresOnly
              ? 'No failure, warning or unknown matches.'
              : 'No check matches the filter.'
            : a.status === 'running'
              ? 'Auditing: reading every node…'
              : 'No report yet: r runs the audit.'
        }
      />
      <Text {...tone(theme, sel ? (STATUS_TONE[sel.status] ?? 'muted') : 'muted')} wrap="truncate">
        {fitWidth(bottom, width)}
      </Text>
      <FilterBar value={filter} editing={filtering} />
    </Box>
  );
}

export function AuditPane({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const connected = useAppState((s) => Boolean(s.connection));
  const a = useAppState((s) => s.audit);
  // Shown: the first time for this connection, the audit runs (actions/audit.ts keeps track).
  useEffect(() => actions.audit.enter(), [actions, connected]);
  if (!connected)
    return <Text {...tone(theme, 'muted')}>Not connected: pick a profile (7) or start with -h/-p.</Text>;
  const open = a.open && a.report ? allResults(a.report).find((r) => resultKey(r) === a.open) : undefined;
  if (open) return <CheckDetail result={open} width={width} height={height} />;
  if (a.view === 'level' && a.report) {
    const top = summaryHeight(a.report.nodes.length, true);
    return (
      <Box flexDirection="column" width={width}>
        <SummaryLines width={width} />
        <LevelView report={a.report} width={width} height={height - top} />
      </Box>
    );
  }
  return <ChecksView width={width} height={height} />;
}
