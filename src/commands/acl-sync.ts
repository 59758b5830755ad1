// `redis-warden acl sync --from NODE [--prune] --yes [USER...]`: one node's users copied to
// every other node and persisted on each (src/ops/acl-sync.ts; the drift view's s / S run the
// same), through the plan, mutation path and per-node re-read of `acl apply`.
import { persistEveryNode, usersOf } from '../ops/acl-sync.js';
import { describeResult } from '../ops/mutation.js';
import { toDisplay } from '../domain/display.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { applyDesired } from './acl-apply.js';
import type { ApplyFlags } from './acl-apply.js';
import { withAcl } from './acl-session.js';
import type { AclSession } from './acl-session.js';
import { print } from './output.js';

export interface SyncFlags extends ApplyFlags {
  from?: string;
}

/** ACL SAVE / CONFIG REWRITE on every node, printed: 0 when every node persisted. */
async function persisted(ctx: CommandContext, s: AclSession): Promise<number> {
  const p = await persistEveryNode(s);
  for (const r of p.writes) print(toDisplay(describeResult(r)));
  for (const n of p.notes) ctx.warn(n.text);
  return p.ok ? 0 : 1;
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
    return applyDesired(ctx, s, `node ${from}`, desired, flags, () => persisted(ctx, s));
  });
}
