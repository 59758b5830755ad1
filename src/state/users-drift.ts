// On a cluster each node has its own users (Redis does not propagate ACLs): which users
// differ from the node the list was read from, and on which nodes; and which nodes were read.
import type { NodeConnection } from '../redis/node.js';
import type { Target } from '../redis/target.js';

/** On a cluster, each node has its own users: name the nodes where a user differs (and those read). */
export async function driftOf(target: Target, from: NodeConnection, lines: string[] | undefined) {
  const drift = new Map<string, string[]>();
  const read = new Set([from.id]);
  if (!lines || target.nodeIds().length < 2) return { drift, read };
  const mine = new Set(lines);
  const names = new Set(lines.map((l) => l.split(' ')[1] ?? ''));
  const a = await import('../redis/acl.js');
  const others = await target.onEach(
    (n) => a.listUserLines(n),
    target.nodeIds().filter((id) => id !== from.id),
  );
  for (const r of others) {
    if (!r.ok) continue;
    read.add(r.node);
    const theirs = new Set(r.value);
    const theirNames = new Set(r.value.map((l) => l.split(' ')[1] ?? ''));
    const mark = (name: string) => drift.set(name, [...(drift.get(name) ?? []), r.node]);
    for (const l of mine) if (!theirs.has(l)) mark(l.split(' ')[1] ?? '');
    for (const n of theirNames) if (!names.has(n)) mark(n);
  }
  return { drift, read };
}
