// The Clients pane's group view and `clients --group-by`: who is connected, summed per user,
// per source address or per last command, biggest groups first.
import { hostOf } from './cidr.js';
import type { ClientGroupBy, ClientInfo } from './types.js';

export interface ClientGroup {
  /** The user, the source address without its port (`addr`), or the last command. */
  key: string;
  count: number;
  /** Distinct nodes the members are on, sorted. */
  nodes: string[];
  totMem: number;
  omem: number;
  maxIdle: number;
  /** The newest member's age (seconds). */
  minAge: number;
  /** Enough to find (and kill) each member again. */
  members: { node: string; id: string }[];
}

const KEY_OF: Record<ClientGroupBy, (c: ClientInfo) => string> = {
  user: (c) => c.user,
  addr: (c) => hostOf(c.addr),
  cmd: (c) => c.cmd,
};

/** Groups by `by`, sorted by count (descending), then key in code-unit order. */
export function groupClients(rows: readonly ClientInfo[], by: ClientGroupBy): ClientGroup[] {
  const keyOf = KEY_OF[by];
  const groups = new Map<string, ClientGroup>();
  for (const c of rows) {
    const key = keyOf(c);
    let g = groups.get(key);
    if (!g) {
      g = { key, count: 0, nodes: [], totMem: 0, omem: 0, maxIdle: 0, minAge: c.age, members: [] };
      groups.set(key, g);
    }
    g.count += 1;
    // A handful of nodes at most: a scan beats a Set per group (grouping by address can make thousands).
    if (!g.nodes.includes(c.node)) g.nodes.push(c.node);
    g.totMem += c.totMem;
    g.omem += c.omem;
    if (c.idle > g.maxIdle) g.maxIdle = c.idle;
    if (c.age < g.minAge) g.minAge = c.age;
    g.members.push({ node: c.node, id: c.id });
  }
  const out = [...groups.values()];
  for (const g of out) if (g.nodes.length > 1) g.nodes.sort();
  return out.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
