// The level view's small static table (@alcalzone/ink-table: four rows drawn once per report,
// nothing to scroll): per maturity level, how many results pass, fail, warn or are unknown,
// and how many items are to verify by hand. Its cells are our own words and numbers; the
// borders and headings take the theme's tones (src/ui/components/static-table.tsx).
import { LEVELS } from '../../../domain/audit/types.js';
import type { AuditReport } from '../../../domain/audit/types.js';
import { toDisplay } from '../../../domain/display.js';
import { StaticTable } from '../../components/static-table.js';
import { allResults, levelName } from './rows.js';

type Row = Record<string, string | number>;

export function levelCounts(report: AuditReport): Row[] {
  const results = allResults(report);
  return LEVELS.map((level) => {
    const mine = results.filter((r) => r.level === level);
    const n = (s: string) => mine.filter((r) => r.status === s).length;
    return {
      level: toDisplay(levelName(level)),
      pass: n('pass'),
      fail: n('fail'),
      warn: n('warn'),
      unknown: n('unknown'),
      'by hand': report.manual.filter((m) => m.level === level).length,
    };
  });
}

/** Rows it takes: a border above, the heading, then a separator and a row per level, a border below. */
export const LEVEL_TABLE_HEIGHT = 3 + 2 * LEVELS.length;

export function LevelTable({ report }: { report: AuditReport }) {
  return <StaticTable data={levelCounts(report)} />;
}
