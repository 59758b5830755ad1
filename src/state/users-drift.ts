// On a cluster each node has its own users (Redis does not propagate ACLs): the Users pane
// reads every node through the shared reader and model (ops/acl-nodes, domain/acl/per-node),
// so a user that exists only on another node is listed, with where it exists, and a risk
// that holds on one node only names that node.
import { aclUnion, driftHeadline, offNodes, readCount } from '../domain/acl/per-node.js';
import type { AclUnion, NodeAcl } from '../domain/acl/per-node.js';
import type { AclUser, CommandUniverse } from '../domain/acl/types.js';
import type { Target } from '../redis/target.js';
import type { UserRow } from './users-slice.js';

/** Every node's users (the first node's already read, `mine`), and the union of them. */
export async function unionOf(
  target: Target,
  from: string,
  mine: AclUser[] | undefined,
  universe?: CommandUniverse,
): Promise<{ union: AclUnion; read: Set<string> }> {
  const others = target.nodeIds().filter((id) => id !== from);
  const { readNodeAcls } = await import('../ops/acl-nodes.js');
  const theirs: NodeAcl[] = others.length ? await readNodeAcls(target, others) : [];
  const nodes: NodeAcl[] = mine ? [{ node: from, users: mine }, ...theirs] : theirs;
  const union = aclUnion(nodes, universe);
  const read = new Set([from, ...nodes.filter((n) => 'users' in n).map((n) => n.node)]);
  return { union, read };
}

/** The rows of the first node, with the union's drift, where and per-node risks; then users it lacks. */
export function unionRows(rows: UserRow[], union: AclUnion): UserRow[] {
  if (union.nodes.length < 2) return rows;
  const byName = new Map(union.users.map((u) => [u.name, u]));
  const one = (row: UserRow): UserRow => {
    const u = byName.get(row.name);
    if (!u) return row;
    const everywhere = !u.missing.length;
    const all = readCount(union);
    return {
      ...row,
      user: row.user ?? u.variants[0]?.user,
      // The worst per flag, each on the nodes where it holds (none: on every node read).
      risks: u.risks.map((r) => r.flag),
      riskNodes: Object.fromEntries(
        u.risks.filter((r) => r.nodes.length < all).map((r) => [r.flag.id, r.nodes]),
      ),
      drift: u.differs ? offNodes(u) : [],
      where: everywhere ? undefined : u.variants.flatMap((v) => v.nodes),
    };
  };
  const listed = new Set(rows.map((r) => r.name));
  const extra = union.users
    .filter((u) => !listed.has(u.name))
    .map((u) => one({ name: u.name, risks: [], drift: [] }));
  return [...rows.map(one), ...extra];
}

export { driftHeadline };
