// The level view (l): counts per level (a small table), then what the next level needs with
// each fix or grant, the seed's checklist boxes and what to verify by hand; ↑/↓ scroll, Esc
// or l goes back to the checks.
import { Box } from 'ink';
import { useApp } from '../../app-context.js';
import { useListKeys } from '../../hooks/use-list-keys.js';
import { keyName } from '../../keymap/match.js';
import type { AuditReport } from '../../../domain/audit/types.js';
import { LEVEL_TABLE_HEIGHT, LevelTable } from './level-table.js';
import { LinesView } from './lines-view.js';
import { levelLines } from './lines.js';

export function LevelView({ report, width, height }: { report: AuditReport; width: number; height: number }) {
  const { actions, store, paneKeys } = useApp();
  const lines = levelLines(report, width);
  // A terminal too short for the table keeps the lines, which say more.
  const table = height - LEVEL_TABLE_HEIGHT >= 5;
  const linesHeight = Math.max(1, height - (table ? LEVEL_TABLE_HEIGHT : 0));
  const offset = useListKeys('audit', Math.max(1, lines.length - linesHeight + 2), linesHeight - 2, (id) => {
    if (id === 'audit.level') actions.audit.setView('checks');
  });
  const listKeys = paneKeys.current;
  paneKeys.current = (input, key) => {
    const { ui } = store.get();
    if (ui.pane === 'audit' && !ui.overlay && !ui.filtering && keyName(input, key) === 'escape') {
      actions.audit.setView('checks');
      return true;
    }
    return listKeys?.(input, key);
  };
  return (
    <Box flexDirection="column" width={width}>
      {table ? <LevelTable report={report} /> : null}
      <LinesView lines={lines} offset={offset} width={width} height={linesHeight} />
    </Box>
  );
}
