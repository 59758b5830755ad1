// buildReport(facts[], ctx) -> AuditReport: every check on every node (one read per node,
// shared), the cluster-wide checks once, the level per node and for the whole, what the next
// level needs, the checklist and what to verify by hand. Pure.
import { CHECKS, MANUAL } from './catalogue.js';
import { buildChecklist } from './checklist.js';
import { isSecretSetting, unknown } from './finding.js';
import { lowest, nextLevel, nodeLevel } from './maturity.js';
import { REDACTED } from '../redact.js';
import type {
  AuditContext,
  AuditReport,
  CheckDef,
  CheckResult,
  Finding,
  NodeFacts,
  NodeReport,
  Status,
} from './types.js';

const resultOf = (def: CheckDef, finding: Finding, node?: string): CheckResult => ({
  id: def.id,
  title: def.title,
  area: def.area,
  level: def.level,
  severity: def.severity,
  seed: def.seed,
  ...(node !== undefined ? { node } : {}),
  ...finding,
});

/** A check that throws is a bug of ours, not a finding about the server: unknown, with why. */
function safely(run: () => Finding): Finding {
  try {
    return run();
  } catch (err) {
    return unknown(`the check failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function judgeNode(facts: NodeFacts, ctx: AuditContext): NodeReport {
  const results = CHECKS.filter((def) => def.check).map((def) => {
    const finding = facts.reachable.ok
      ? safely(() => def.check!(facts, ctx))
      : unknown(`${facts.node} not reached: ${facts.reachable.error}`);
    return resultOf(def, finding, facts.node);
  });
  return {
    node: facts.node,
    reached: 'none',
    results,
    // Not reached: every check is unknown for that reason; said once for the node.
    ...(facts.reachable.ok ? {} : { unreachable: facts.reachable.error }),
  };
}

/**
 * Every value of a secret setting that reached the facts (the reader removes them; this is the
 * second lock): replaced wherever it shows in the report.
 */
function secretsIn(facts: readonly NodeFacts[]): string[] {
  return facts.flatMap((f) =>
    f.config.ok
      ? Object.entries(f.config.value)
          .filter(([k, v]) => isSecretSetting(k) && v !== '')
          .map(([, v]) => v)
      : [],
  );
}

function scrub<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const sorted = [...new Set(secrets)].sort((a, b) => b.length - a.length);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return sorted.reduce((s, secret) => s.split(secret).join(REDACTED), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

export function buildReport(facts: readonly NodeFacts[], ctx: AuditContext): AuditReport {
  const context: AuditContext = { ...ctx, knownNodes: ctx.knownNodes ?? facts.map((f) => f.node) };
  const cluster = CHECKS.filter((def) => def.checkAll).map((def) =>
    resultOf(
      def,
      safely(() => def.checkAll!(facts, context)),
    ),
  );
  const nodes = facts.map((f) => judgeNode(f, context));
  for (const n of nodes) n.reached = nodeLevel(n, cluster);
  const reached = lowest(nodes.map((n) => n.reached));
  const all = [...nodes.flatMap((n) => n.results), ...cluster];
  const counts: Record<Status, number> = { pass: 0, fail: 0, warn: 0, unknown: 0 };
  for (const r of all) counts[r.status]++;
  const next = nextLevel(nodes, cluster, reached);
  const report: AuditReport = {
    at: ctx.now.toISOString(),
    target: ctx.target,
    nodes,
    cluster,
    reached,
    counts,
    ...(next ? { next } : {}),
    manual: [...MANUAL],
    checklist: buildChecklist(all),
    cveTable: { date: ctx.cves.date, sources: [...ctx.cves.sources] },
    passwordList: { ...ctx.passwordList },
  };
  return scrub(report, secretsIn(facts));
}
