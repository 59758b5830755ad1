// The seed's Security Checklist (Development / Staging / Production), each box ticked, crossed
// or unknown from the same checks as the levels, or "by hand" when nothing inside Redis shows
// it. A warn does not block a level, but its box is not ticked either: it is `warned`. Pure.
import type { CheckResult, ChecklistBox } from './types.js';

type Stage = ChecklistBox['stage'];

/** The seed's boxes, in its order, and the checks behind each ([] = verify by hand). */
export const CHECKLIST: readonly { stage: Stage; item: string; checks: string[] }[] = [
  { stage: 'Development', item: 'Set requirepass', checks: ['AUTH-001', 'AUTH-002', 'AUTH-005'] },
  { stage: 'Development', item: 'Bind to localhost only', checks: ['NET-002'] },
  { stage: 'Development', item: 'Enable protected-mode', checks: ['NET-001'] },
  { stage: 'Staging', item: 'Configure ACL users', checks: ['AUTH-010', 'PER-001'] },
  { stage: 'Staging', item: 'Disable default user', checks: ['AUTH-003'] },
  { stage: 'Staging', item: 'Enable TLS', checks: ['TLS-001'] },
  { stage: 'Staging', item: 'Restrict network access', checks: [] },
  { stage: 'Staging', item: 'Disable dangerous commands', checks: ['CMD-001', 'CMD-002'] },
  { stage: 'Production', item: 'Strong unique passwords (32+ chars)', checks: ['AUTH-006', 'AUTH-007'] },
  { stage: 'Production', item: 'Per-application ACL users', checks: ['AUTH-011'] },
  { stage: 'Production', item: 'mTLS with client certificates', checks: ['TLS-002'] },
  { stage: 'Production', item: 'Firewall/NetworkPolicy', checks: [] },
  { stage: 'Production', item: 'No public internet exposure', checks: [] },
  { stage: 'Production', item: 'Regular credential rotation', checks: ['AUTH-009'] },
  { stage: 'Production', item: 'ACL audit logging enabled', checks: ['PER-002'] },
  { stage: 'Production', item: 'Rename/disable admin commands', checks: ['CMD-001', 'CMD-003'] },
  { stage: 'Production', item: 'Regular security updates', checks: ['SW-002', 'SW-003'] },
  { stage: 'Production', item: 'Backup encryption', checks: [] },
];

/** Each box from every node's (and the cluster's) results: one fail anywhere crosses it. */
export function buildChecklist(results: readonly CheckResult[]): ChecklistBox[] {
  return CHECKLIST.map(({ stage, item, checks }) => {
    const mine = results.filter((r) => checks.includes(r.id));
    const state: ChecklistBox['state'] =
      checks.length === 0
        ? 'manual'
        : mine.some((r) => r.status === 'fail')
          ? 'crossed'
          : mine.some((r) => r.status === 'unknown') || mine.length === 0
            ? 'unknown'
            : mine.some((r) => r.status === 'warn')
              ? 'warned'
              : 'ticked';
    return { stage, item, state, checks: [...checks] };
  });
}
