// What the console's user may do, need by need (pane-needs.ts), on every node of a Target.
// ACL users are per node (a cluster does not propagate ACL SETUSER), so each node is asked
// and the answers are compared: one verdict where they agree, the odd nodes named where not.
import type { PaneNeed } from './pane-needs.js';

export type Verdict = 'yes' | 'no' | 'unknown';

export interface AccessItem {
  need: PaneNeed;
  can: Verdict;
}

/** How it was found out: ACL DRYRUN, its own rules (ACL GETUSER + ACL CAT), or trying the reads. */
export type AccessMethod = 'dryrun' | 'rules' | 'tried';

/** One node's answers. */
export interface AccessReport {
  node: string;
  user: string;
  method: AccessMethod;
  items: AccessItem[];
}

/** Every node's answers; a node that could not be asked (down, not ready) is `down`. */
export interface AccessResult {
  user: string;
  checked: AccessReport[];
  down: { node: string; why: string }[];
}

/** One need over every node asked: the least it may (no < unknown < yes) and who says what. */
export interface CombinedItem extends AccessItem {
  /** Nodes by verdict; one key when every node agrees. */
  nodes: Partial<Record<Verdict, string[]>>;
}

export interface Combined {
  user: string;
  /** "127.0.0.1:6380", or "6 nodes", or "5 of 6 nodes" when some could not be asked. */
  where: string;
  method: AccessMethod | 'mixed';
  items: CombinedItem[];
  /** Every need has the same verdict on every node asked. */
  agree: boolean;
}

const RANK: Record<Verdict, number> = { no: 0, unknown: 1, yes: 2 };

/** The least of the verdicts: a pane works on the Target only where it works on every node. */
export const worst = (vs: readonly Verdict[]): Verdict =>
  vs.reduce<Verdict>((a, v) => (RANK[v] < RANK[a] ? v : a), 'yes');

export function combine(r: AccessResult): Combined {
  const first = r.checked[0];
  const items: CombinedItem[] = (first?.items ?? []).map((item, i) => {
    const nodes: CombinedItem['nodes'] = {};
    for (const rep of r.checked) {
      const can = rep.items[i]?.can ?? 'unknown';
      (nodes[can] ??= []).push(rep.node);
    }
    return { need: item.need, can: worst(Object.keys(nodes) as Verdict[]), nodes };
  });
  const total = r.checked.length + r.down.length;
  const where =
    total === 1 && first
      ? first.node
      : r.down.length
        ? `${r.checked.length} of ${total} nodes`
        : `${total} nodes`;
  const methods = new Set(r.checked.map((c) => c.method));
  return {
    user: r.user,
    where,
    method: methods.size === 1 && first ? first.method : 'mixed',
    items,
    agree: items.every((i) => Object.keys(i.nodes).length === 1),
  };
}

/**
 * Each node whose answers differ from what most nodes say, with the needs it answers
 * differently and its verdict for them: "which node lacks what".
 */
export function oddNodes(r: AccessResult): { node: string; items: AccessItem[] }[] {
  const c = combine(r);
  const usual = c.items.map((i) => {
    const counts = Object.entries(i.nodes) as [Verdict, string[]][];
    // Most nodes win; a tie goes to the first node's verdict (its order is the Target's).
    return counts.reduce((a, b) => (b[1].length > a[1].length ? b : a))[0];
  });
  return r.checked
    .map((rep) => ({ node: rep.node, items: rep.items.filter((item, i) => item.can !== usual[i]) }))
    .filter((o) => o.items.length > 0);
}
