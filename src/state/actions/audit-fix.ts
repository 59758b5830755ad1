// The one seam between the Audit pane's `f` and the audit fixes as operations, which
// h/audit-cmd adds to src/ops/audit.ts as `applyFix(target, env, result, confirmed)` (the
// result's online fixes run as operations through the one mutation path: read-only refusal,
// every node, journal, re-read). Until that lands this says so and changes nothing; at the
// merge this file becomes `export { applyFix } from '../../ops/audit.js'` (adapting the
// result to FixResult below if its shape differs) and nothing else in the pane changes.
import type { CheckResult } from '../../domain/audit/types.js';
import type { MutationEnv, MutationResult } from '../../ops/mutation.js';
import type { Target } from '../../redis/target.js';

/** What `f` reports: the mutation path's result of the fix (several operations read as one). */
export type FixResult = MutationResult<unknown>;

export function applyFix(
  _target: Target,
  env: MutationEnv,
  result: CheckResult,
  confirmed: boolean,
): Promise<FixResult> {
  const summary = (result.fix?.online ?? []).map((f) => f.summary).join('; ');
  if (env.readOnly)
    return Promise.resolve({
      status: 'refused',
      summary,
      results: [],
      reason: 'read-only mode: changes are switched off (--read-only or the profile setting)',
    });
  if (!confirmed) return Promise.resolve({ status: 'needs-confirmation', summary, results: [] });
  return Promise.resolve({
    status: 'refused',
    summary,
    results: [],
    reason:
      'applying audit fixes is not in this build yet (src/ops/audit.ts applyFix): run the commands shown',
  });
}
