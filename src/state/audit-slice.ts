// The Audit pane's data: the last report (one run of runAudit over every node), whether one
// is running and what it is doing, why the last one could not run, and what the operator set
// (failures only, the view, the check open in the detail, the last fix's outcome).
import type { AuditReport, CheckResult } from '../domain/audit/types.js';

export type AuditView = 'checks' | 'level';

export interface AuditSlice {
  status: 'idle' | 'running';
  report?: AuditReport;
  /** While it runs: "auditing 6 nodes…". */
  progress?: string;
  /** Why the last run gave no report (not connected, a bug): said instead of an empty pane. */
  error?: string;
  /** When the last report was made (ms epoch). */
  ranAt?: number;
  /** Only fail, warn and unknown results. */
  failuresOnly: boolean;
  view: AuditView;
  /** The result open in the detail (resultKey). */
  open?: string;
  /** What the last `f` did, shown until the next run says otherwise. */
  lastFix?: { text: string; tone: 'ok' | 'warning' | 'danger' };
}

export const initialAudit = (): AuditSlice => ({ status: 'idle', failuresOnly: false, view: 'checks' });

/** A result's key across nodes: the same check runs on each node, the cluster-wide ones once. */
export const resultKey = (r: { id: string; node?: string }): string => `${r.node ?? '*'} ${r.id}`;

/** Every result of a report: each node's, then the cluster-wide ones. */
export const allResults = (report: AuditReport | undefined): CheckResult[] =>
  report ? [...report.nodes.flatMap((n) => n.results), ...report.cluster] : [];
