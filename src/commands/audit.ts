// `redis-warden audit`: the Audit pane, headless, for CI. One read per node (runAudit, the
// same audit the pane shows), judged, printed as text, JSON (--json, stable: versioned, names
// also as hex) or Markdown (--markdown). Exit 0: the target reaches --level (when given), else
// no failing check at or above --fail-on (default high); 1 otherwise; 2: bad input, or no node
// could be read. It only reads. `--grants` prints the least-privileged auditor and connects to nothing.
import { checkById } from '../domain/audit/catalogue.js';
import { auditExit, cutReport } from '../domain/audit/gate.js';
import type { AuditReport, CheckResult, Level, Severity } from '../domain/audit/types.js';
import { LEVELS, SEVERITIES } from '../domain/audit/types.js';
import { hexBytes } from '../domain/bytes.js';
import { toDisplay } from '../domain/display.js';
import { runAudit } from '../ops/audit.js';
import { AUDITOR_GRANTS, AUDITOR_RULE } from '../redis/auditor-grants.js';
import { ConnectError, withAcl } from './acl-session.js';
import type { AclFlags } from './acl-session.js';
import { markdownReport, textReport } from './audit-text.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { print, printJson } from './output.js';

export interface AuditFlags extends AclFlags {
  markdown?: boolean;
  level?: string;
  failOn?: string;
  check?: string[];
  admin?: string[];
  grants?: boolean;
}

/** The --json document's version: a field removed or renamed bumps it. */
export const AUDIT_JSON_VERSION = 1;

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  values: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase() as T;
  if (!values.includes(v)) throw new UsageError(`${flag}: "${value}" is not one of ${values.join(', ')}`);
  return v;
}

function checksOf(ids: readonly string[] | undefined): string[] {
  const out = (ids ?? [])
    .flatMap((s) => s.split(','))
    .filter(Boolean)
    .map((s) => s.toUpperCase());
  for (const id of out)
    if (!checkById(id)) throw new UsageError(`--check: no check "${id}" (see the README's audit table)`);
  return out;
}

/** `ACL SETUSER auditor ...` and the ACL file line, for the Users pane's template and --grants. */
export const grantsLines = (): string[] => [
  '# The least-privileged auditor: every audit check works with it. Add a password (>PASSWORD) to use it.',
  `ACL SETUSER auditor ${AUDITOR_RULE}`,
  '# or, in the ACL file:',
  `user auditor ${AUDITOR_RULE}`,
];

const subjectsHex = (r: CheckResult) => (r.subjects ? { subjectsHex: r.subjects.map(hexBytes) } : {});

/** The --json document: raw values (printJson escapes them once), names also as hex. */
export function auditJson(report: AuditReport, exit: number): unknown {
  const result = (r: CheckResult) => ({ ...r, ...subjectsHex(r) });
  return {
    version: AUDIT_JSON_VERSION,
    target: report.target,
    at: report.at,
    reached: report.reached,
    exit,
    counts: report.counts,
    nodes: report.nodes.map((n) => ({
      node: n.node,
      reached: n.unreachable !== undefined ? 'unknown' : n.reached,
      ...(n.unreachable !== undefined ? { unreachable: n.unreachable } : {}),
      results: n.results.map(result),
    })),
    cluster: report.cluster.map(result),
    ...(report.next ? { next: { ...report.next, needs: report.next.needs.map(result) } } : {}),
    checklist: report.checklist,
    manual: report.manual,
    cveTable: report.cveTable,
    passwordList: report.passwordList,
  };
}

export async function audit(ctx: CommandContext, flags: AuditFlags): Promise<number> {
  if (flags.grants) {
    if (flags.json) printJson({ user: 'auditor', rule: AUDITOR_RULE, grants: [...AUDITOR_GRANTS] });
    else print(grantsLines().join('\n'));
    return 0;
  }
  if (flags.json && flags.markdown) throw new UsageError('--json and --markdown: pick one');
  const level = oneOf<Level>('--level', flags.level, LEVELS);
  const failOn = oneOf<Severity>('--fail-on', flags.failOn, SEVERITIES) ?? 'high';
  const checks = checksOf(flags.check);
  try {
    return await auditTarget(ctx, flags, { level, failOn, checks });
  } catch (err) {
    // No node could be used: the JSON still says so (a CI step reads stdout), then exit 2.
    if (flags.json && err instanceof ConnectError)
      printJson({ version: AUDIT_JSON_VERSION, reached: 'unknown', exit: 2, error: err.message, nodes: [] });
    throw err;
  }
}

async function auditTarget(
  ctx: CommandContext,
  flags: AuditFlags,
  { level, failOn, checks }: { level?: Level; failOn: Severity; checks: string[] },
): Promise<number> {
  return withAcl(ctx, flags, async (s) => {
    const full = await runAudit(s.target, {
      spec: s.spec,
      name: flags.profile ?? s.target.address,
      admins: flags.admin?.flatMap((a) => a.split(',')).filter(Boolean),
      timeoutMs: Math.max(100, s.bound.left() ?? 5000),
      secrets: s.target.secrets,
      journal: ctx.journal.read({ kind: 'mutation' }),
    });
    const exit = auditExit(full, { level, failOn, checks });
    const report = cutReport(full, checks);
    if (flags.json) printJson(auditJson(report, exit));
    else {
      const lines = flags.markdown ? markdownReport(report) : textReport(report);
      print(lines.map((l) => toDisplay(l)).join('\n'));
      if (!flags.markdown) print(exitLine(exit, level, failOn));
    }
    return exit;
  });
}

function exitLine(exit: number, level: Level | undefined, failOn: Severity): string {
  if (exit === 2) return 'Exit 2: no node could be read.';
  if (level) return exit === 0 ? `Exit 0: ${level} reached.` : `Exit 1: ${level} not reached.`;
  return exit === 0
    ? `Exit 0: no failing check at ${failOn} or above.`
    : `Exit 1: a check at ${failOn} or above fails.`;
}
