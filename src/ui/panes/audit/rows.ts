// What the Audit pane lists: every result (each node's, then the cluster-wide ones) grouped by
// area in the catalogue's order, the ones that need attention first within an area; narrowed
// by failures-only and the `/` filter (words, all must match, case-insensitive, over what the
// row shows: id, title, status, level, area, node, detail).
import { AREAS, LEVELS } from '../../../domain/audit/types.js';
import type { AuditReport, CheckResult, Reached, Status } from '../../../domain/audit/types.js';
import { toDisplay } from '../../../domain/display.js';
import { allResults } from '../../../state/audit-slice.js';
import type { Token } from '../../theme/tokens.js';
import { levelName } from '../../../domain/audit/maturity.js';

export { levelName };

const STATUS_ORDER: Record<Status, number> = { fail: 0, unknown: 1, warn: 2, pass: 3 };

export const STATUS_LABEL: Record<Status, string> = {
  fail: 'FAIL',
  unknown: 'UNKN',
  warn: 'WARN',
  pass: 'pass',
};

export const STATUS_TONE: Record<Status, Token | undefined> = {
  fail: 'danger',
  unknown: 'accent',
  warn: 'warning',
  pass: undefined,
};

export { allResults };

function text(r: CheckResult): string {
  return [r.id, r.title, r.status, r.level, r.area, r.node ?? 'cluster', r.detail]
    .map((s) => toDisplay(s))
    .join(' ')
    .toLowerCase();
}

export function auditRows(
  report: AuditReport | undefined,
  opts: { failuresOnly: boolean; filter: string },
): CheckResult[] {
  if (!report) return [];
  const words = opts.filter.toLowerCase().split(/\s+/).filter(Boolean);
  return allResults(report)
    .filter((r) => !opts.failuresOnly || r.status !== 'pass')
    .filter((r) => !words.length || words.every((w) => text(r).includes(w)))
    .sort(
      (a, b) =>
        AREAS.indexOf(a.area) - AREAS.indexOf(b.area) ||
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        a.id.localeCompare(b.id) ||
        (a.node ?? '').localeCompare(b.node ?? ''),
    );
}

/** The rows that start an area's group (its name is shown there only). */
export function groupStarts(rows: readonly CheckResult[]): Set<CheckResult> {
  return new Set(rows.filter((r, i) => i === 0 || rows[i - 1]!.area !== r.area));
}

/**
 * Each node's level in one line, lowest first and grouped by level, ports only when every node
 * is on one host (six nodes fit 80 columns): "127.0.0.1: below Basic 7001 7004 · Basic 7000".
 */
export function nodeLevels(report: AuditReport): string {
  const cut = (id: string) => id.lastIndexOf(':');
  const hosts = new Set(report.nodes.map((n) => n.node.slice(0, cut(n.node))));
  const oneHost = hosts.size === 1 ? [...hosts][0] : undefined;
  const short = (id: string) => toDisplay(oneHost === undefined ? id : id.slice(cut(id) + 1));
  const groups = (['none', ...LEVELS] as Reached[])
    .map((level) => [level, report.nodes.filter((n) => n.reached === level)] as const)
    .filter(([, nodes]) => nodes.length)
    .map(([level, nodes]) => `${levelName(level)} ${nodes.map((n) => short(n.node)).join(' ')}`);
  return `${oneHost === undefined ? '' : `${toDisplay(oneHost)}: `}${groups.join(' · ')}`;
}
