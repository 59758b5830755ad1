// How a user reads in one table row, and the filter and sort over rows. Pure, so the
// pane, the headless `acl list` and the tests agree on it.
import type { UserRow, UserSort } from '../../../state/users-slice.js';
import { channelsSummary, commandsSummary, keysSummary, passwordState } from '../../../domain/acl/summary.js';
import { toDisplay } from '../../../domain/display.js';

// The cell texts live in the domain so `redis-warden acl list` shares them; re-exported for the pane.
export { channelsSummary, commandsSummary, keysSummary, passwordState };

export function filterRows(rows: readonly UserRow[], filter: string): UserRow[] {
  const f = filter.trim().toLowerCase();
  if (!f) return [...rows];
  return rows.filter((r) =>
    [
      r.name,
      // As shown: a name that is not UTF-8 or holds controls is found by what is on screen.
      toDisplay(r.name),
      r.user?.enabled === false ? 'off' : 'on',
      r.user ? keysSummary(r.user.keys) : '',
      r.user?.commands ?? '',
      ...r.risks.map((x) => x.badge),
    ].some((x) => x.toLowerCase().includes(f)),
  );
}

const riskScore = (r: UserRow) => r.risks.reduce((n, x) => n + (x.severity === 'high' ? 10 : 1), 0);

export function sortRows(rows: readonly UserRow[], by: UserSort, reverse: boolean): UserRow[] {
  const key = (r: UserRow): number | string =>
    by === 'clients'
      ? -(r.clients ?? -1)
      : by === 'risk'
        ? -riskScore(r)
        : by === 'status'
          ? r.user?.enabled === false
            ? 1
            : 0
          : 0;
  const sorted = [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return reverse ? sorted.reverse() : sorted;
}
