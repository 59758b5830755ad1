// What `redis-warden audit` exits with, and the report cut to the checks asked for (--check):
// pure, so the CI contract is unit-tested. 0: the target reaches --level (when given), else no
// failing check at or above --fail-on (default high); 1: it does not; 2: no node was read.
import { LEVELS, SEVERITIES } from './types.js';
import type { AuditReport, CheckResult, Level, Severity, Status } from './types.js';

export interface Gate {
  level?: Level;
  failOn: Severity;
  /** Only these check ids (`--check`); empty or absent: every check. */
  checks?: readonly string[];
}

/** Every result of the report (each node's, then the cluster's), cut to the ids asked for. */
export function gatedResults(report: AuditReport, checks?: readonly string[]): CheckResult[] {
  const all = [...report.nodes.flatMap((n) => n.results), ...report.cluster];
  if (!checks?.length) return all;
  const wanted = new Set(checks.map((c) => c.toUpperCase()));
  return all.filter((r) => wanted.has(r.id));
}

/** The report with only the checks asked for: results, counts and what the next level needs. */
export function cutReport(report: AuditReport, checks?: readonly string[]): AuditReport {
  if (!checks?.length) return report;
  const wanted = new Set(checks.map((c) => c.toUpperCase()));
  const keep = (rs: readonly CheckResult[]) => rs.filter((r) => wanted.has(r.id));
  const nodes = report.nodes.map((n) => ({ ...n, results: keep(n.results) }));
  const cluster = keep(report.cluster);
  const counts: Record<Status, number> = { pass: 0, fail: 0, warn: 0, unknown: 0 };
  for (const r of [...nodes.flatMap((n) => n.results), ...cluster]) counts[r.status]++;
  const next = report.next && { ...report.next, needs: keep(report.next.needs) };
  return { ...report, nodes, cluster, counts, ...(next ? { next } : {}) };
}

const levelRank = (l: string) => LEVELS.indexOf(l as Level);
const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/** True when no node could be read at all: the audit says nothing about the target. */
export const nothingRead = (report: AuditReport): boolean =>
  report.nodes.length > 0 && report.nodes.every((n) => n.unreachable !== undefined);

export function auditExit(report: AuditReport, gate: Gate): 0 | 1 | 2 {
  if (nothingRead(report)) return 2;
  if (gate.level) return levelRank(report.reached) >= levelRank(gate.level) ? 0 : 1;
  const bar = severityRank(gate.failOn);
  const failing = gatedResults(report, gate.checks).some(
    (r) => r.status === 'fail' && severityRank(r.severity) <= bar,
  );
  return failing ? 1 : 0;
}
