// ACL users are per node: Redis does not propagate them between the nodes of a cluster
// (redis#7988), so the model is one user list per node and every view is the union of them:
// each user that exists on any node, where it exists, and, where its rules differ, which
// nodes hold which rules. A node that could not be read is part of the model (never
// skipped), so a view can say "unknown on N" instead of "the same everywhere".
import { diffUsers } from './diff.js';
import { gradeRank, riskFlags } from './risk.js';
import type { RiskFlag } from './risk.js';
import type { AclUser, CommandUniverse } from './types.js';

/** One node's users, or why they could not be read. */
export type NodeAcl = { node: string; users: AclUser[] } | { node: string; error: string };

/** Nodes that hold one user with rules equal in effect (compared as Redis enforces them). */
export interface UserVariant {
  nodes: string[];
  user: AclUser;
}

/** A risk flag of a user and the nodes where it holds (e.g. `nopass` on one node only). */
export interface NodeRisk {
  flag: RiskFlag;
  nodes: string[];
}

export interface UnionUser {
  name: string;
  /** Variants, most nodes first (ties: the first node read first): `[0]` is the majority. */
  variants: UserVariant[];
  /** Read nodes that do not have the user. */
  missing: string[];
  /** Missing somewhere, or more than one variant. */
  differs: boolean;
  /** Every risk on any node, high severity first, each naming its nodes. */
  risks: NodeRisk[];
}

export interface AclUnion {
  /** Every node, in the order read. */
  nodes: string[];
  /** Nodes that could not be read, with why. */
  unreadable: { node: string; error: string }[];
  /** By name, in first-seen order (the first node's order, then the others'). */
  users: UnionUser[];
}

// Equal spellings first (one string compare per user on a healthy cluster); only users that
// are spelled differently pay for the comparison by effect.
const spelling = (u: AclUser) =>
  JSON.stringify([u.enabled, u.flags, [...u.passwords].sort(), u.keys, u.channels, u.commands, u.selectors]);

export function sameRules(a: AclUser, b: AclUser, universe?: CommandUniverse): boolean {
  return a === b || spelling(a) === spelling(b) || diffUsers(a, b, universe).length === 0;
}

export function aclUnion(nodes: readonly NodeAcl[], universe?: CommandUniverse): AclUnion {
  const read = nodes.filter((n): n is { node: string; users: AclUser[] } => 'users' in n);
  const byName = new Map<string, { node: string; user: AclUser }[]>();
  for (const n of read)
    for (const user of n.users) {
      const held = byName.get(user.name) ?? [];
      if (!held.length) byName.set(user.name, held);
      held.push({ node: n.node, user });
    }
  const users = [...byName].map(([name, held]): UnionUser => {
    const variants: UserVariant[] = [];
    for (const h of held) {
      const v = variants.find((x) => sameRules(x.user, h.user, universe));
      if (v) v.nodes.push(h.node);
      else variants.push({ nodes: [h.node], user: h.user });
    }
    variants.sort((a, b) => b.nodes.length - a.nodes.length);
    const present = new Set(held.map((h) => h.node));
    const missing = read.map((n) => n.node).filter((n) => !present.has(n));
    const risks = new Map<string, NodeRisk>();
    for (const v of variants)
      for (const flag of riskFlags(v.user, universe)) {
        const r = risks.get(flag.id);
        // One flag per id: the worst severity, on every node that has it.
        if (!r) risks.set(flag.id, { flag, nodes: [...v.nodes] });
        else {
          r.nodes.push(...v.nodes);
          if (gradeRank(flag.severity) < gradeRank(r.flag.severity)) r.flag = flag;
        }
      }
    const order = new Map(nodes.map((n, i) => [n.node, i]));
    const sorted = [...risks.values()]
      .map((r) => ({ ...r, nodes: r.nodes.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)) }))
      .sort((a, b) => gradeRank(a.flag.severity) - gradeRank(b.flag.severity));
    return { name, variants, missing, differs: missing.length > 0 || variants.length > 1, risks: sorted };
  });
  return {
    nodes: nodes.map((n) => n.node),
    unreadable: nodes.flatMap((n) => ('error' in n ? [{ node: n.node, error: n.error }] : [])),
    users,
  };
}

/** Users that differ between the read nodes. */
export const drifted = (u: AclUnion): UnionUser[] => u.users.filter((x) => x.differs);

/**
 * The nodes where a user is not as most nodes have it: another variant, or missing; where
 * most nodes lack the user (it was created on one node), the nodes that have it.
 */
export function offNodes(u: UnionUser): string[] {
  const major = u.variants[0]?.nodes.length ?? 0;
  if (u.missing.length > major) return u.variants.flatMap((v) => v.nodes);
  return [...u.missing, ...u.variants.slice(1).flatMap((v) => v.nodes)];
}

/** Read nodes minus the unreadable: how many nodes a view's "everywhere" means. */
export const readCount = (u: AclUnion): number => u.nodes.length - u.unreadable.length;

/** "ACL drift: 2 users on 2 nodes": the header a view shows whenever there is any. */
export function driftHeadline(u: AclUnion): string | undefined {
  const users = drifted(u);
  if (!users.length) return undefined;
  const nodes = new Set(users.flatMap(offNodes));
  return `ACL drift: ${users.length} user${users.length === 1 ? '' : 's'} on ${nodes.size} node${nodes.size === 1 ? '' : 's'}`;
}

/** "nopass on 10.0.0.3:6379" (all nodes read and all have it: just the badge). */
export function riskText(r: NodeRisk, u: AclUnion): string {
  const everywhere = r.nodes.length === readCount(u) && u.nodes.length > 1;
  return everywhere || u.nodes.length <= 1 ? r.flag.badge : `${r.flag.badge} on ${r.nodes.join(', ')}`;
}

/** A user as it is on one node: the model a matrix cell (same / differs / missing) reads. */
export function cellOf(u: UnionUser, node: string): 'same' | 'differs' | 'missing' | 'unknown' {
  if (u.missing.includes(node)) return 'missing';
  const i = u.variants.findIndex((v) => v.nodes.includes(node));
  return i < 0 ? 'unknown' : i === 0 ? 'same' : 'differs';
}
