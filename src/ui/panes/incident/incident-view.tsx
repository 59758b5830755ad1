// One incident: its title, what a resumed console must say first (actions whose result was
// never seen), the six steps, then the findings and the shown step's own rows (scrolling).
// Esc goes back to the list; ←/→ show another step's view without changing the flow.
import { Box, Text } from 'ink';
import { useEffect, useMemo } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { FilterBar } from '../../components/filter-bar.js';
import { useListKeys } from '../../hooks/use-list-keys.js';
import { keyName } from '../../keymap/match.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { suspectFilter } from '../../../domain/incident/suspect-filter.js';
import type { Incident } from '../../../domain/incident/types.js';
import { allResults } from '../../../state/audit-slice.js';
import { RowList } from './row-list.js';
import { StepsLines } from './steps-lines.js';
import { useIncidentCommands } from './use-incident-commands.js';
import { incidentRows } from './view-rows.js';

const HINTS: Record<string, string> = {
  evidence: '+ done · - skip',
  findings: 'Enter evidence · + done · - skip',
  contain: 'Enter run (asks) · m monitor · + done · - skip',
  investigate: 'L log · c clients · K key space · + done · - skip',
  remediate: 'a add pw · O drop old · w persist · + done',
  close: 'Enter close',
};

export function IncidentView({ inc, width, height }: { inc: Incident; width: number; height: number }) {
  const theme = useTheme();
  const { actions, paneKeys } = useApp();
  const s = useAppState((st) => st.incident);
  const report = useAppState((st) => st.audit.report);
  const filter = useAppState((st) => st.ui.filters.incident ?? '');
  const filtering = useAppState((st) => st.ui.filtering && st.ui.pane === 'incident');
  const step = s.step ?? inc.phase;
  const remediation = useMemo(
    () => ({
      ...actions.incident.remediation(inc),
      audit: report
        ? allResults(report)
            .filter((r) => r.status === 'fail')
            .map((r) => `${r.id}${r.node ? ` ${r.node}` : ''}: ${r.title}`)
        : undefined,
    }),
    [actions, inc, report],
  );
  const clientsFilter = useMemo(() => suspectFilter(inc), [inc]);
  const rows = useMemo(() => {
    const all = incidentRows(inc, s, step, { remediation, clientsFilter });
    const f = filter.toLowerCase();
    return f ? all.filter((r) => r.text.toLowerCase().includes(f)) : all;
  }, [inc, s, step, remediation, clientsFilter, filter]);
  const onCommand = useIncidentCommands();
  // A new step shown (or another incident): the selection goes to that step's rows (not on
  // every redraw: the operator moves it).
  const startAt = rows.findIndex((r) => r.start);
  useEffect(() => {
    if (startAt >= 0) actions.ui.select('incident', startAt);
  }, [actions, step, inc.id]);
  const resume = s.resume.slice(0, 2);
  const skippedLine = inc.steps.some((x) => x.state === 'skipped' && x.reason) ? 1 : 0;
  const top = 1 + (s.progress ? 1 : 0) + resume.length + (s.resume.length > 2 ? 1 : 0) + 2 + skippedLine;
  const listHeight = Math.max(3, height - top - 1 - (filtering || filter ? 1 : 0));
  const selected = useListKeys('incident', rows.length, listHeight - 1, (id, at) =>
    onCommand(id, { row: rows[at], inc }),
  );
  // Esc: back to the list (the filter, when set, is cleared first, as in every list).
  const listKeys = paneKeys.current;
  paneKeys.current = (input, key) => {
    const st = actions.incident;
    if (keyName(input, key) === 'escape' && !filter && !filtering) {
      st.back();
      return true;
    }
    return listKeys?.(input, key);
  };
  return (
    <Box flexDirection="column" width={width}>
      <Text {...tone(theme, 'accent')} bold wrap="truncate">
        {fitWidth(
          toDisplay(
            `INCIDENT ${inc.id}: ${inc.title} · opened ${inc.openedAt}${inc.closedAt ? ' · closed' : ''}`,
          ),
          width,
        )}
      </Text>
      {s.progress ? <Text {...tone(theme, 'warning')}>{fitWidth(s.progress, width)}</Text> : null}
      {resume.map((r, i) => (
        <Text key={i} {...tone(theme, 'danger')} wrap="truncate">
          {fitWidth(toDisplay(r), width)}
        </Text>
      ))}
      {s.resume.length > 2 ? (
        <Text {...tone(theme, 'danger')}>
          {fitWidth(`…and ${s.resume.length - 2} more (P: the report)`, width)}
        </Text>
      ) : null}
      <StepsLines inc={inc} shown={step} width={width} />
      <RowList rows={rows} selected={selected} height={listHeight} width={width} />
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {fitWidth(`${HINTS[step] ?? ''} · N note · P report · ←→ steps · Esc list`, width)}
      </Text>
      <FilterBar value={filter} editing={filtering} />
    </Box>
  );
}
