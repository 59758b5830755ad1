// `redis-warden acl sync --from NODE [--user U ...] [--prune] --yes`: one node's users copied
// to every other node, through the same plan, mutation path and per-node re-read as `acl
// apply` (the node's users are the desired state, as an ACL file would be), then persisted on
// each node the way that node persists (ACL SAVE or CONFIG REWRITE: nodes may differ).
import { formatAclFile, scanAclFile } from '../domain/acl/acl-file.js';
import type { DesiredUser } from '../domain/acl/plan.js';
import { userFromListLine } from '../domain/acl/rules.js';
import type { AclUser } from '../domain/acl/types.js';
import { toDisplay } from '../domain/display.js';
import { persistenceByNode } from '../ops/acl-nodes.js';
import { aclSave, configRewrite, listUserLines } from '../redis/acl.js';
import { describeResult, runServerWrite } from '../ops/mutation.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { applyDesired } from './acl-apply.js';
import type { ApplyFlags } from './acl-apply.js';
import { refusedError, withAcl } from './acl-session.js';
import type { AclSession } from './acl-session.js';
import { print } from './output.js';

export interface SyncFlags extends ApplyFlags {
  from?: string;
}

/** The users of `from` (all, or those named) as the desired state of a plan. */
export async function usersOf(
  s: AclSession,
  from: string,
  names?: readonly string[],
): Promise<DesiredUser[]> {
  const node = s.target.node(from);
  if (!node)
    throw new UsageError(
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
    if (unknown.length) throw new UsageError(toDisplay(`no such user on ${from}: ${unknown.join(', ')}`));
    users = users.filter((u) => names.includes(u.name));
  }
  // Through the ACL file format: the same parser and checks as `acl apply FILE`.
  const desired: DesiredUser[] = [];
  scanAclFile(formatAclFile(users), (u) => desired.push({ name: u.name, line: u.line, tokens: u.tokens }));
  return desired;
}

/** ACL SAVE on nodes with an aclfile, CONFIG REWRITE on those with a config file only. */
export async function persistEveryNode(ctx: CommandContext, s: AclSession): Promise<number> {
  const modes = await persistenceByNode(s.target);
  let code = 0;
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
      true,
    );
    print(toDisplay(describeResult(r)));
    if (r.status !== 'done') code = 1;
  }
  for (const m of modes) {
    if (m.persistence.mode === 'none')
      ctx.warn(
        toDisplay(`Warning: ${m.node} has no aclfile and no config file: its users are lost on restart.`),
      );
    else if (m.persistence.mode === 'unknown') {
      ctx.warn(toDisplay(`Not persisted on ${m.node}: ${m.persistence.reason}`));
      code = 1;
    }
  }
  return code;
}

/**
 * The users to copy are named as arguments (`acl sync --from NODE alice bob`): `--user` is
 * already the connection's username, so it cannot also name the users to copy.
 */
export async function aclSync(ctx: CommandContext, users: string[], flags: SyncFlags): Promise<number> {
  if (!flags.from) throw new UsageError('acl sync needs --from NODE (host:port, as acl drift names it)');
  if (flags.prune && users.length)
    throw new UsageError('--prune deletes every user NODE does not have: it cannot be used with named users');
  const from = flags.from;
  return withAcl(ctx, flags, async (s) => {
    const desired = await usersOf(s, from, users);
    return applyDesired(ctx, s, `node ${from}`, desired, flags, () => persistEveryNode(ctx, s));
  });
}
