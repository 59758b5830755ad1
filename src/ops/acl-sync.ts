// One node's users as the desired state of every node (`acl sync --from NODE`, the drift
// view's s / S), and persisting on every node the way each node persists (ACL SAVE or CONFIG
// REWRITE: nodes may differ). Applying is acl-apply.ts's, as for an ACL file.
import { formatAclFile, scanAclFile } from '../domain/acl/acl-file.js';
import type { DesiredUser } from '../domain/acl/plan.js';
import { userFromListLine } from '../domain/acl/rules.js';
import type { AclUser } from '../domain/acl/types.js';
import { toDisplay } from '../domain/display.js';
import { aclSave, configRewrite, listUserLines } from '../redis/acl.js';
import type { AclOps } from './acl-desired.js';
import { persistenceByNode } from './acl-nodes.js';
import { InputError, refusedError } from './input-error.js';
import { runServerWrite } from './mutation.js';
import type { MutationResult } from './mutation.js';

/** The users of `from` (all, or those named) as the desired state of a plan. */
export async function usersOf(s: AclOps, from: string, names?: readonly string[]): Promise<DesiredUser[]> {
  const node = s.target.node(from);
  if (!node)
    throw new InputError(
      toDisplay(`--from ${from}: not a node of this target (its nodes: ${s.target.nodeIds().join(', ')})`),
    );
  let users: AclUser[];
  try {
    users = (await listUserLines(node)).map(userFromListLine);
  } catch (err) {
    throw refusedError(`ACL LIST on ${from}`, err, s.target.secrets, '+acl|list', s.me);
  }
  if (names?.length) {
    const unknown = names.filter((n) => !users.some((u) => u.name === n));
    if (unknown.length) throw new InputError(toDisplay(`no such user on ${from}: ${unknown.join(', ')}`));
    users = users.filter((u) => names.includes(u.name));
  }
  // Through the ACL file format: the same parser and checks as `acl apply FILE`.
  const desired: DesiredUser[] = [];
  scanAclFile(formatAclFile(users), (u) => desired.push({ name: u.name, line: u.line, tokens: u.tokens }));
  return desired;
}

export interface Persisted {
  /** One write per way of persisting that some node uses, with its per-node results. */
  writes: MutationResult<unknown>[];
  /** Nodes that persist nothing (a warning) or whose way is unknown (not persisted). */
  notes: { node: string; mode: 'none' | 'unknown'; text: string }[];
  /** Every write done and every node's way known. */
  ok: boolean;
}

/** ACL SAVE on nodes with an aclfile, CONFIG REWRITE on those with a config file only. */
export async function persistEveryNode(s: AclOps): Promise<Persisted> {
  const modes = await persistenceByNode(s.target);
  const out: Persisted = { writes: [], notes: [], ok: true };
  const ways = [
    ['aclfile', 'acl.save', 'ACL SAVE'],
    ['config', 'config.rewrite', 'CONFIG REWRITE'],
  ] as const;
  for (const [mode, action, what] of ways) {
    const nodes = modes.filter((m) => m.persistence.mode === mode).map((m) => m.node);
    if (!nodes.length) continue;
    const r = await runServerWrite(
      s.env,
      {
        action,
        summary: `${what} on ${nodes.join(', ')}`,
        args: { mode, nodes },
        write: (c) => (mode === 'aclfile' ? aclSave(s.target, c, nodes) : configRewrite(s.target, c, nodes)),
      },
      true, // confirmed with the sync it follows
    );
    out.writes.push(r);
    if (r.status !== 'done') out.ok = false;
  }
  for (const m of modes) {
    if (m.persistence.mode === 'none')
      out.notes.push({
        node: m.node,
        mode: 'none',
        text: toDisplay(
          `Warning: ${m.node} has no aclfile and no config file: its users are lost on restart.`,
        ),
      });
    else if (m.persistence.mode === 'unknown') {
      out.notes.push({
        node: m.node,
        mode: 'unknown',
        text: toDisplay(`Not persisted on ${m.node}: ${m.persistence.reason}`),
      });
      out.ok = false;
    }
  }
  return out;
}
