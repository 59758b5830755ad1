// A desired ACL state planned against every node, since each node holds its own users: one
// AclPlan per node, then the writes that make every node equal to the desired state, each
// user's write sent only to the nodes that need it (a node that already matches is left alone).
import { planAcl, planIsEmpty } from './plan.js';
import type { AclPlan, DesiredUser } from './plan.js';
import type { PubsubDefault } from './rules-context.js';
import type { AclUser, CommandUniverse } from './types.js';

export interface NodePlan {
  node: string;
  current: AclUser[];
  plan: AclPlan;
}

/** One write of the merged plan: the same ACL SETUSER (or DELUSER) on `nodes`. */
export type NodeStep =
  | { kind: 'set'; name: string; line?: number; args: string[]; nodes: string[]; created: string[] }
  | { kind: 'delete'; name: string; nodes: string[] };

export function planNodes(
  desired: readonly DesiredUser[],
  nodes: readonly { node: string; users: AclUser[] }[],
  opts: { prune?: boolean; universe?: CommandUniverse; pubsubDefault?: PubsubDefault },
): NodePlan[] {
  return nodes.map((n) => ({ node: n.node, current: n.users, plan: planAcl(desired, n.users, opts) }));
}

export const nodesDiffer = (plans: readonly NodePlan[]): boolean => plans.some((p) => !planIsEmpty(p.plan));

/** The writes, user by user in the desired order (deletes last), each on the nodes that need it. */
export function mergeSteps(plans: readonly NodePlan[]): NodeStep[] {
  const sets = new Map<string, Extract<NodeStep, { kind: 'set' }>>();
  const deletes = new Map<string, Extract<NodeStep, { kind: 'delete' }>>();
  for (const p of plans) {
    const setOn = (c: { name: string; line?: number; args: string[] }, created: boolean) => {
      const s = sets.get(c.name) ?? { kind: 'set', ...c, nodes: [], created: [] };
      sets.set(c.name, s);
      s.nodes.push(p.node);
      if (created) s.created.push(p.node);
    };
    for (const c of p.plan.create) setOn({ name: c.name, line: c.line, args: c.args }, true);
    for (const c of p.plan.change) setOn({ name: c.name, line: c.line, args: c.args }, false);
    for (const u of p.plan.remove) {
      const d = deletes.get(u.name) ?? { kind: 'delete', name: u.name, nodes: [] };
      deletes.set(u.name, d);
      d.nodes.push(p.node);
    }
  }
  const order = new Map(
    plans.flatMap((p) => [...p.plan.create, ...p.plan.change]).map((c, i) => [c.name, c.line ?? i]),
  );
  const setSteps = [...sets.values()].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return [...setSteps, ...deletes.values()];
}

// Nodes whose plans are the same (same users, same changes) are told once: on a cluster
// that drifted on one node, the plan reads "5 nodes: nothing to do; 10.0.0.3: ...".
const signature = (p: AclPlan) =>
  JSON.stringify([
    p.create.map((c) => [c.name, c.args]),
    p.change.map((c) => [c.name, c.changes.map((x) => x.text)]),
    p.remove.map((u) => u.name),
  ]);

/** Node plans grouped by equal plans, in the order of their first node. */
export function groupPlans(plans: readonly NodePlan[]): { nodes: string[]; plan: NodePlan }[] {
  const groups = new Map<string, { nodes: string[]; plan: NodePlan }>();
  for (const p of plans) {
    const key = signature(p.plan);
    const g = groups.get(key);
    if (g) g.nodes.push(p.node);
    else groups.set(key, { nodes: [p.node], plan: p });
  }
  return [...groups.values()];
}
