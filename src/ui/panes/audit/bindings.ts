// The Audit pane's keys (data: its spec, the footer, help and the tests read them). `r` is the
// global refresh, which re-runs the audit on this pane (src/state/actions/index.ts).
import type { Binding } from '../../keymap/bindings.js';

export const AUDIT_BINDINGS: Binding[] = [
  // F first: the footer shows the pane's keys in this order, and 80 columns fit only a few.
  {
    // `f` is the ACL Log's follow: one key, one meaning (test/ui/keymap-collisions.test.ts).
    id: 'audit.fix',
    keys: ['F'],
    description:
      'Fix online what can be (CONFIG SET, ACL SETUSER, then CONFIG REWRITE / ACL SAVE): asks first, then re-runs',
    short: 'fix',
    scope: 'audit',
    hint: true,
    dangerous: true,
  },
  {
    id: 'audit.open',
    keys: ['return'],
    description:
      "Details: evidence, the fix (commands, redis.conf and ACL lines), the grant an unknown needs, the seed's section, every node",
    short: 'details',
    scope: 'audit',
    hint: true,
  },
  {
    // `!` as in Clients: only the rows that need attention.
    id: 'audit.risky',
    keys: ['!'],
    description: 'Failures only: fail, warn and unknown (again: every check)',
    short: 'failures',
    scope: 'audit',
    hint: true,
  },
  {
    id: 'audit.level',
    keys: ['l'],
    description:
      "Level view: counts per level, what the next level needs, the seed's checklist, what to verify by hand",
    short: 'level',
    scope: 'audit',
    hint: true,
  },
];
