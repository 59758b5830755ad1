// What the Clients pane shows: the merged list filtered (text or field expressions), the
// highlights of every client, risky-only, sorted, or grouped. Memoised per input, so a
// move of the selection recomputes nothing and a refresh of 10,000 clients does it once.
import { useMemo } from 'react';
import { useAppState } from '../../app-context.js';
import { parseNetworks } from '../../../domain/clients/cidr.js';
import type { Network } from '../../../domain/clients/cidr.js';
import { parseClientFilter } from '../../../domain/clients/filter.js';
import { groupClients } from '../../../domain/clients/group.js';
import type { ClientGroup } from '../../../domain/clients/group.js';
import { clientRisks } from '../../../domain/clients/risk.js';
import type { ClientRisk, RiskContext } from '../../../domain/clients/risk.js';
import { sortClients } from '../../../domain/clients/sort.js';
import type { ClientInfo } from '../../../domain/clients/types.js';

export interface ClientView {
  rows: ClientInfo[];
  groups?: ClientGroup[];
  risks: (c: ClientInfo) => readonly ClientRisk[];
  /** Clients with a high or medium highlight, in the whole list. */
  risky: number;
  error?: string;
}

const NONE: readonly ClientRisk[] = [];
const NO_NETWORKS: readonly string[] = [];

function networksOf(nets: readonly string[]): Network[] | undefined {
  try {
    return nets.length ? parseNetworks(nets) : undefined;
  } catch {
    return undefined; // validated when the profile was saved
  }
}

export function useClientView(): ClientView {
  const c = useAppState((s) => s.clients);
  const filter = useAppState((s) => s.ui.filters.clients ?? '');

  const nets = useAppState(
    (s) =>
      s.session.expectedNetworks ??
      s.profiles.list.find((p) => p.name === s.session.profile)?.expectedNetworks ??
      NO_NETWORKS,
  );
  const ctx = useMemo<RiskContext>(
    () => ({
      self: new Map(Object.entries(c.self)),
      // The feed reads ACL LIST with every poll: a user disabled a second ago is flagged now.
      users: c.users && new Map(Object.entries(c.users)),
      networks: networksOf(nets),
    }),
    [c.self, c.users, nets],
  );
  // Every client's highlights once per refresh; the flagged count in the same pass.
  const { riskMap, risky } = useMemo(() => {
    const m = new Map<ClientInfo, readonly ClientRisk[]>();
    let flagged = 0;
    for (const row of c.rows) {
      const r = clientRisks(row, ctx);
      if (!r.length) continue;
      m.set(row, r);
      if (r.some((x) => x.severity !== 'info')) flagged += 1;
    }
    return { riskMap: m, risky: flagged };
  }, [c.rows, ctx]);
  const risks = useMemo(() => (row: ClientInfo) => riskMap.get(row) ?? NONE, [riskMap]);
  const isRisky = (row: ClientInfo) => risks(row).some((r) => r.severity !== 'info');
  const parsed = useMemo(() => parseClientFilter(filter), [filter]);
  const filtered = useMemo(() => {
    if (!parsed.ok) return [];
    const test = parsed.terms ? parsed.test : undefined;
    if (!test && !c.risky) return c.rows;
    return c.rows.filter((row) => (!test || test(row)) && (!c.risky || isRisky(row)));
  }, [c.rows, parsed, c.risky, riskMap]);
  const rows = useMemo(() => sortClients(filtered, c.sort.by, c.sort.reverse), [filtered, c.sort]);
  const groups = useMemo(
    () => (c.groupBy ? groupClients(filtered, c.groupBy) : undefined),
    [filtered, c.groupBy],
  );
  return {
    rows,
    groups,
    risks,
    risky,
    error: parsed.ok ? undefined : `${parsed.error} (at ${parsed.at + 1})`,
  };
}
