// `redis-warden acl drift`: are the users the same on every node, and where do they differ?
// Redis does not propagate ACL users between the nodes of a cluster, so a user created on
// one node, or a `default` left nopass on another, is found only by reading every node. For
// a cron job: exit 0 no drift, 1 drift, 2 a node could not be read (the answer is incomplete).
import { diffUsers } from '../domain/acl/diff.js';
import { drifted, offNodes, readCount, riskText } from '../domain/acl/per-node.js';
import type { AclUnion, UnionUser } from '../domain/acl/per-node.js';
import type { CommandUniverse } from '../domain/acl/types.js';
import { hexBytes } from '../domain/bytes.js';
import { toDisplay } from '../domain/display.js';
import { readAclUnion } from '../ops/acl-nodes.js';
import { commandUniverse } from '../redis/acl.js';
import type { CommandContext } from './context.js';
import { unionJson } from './acl-list.js';
import { withAcl } from './acl-session.js';
import type { AclFlags, AclSession } from './acl-session.js';
import { print, printJson } from './output.js';

/** Every node's users, compared with the read node's command universe (when it may be read). */
export async function readUnion(s: AclSession): Promise<{ union: AclUnion; universe?: CommandUniverse }> {
  const universe = await commandUniverse(s.node).catch(() => undefined);
  return { union: await readAclUnion(s.target, universe), universe };
}

/** One drifted user: where it is as the majority has it, and how each other node differs. */
export function driftLines(u: UnionUser, union: AclUnion, universe?: CommandUniverse): string[] {
  const [major, ...others] = u.variants;
  const lines = [`${u.name}:`];
  if (major) lines.push(`  as on ${major.nodes.join(', ')}`);
  for (const v of others) {
    const diff = major ? diffUsers(major.user, v.user, universe).map((c) => c.text) : [];
    lines.push(`  differs on ${v.nodes.join(', ')}: ${diff.join('; ') || 'rules spelled differently'}`);
  }
  if (u.missing.length) lines.push(`  missing on ${u.missing.join(', ')}`);
  // The risks some nodes have and others not (e.g. nopass on one node): the drift's danger.
  for (const r of u.risks) if (r.nodes.length < readCount(union)) lines.push(`  risk: ${riskText(r, union)}`);
  return lines.map((l) => toDisplay(l));
}

export const driftExit = (union: AclUnion): number =>
  union.unreadable.length ? 2 : drifted(union).length ? 1 : 0;

export async function aclDrift(ctx: CommandContext, flags: AclFlags): Promise<number> {
  return withAcl(ctx, flags, async (s) => {
    const { union, universe } = await readUnion(s);
    const users = drifted(union);
    for (const u of union.unreadable)
      ctx.warn(toDisplay(`Could not read the users of ${u.node}: ${u.error}`));
    if (flags.json) {
      printJson({
        nodes: union.nodes,
        unreadable: union.unreadable,
        drift: users.map((u) => ({ name: u.name, nameHex: hexBytes(u.name), ...unionJson(u) })),
      });
      return driftExit(union);
    }
    const read = union.nodes.length - union.unreadable.length;
    const count = `${union.users.length} user${union.users.length === 1 ? '' : 's'}`;
    if (!users.length)
      print(
        union.nodes.length === 1
          ? `No drift: one node (${count}), nothing to compare.`
          : `No drift: ${read === union.nodes.length ? 'all' : `${read} of`} ${union.nodes.length} nodes hold the same ${count}.`,
      );
    else {
      for (const u of users) print(driftLines(u, union, universe).join('\n'));
      const off = new Set(users.flatMap(offNodes));
      print(
        `Drift: ${users.length} user${users.length === 1 ? '' : 's'} on ${off.size} node${off.size === 1 ? '' : 's'} (make them equal: acl sync --from NODE --yes, or acl apply FILE --yes).`,
      );
    }
    return driftExit(union);
  });
}
