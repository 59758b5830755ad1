// The audit, once, for the Audit pane, `redis-warden audit` and (later) the incident flow: one
// read per node of the Target (src/redis/audit-read.ts), judged by the pure checks
// (src/domain/audit/), into one report. It only reads; a fix is an operation of
// src/ops/operations run through the one mutation path by whoever shows the report.
import { auditContext, commonPasswords } from '../domain/audit/data.js';
import { buildReport } from '../domain/audit/report.js';
import type { AuditReport, CveTable, NodeFacts } from '../domain/audit/types.js';
import { AUDIT_TIMEOUT_MS, readTargetFacts } from '../redis/audit-read.js';
import type { Target } from '../redis/target.js';
import type { ConnectionSpec } from '../profiles/schema.js';

export interface AuditOptions {
  /** The Target's spec: TLS files and SNI for the handshake and the credential-less probe. */
  spec: ConnectionSpec;
  /** What the report names as audited: the profile, else the Target's address. */
  name?: string;
  /** Users allowed dangerous commands (`--admin NAME`); default: `admin` (and the console's user). */
  admins?: readonly string[];
  /** Masters outside the Target that replicas may follow (`host:port`). */
  expectedMasters?: readonly string[];
  /** The bound of one node's read (every probe within it). */
  timeoutMs?: number;
  /** Known secrets (the auditor's password), kept out of every text. */
  secrets?: readonly string[];
  now?: Date;
  /** Another CVE table (tests; a newer file an operator points at). */
  cves?: CveTable;
}

export { AUDIT_TIMEOUT_MS };

/** Reads every node (in parallel, bounded) and judges what was read. Never writes, never throws for a node. */
export async function runAudit(target: Target, opts: AuditOptions): Promise<AuditReport> {
  const facts = await readTargetFacts(target, {
    spec: opts.spec,
    timeoutMs: opts.timeoutMs,
    secrets: opts.secrets,
  });
  return judge(facts, target, opts);
}

/** The report for facts already read (a re-judge after a setting changed elsewhere, tests). */
export function judge(facts: readonly NodeFacts[], target: Target, opts: AuditOptions): AuditReport {
  const consoleUser = opts.spec.user ?? 'default';
  const ctx = auditContext(
    {
      now: opts.now ?? new Date(),
      target: opts.name ?? target.address,
      cluster: Boolean(opts.spec.cluster) || facts.length > 1,
      admins: opts.admins?.length ? [...opts.admins] : ['admin'],
      consoleUser,
      ...(opts.expectedMasters?.length ? { expectedMasters: [...opts.expectedMasters] } : {}),
    },
    commonPasswords(),
    ...(opts.cves ? [opts.cves] : []),
  );
  return buildReport(facts, ctx);
}
