// How a user reads in one table row, and the filter and sort over rows. Pure, so the
// pane, the headless `acl list` and the tests agree on it.
import type { RiskFlag } from '../../../domain/acl/risk.js';
import type { UserRow, UserSort } from '../../../state/users-slice.js';
import { channelsSummary, commandsSummary, keysSummary, passwordState } from '../../../domain/acl/summary.js';
import { toDisplay } from '../../../domain/display.js';

/** A risk that holds on some nodes only names them: "nopass on 10.0.0.3:6379". */
export function riskLabel(r: UserRow, flag: RiskFlag, text = flag.badge): string {
  const on = r.riskNodes?.[flag.id];
  return on?.length ? `${text} on ${on.map(toDisplay).join(', ')}` : text;
}

// The cell texts live in the domain so `redis-warden acl list` shares them; re-exported for the pane.
export { channelsSummary, commandsSummary, keysSummary, passwordState };

/**
 * Users whose state is unknown (a change's reply was lost) show no rules, risks or status: the
 * last ones read may be wrong. One not listed (a new user) is shown too: it may exist now.
 */
export function markUnsure(rows: readonly UserRow[], unsure: readonly string[] | undefined): UserRow[] {
  if (!unsure?.length) return [...rows];
  const names = new Set(unsure);
  const unknown = (name: string, r?: UserRow): UserRow => ({
    name,
    clients: r?.clients,
    drift: r?.drift ?? [],
    risks: [],
    unknown: true,
  });
  const listed = new Set(rows.map((r) => r.name));
  return [
    ...rows.map((r) => (names.has(r.name) ? unknown(r.name, r) : r)),
    ...unsure.filter((n) => !listed.has(n)).map((n) => unknown(n)),
  ];
}

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

const GRADE_SCORE = { critical: 100, high: 10, low: 1 } as const;
const riskScore = (r: UserRow) => r.risks.reduce((n, x) => n + GRADE_SCORE[x.severity], 0);

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
