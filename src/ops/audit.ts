// The audit, once, for the Audit pane, `redis-warden audit` and (later) the incident flow: one
// read per node of the Target (src/redis/audit-read.ts), judged by the pure checks
// (src/domain/audit/), into one report. It only reads; a fix is operations of
// src/ops/operations (fixOperations), run through the one mutation path (applyFix) by
// whoever shows the report: the Audit pane's `f`, a flow. Nothing else applies a fix.
import { auditContext, commonPasswords } from '../domain/audit/data.js';
import { passwordChanges } from '../domain/audit/password-age.js';
import type { JournalLike } from '../domain/audit/password-age.js';
import { buildReport } from '../domain/audit/report.js';
import type { AuditReport, CheckResult, CveTable, NodeFacts } from '../domain/audit/types.js';
import { AUDIT_TIMEOUT_MS, readNodeFacts, readTargetFacts } from '../redis/audit-read.js';
import type { Target } from '../redis/target.js';
import type { ConnectionSpec } from '../profiles/schema.js';
import type { MutationEnv } from './mutation.js';
import { parseOperation, runOperation } from './operations/run.js';
import type { OperationResult } from './operations/run.js';
import type { Operation } from './operations/table.js';

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
  /**
   * The journal's mutations (oldest first): when the console last gave each user a password,
   * for AUTH-009. Without it every user has "no record".
   */
  journal?: readonly JournalLike[];
  /** Judge as a cluster (tls-cluster applies) even when the facts are of one node (a re-judge). */
  cluster?: boolean;
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

/** The facts with what the journal knows of each user's last password change on that node. */
function withPasswordAge(facts: readonly NodeFacts[], journal?: readonly JournalLike[]): NodeFacts[] {
  if (!journal) return [...facts];
  const changes = passwordChanges(journal);
  return facts.map((f) => {
    const known = changes.get(f.node);
    return known ? { ...f, passwordChanged: { ...known, ...f.passwordChanged } } : f;
  });
}

/** The report for facts already read (a re-judge after a setting changed elsewhere, tests). */
export function judge(facts: readonly NodeFacts[], target: Target, opts: AuditOptions): AuditReport {
  const consoleUser = opts.spec.user ?? 'default';
  const ctx = auditContext(
    {
      now: opts.now ?? new Date(),
      target: opts.name ?? target.address,
      cluster: opts.cluster ?? (Boolean(opts.spec.cluster) || facts.length > 1),
      admins: opts.admins?.length ? [...opts.admins] : ['admin'],
      consoleUser,
      ...(opts.expectedMasters?.length ? { expectedMasters: [...opts.expectedMasters] } : {}),
    },
    commonPasswords(),
    ...(opts.cves ? [opts.cves] : []),
  );
  return buildReport(withPasswordAge(facts, opts.journal), ctx);
}

/** The finding's online fix as operations, in order; [] when it has none (paste-only). */
export function fixOperations(result: Pick<CheckResult, 'fix'>): Operation[] {
  return (result.fix?.online ?? []).map((f) => parseOperation({ id: f.action, params: f.params }));
}

export interface FixOutcome {
  /** done: every step ok and the check re-judged; otherwise the first step that was not ok says why. */
  status: 'done' | 'none' | OperationResult['status'];
  /** Each step run, in order, up to the first that was not ok. */
  runs: OperationResult[];
  /** The check judged again on a fresh read of its node (every node for a cluster-wide check). */
  after?: CheckResult;
}

/**
 * Runs the fix of `result` (in order, stopping at the first step that is not done), then
 * re-reads that node and judges the check again. `confirmed` is the pane's confirmation or
 * `--yes`; without it the first step comes back 'needs-confirmation' and nothing is sent.
 * `reread: false` for a caller that runs the whole audit again anyway (the pane: the level and
 * counts change too), so the node is not read twice.
 */
export async function applyFix(
  target: Target,
  env: MutationEnv,
  result: CheckResult,
  confirmed: boolean,
  opts: AuditOptions,
  reread = true,
): Promise<FixOutcome> {
  const ops = fixOperations(result);
  if (!ops.length) return { status: 'none', runs: [] };
  const runs: OperationResult[] = [];
  for (const op of ops) {
    const r = await runOperation(op, { target, env, confirmed });
    runs.push(r);
    if (r.status !== 'done') return { status: r.status, runs };
  }
  return { status: 'done', runs, ...(reread ? { after: await rejudge(target, result, opts) } : {}) };
}

async function rejudge(
  target: Target,
  result: CheckResult,
  opts: AuditOptions,
): Promise<CheckResult | undefined> {
  const same = (r: CheckResult) => r.id === result.id && r.node === result.node;
  if (result.node === undefined) return (await runAudit(target, opts)).cluster.find(same);
  const facts = await readNodeFacts(target, result.node, opts);
  // Judged as part of the same Target (a cluster stays a cluster for tls-cluster and the like).
  const report = judge([facts], target, { ...opts, cluster: opts.cluster ?? target.nodeIds().length > 1 });
  return report.nodes[0]?.results.find(same);
}
