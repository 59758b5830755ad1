// Every node's ACL users, read in parallel: Redis keeps users per node (a cluster does not
// propagate ACL SETUSER), so one node's ACL LIST is not the Target's. A node that is not
// ready, or refuses the read, is in the result with why: never skipped, so a view built on
// it can say "could not read 10.0.0.3:6379" instead of "the same everywhere".
import { aclUnion } from '../domain/acl/per-node.js';
import type { AclUnion, NodeAcl } from '../domain/acl/per-node.js';
import { userFromListLine } from '../domain/acl/rules.js';
import type { AclUser, CommandUniverse } from '../domain/acl/types.js';
import { aclPersistence, listUserLines } from '../redis/acl.js';
import type { AclPersistence } from '../redis/acl.js';
import type { Explained } from '../redis/errors.js';
import type { Target } from '../redis/target.js';

const errorText = (e: Explained) => `${e.code ? `${e.code} ` : ''}${e.message}`;

/** ACL LIST of every node of the target (or those named), in parallel. */
export async function readNodeAcls(target: Target, only?: readonly string[]): Promise<NodeAcl[]> {
  // Nodes in step print the same lines: each distinct line is parsed once, and the nodes share
  // the one AclUser, which the union then compares by identity (six nodes cost about one).
  const parsed = new Map<string, AclUser>();
  const parse = (line: string) => {
    let u = parsed.get(line);
    if (!u) parsed.set(line, (u = userFromListLine(line)));
    return u;
  };
  const results = await target.onEach(async (node) => {
    if (node.status.state !== 'ready') throw new Error(`not connected (${node.status.state})`);
    return (await listUserLines(node)).map(parse);
  }, only);
  return results.map((r) =>
    r.ok ? { node: r.node, users: r.value } : { node: r.node, error: errorText(r.error) },
  );
}

/** The union of every node's users (see domain/acl/per-node.ts). */
export async function readAclUnion(target: Target, universe?: CommandUniverse): Promise<AclUnion> {
  return aclUnion(await readNodeAcls(target), universe);
}

/** How each node persists its users: nodes may differ (one has an aclfile, another not). */
export async function persistenceByNode(
  target: Target,
  only?: readonly string[],
): Promise<{ node: string; persistence: AclPersistence }[]> {
  const results = await target.onEach(async (node) => aclPersistence(node), only);
  return results.map((r) => ({
    node: r.node,
    persistence: r.ok ? r.value : { mode: 'unknown', reason: errorText(r.error) },
  }));
}
