// `redis-warden acl apply FILE --yes`: the plan, applied on every node and re-read from every
// node (src/ops/acl-apply.ts, the drift view's sync runs the same), printed step by step.
import type { DesiredUser } from '../domain/acl/plan.js';
import { applyPlanned, hashesOf } from '../ops/acl-apply.js';
import type { ApplyVia } from '../ops/acl-apply.js';
import { appliedCode, describeStep, outcomeLines } from '../ops/acl-apply-text.js';
import { allEmpty, loadDesired, lockoutOf, nodePlans, planFile } from '../ops/acl-desired.js';
import type { CommandContext } from './context.js';
import { persistenceReminder } from './acl-save.js';
import { withAcl } from './acl-session.js';
import type { AclSession } from './acl-session.js';
import { printPlan } from './acl-plan.js';
import type { PlanFlags } from './acl-plan.js';
import { print } from './output.js';

export interface ApplyFlags extends PlanFlags {
  yes?: boolean;
  allowLockout?: boolean;
}

export async function aclApply(ctx: CommandContext, file: string, flags: ApplyFlags): Promise<number> {
  const desired = loadDesired(file, ctx.warn);
  return withAcl(ctx, flags, (s) => applyDesired(ctx, s, file, desired, flags));
}

/**
 * Plans `desired` against every node, applies it through the mutation path and re-reads every
 * node: `acl apply` (the file) and `acl sync` (one node's users). `file` names the source in
 * messages. The result is the exit code; `after` (sync's persist) runs once something was
 * applied, and the journal's entries then say `from: acl sync`.
 */
export async function applyDesired(
  ctx: CommandContext,
  s: AclSession,
  file: string,
  desired: DesiredUser[],
  flags: ApplyFlags,
  after?: () => Promise<number>,
): Promise<number> {
  const p = await planFile(s, file, desired, { prune: flags.prune }, ctx.warn);
  printPlan(p, file, flags.prune, ctx.warn);
  if (allEmpty(p)) return p.unreadable?.length ? 2 : 0;
  if (lockoutOf(p).length && !flags.allowLockout) {
    ctx.warn('Refused: this plan could lock the console (or everyone) out; nothing was changed.');
    ctx.warn('Fix the file, or pass --allow-lockout if that is really what you want.');
    return 2;
  }
  ctx.journal.addSecrets(...hashesOf(nodePlans(p).map((n) => n.plan)));
  const via: ApplyVia = after ? 'acl sync' : 'acl apply';
  const out = await applyPlanned(s, p, {
    confirmed: Boolean(flags.yes),
    prune: flags.prune,
    via,
    onStep: (step, r) => print(describeStep(step, r).join('\n')),
  });
  if (out.status === 'needs-confirmation') {
    ctx.warn(
      `Not applied: run again with --yes to apply these ${out.steps} changes on ${out.nodes} node${out.nodes === 1 ? '' : 's'}.`,
    );
    return 1; // the one rule: 1 is "not done, needs --yes" (README: Exit codes)
  }
  if (out.status === 'refused') {
    ctx.warn(`Refused: ${out.reason}; nothing was changed.`);
    return 2;
  }
  const a = out.report;
  print(outcomeLines(a, file).join('\n'));
  const code = appliedCode(a);
  if (a.applied + a.inEffect > 0 && after) return Math.max(code, await after());
  if (a.applied + a.inEffect > 0) print(await persistenceReminder(s));
  return code;
}
