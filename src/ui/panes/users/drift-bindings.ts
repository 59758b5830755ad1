// The drift view's own keys (data: its footer, the README and the tests read them). The view
// is an overlay that takes every key while open, so `s` / `S` here sync (the issue's `S`)
// instead of sorting: the matrix has no sort, and the Users list's s / S are not reachable
// from it. Each sync shows its plan per node and asks before anything is written.
import type { Binding } from '../../keymap/bindings.js';

export const DRIFT_BINDINGS: Binding[] = [
  {
    id: 'drift.sync-user',
    keys: ['s'],
    description: "Sync this row's user from this column's node to every node (plan first)",
    short: 'sync user',
    scope: 'users',
    hint: true,
    dangerous: true,
  },
  {
    id: 'drift.sync-all',
    keys: ['S'],
    description: "Sync all users from this column's node to every node (plan first; p in it: with prune)",
    short: 'sync all',
    scope: 'users',
    hint: true,
    dangerous: true,
  },
  {
    id: 'drift.sync-file',
    keys: ['F'],
    description: 'Sync every node to an ACL file (asks for its path; plan first; p in it: with prune)',
    short: 'from file',
    scope: 'users',
    hint: true,
    dangerous: true,
  },
];
