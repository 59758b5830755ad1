// The one seam between the Audit pane's F and the audit fixes as operations, which h/audit-cmd
// adds to src/ops/audit.ts as `applyFix(target, env, result, confirmed, opts): FixOutcome` (each
// online fix an operation through the one mutation path: read-only refusal, every node,
// journal, re-read; then the check judged again). Until that is on main this stand-in keeps its
// shape and sends nothing. At the merge this file becomes
//   export { applyFix } from '../../ops/audit.js';
//   export type { FixOutcome } from '../../ops/audit.js';
//   export const FIX_APPLIES = true;
// and nothing else in the pane changes (test/ui/audit-pane.test.tsx runs the apply test then).
import type { CheckResult } from '../../domain/audit/types.js';
import type { AuditOptions } from '../../ops/audit.js';
import type { MutationEnv } from '../../ops/mutation.js';
import type { OperationResult } from '../../ops/operations/run.js';
import type { Target } from '../../redis/target.js';

export interface FixOutcome {
  /** done: every step ok and the check re-judged; otherwise the first step that was not ok says why. */
  status: 'done' | 'none' | OperationResult['status'];
  /** Each step run, in order, up to the first that was not ok. */
  runs: OperationResult[];
  /** The check judged again on a fresh read of its node. */
  after?: CheckResult;
}

/** Whether F can apply a fix in this build (false until applyFix is on main). */
export const FIX_APPLIES: boolean = false;

export function applyFix(
  _target: Target,
  env: MutationEnv,
  result: CheckResult,
  confirmed: boolean,
  _opts: AuditOptions,
): Promise<FixOutcome> {
  const summary = (result.fix?.online ?? []).map((f) => f.summary).join('; ');
  const refused = (reason: string): FixOutcome => ({
    status: 'refused',
    runs: [{ status: 'refused', summary, results: [], reason }],
  });
  if (!result.fix?.online?.length) return Promise.resolve({ status: 'none', runs: [] });
  if (env.readOnly)
    return Promise.resolve(
      refused('read-only mode: changes are switched off (--read-only or the profile setting)'),
    );
  if (!confirmed)
    return Promise.resolve({
      status: 'needs-confirmation',
      runs: [{ status: 'needs-confirmation', summary, results: [] }],
    });
  return Promise.resolve(
    refused(
      'applying audit fixes is not in this build yet (applyFix, src/ops/audit.ts): run the commands shown',
    ),
  );
}
