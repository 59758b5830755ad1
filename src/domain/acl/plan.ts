// `acl plan` / `acl apply`: an ACL file is the desired state; the plan says which users
// to create, change (aspect by aspect) and, with --prune, delete. Users are compared by
// what Redis enforces, not by how the rules are spelled, so a second apply finds nothing.
import { applyRules, blankUser } from './apply-rules.js';
import { diffUsers } from './diff.js';
import type { AspectChange } from './diff.js';
import { rulesToArgs } from './rules.js';
import type { PubsubDefault } from './rules-context.js';
import type { AclRuleToken, AclUser, CommandUniverse } from './types.js';

export interface DesiredUser {
  name: string;
  /** Line in the file, for messages. */
  line?: number;
  tokens: AclRuleToken[];
  /** Errors on a server of 7.2 or newer only (AclFileUser.refusedSince72). */
  refusedSince72?: string[];
}

export interface PlannedUser {
  name: string;
  line?: number;
  /** ACL SETUSER arguments after the name: `reset` then the file's rules, passwords hashed. */
  args: string[];
  after: AclUser;
}

export interface AclPlan {
  create: PlannedUser[];
  change: (PlannedUser & { changes: AspectChange[] })[];
  remove: AclUser[];
  unchanged: string[];
}

/** The user a file line describes: applied from `reset`, as Redis loads an ACL file. */
export function desiredState(d: DesiredUser, pubsub?: PubsubDefault): AclUser {
  return applyRules(blankUser(d.name, pubsub), d.tokens, pubsub);
}

export function planAcl(
  desired: readonly DesiredUser[],
  current: readonly AclUser[],
  opts: { prune?: boolean; universe?: CommandUniverse; pubsubDefault?: PubsubDefault } = {},
): AclPlan {
  const plan: AclPlan = { create: [], change: [], remove: [], unchanged: [] };
  const byName = new Map(current.map((u) => [u.name, u]));
  for (const d of desired) {
    const after = desiredState(d, opts.pubsubDefault);
    const planned: PlannedUser = {
      name: d.name,
      line: d.line,
      after,
      args: ['reset', ...rulesToArgs(d.tokens, { hashPasswords: true })],
    };
    const now = byName.get(d.name);
    if (!now) {
      plan.create.push(planned);
      continue;
    }
    const changes = diffUsers(now, after, opts.universe);
    if (changes.length) plan.change.push({ ...planned, changes });
    else plan.unchanged.push(d.name);
  }
  if (opts.prune) {
    const wanted = new Set(desired.map((d) => d.name));
    // Redis refuses to delete `default` ("cannot be removed"): a plan holding it could never apply.
    plan.remove = current.filter((u) => !wanted.has(u.name) && u.name !== 'default');
  }
  return plan;
}

export const planIsEmpty = (p: AclPlan): boolean =>
  p.create.length === 0 && p.change.length === 0 && p.remove.length === 0;

/** The users as they would be after the plan, for the lockout guard. */
export function usersAfter(current: readonly AclUser[], plan: AclPlan): AclUser[] {
  const replaced = new Map<string, AclUser>([
    ...plan.change.map((c) => [c.name, c.after] as const),
    ...plan.create.map((c) => [c.name, c.after] as const),
  ]);
  const removed = new Set(plan.remove.map((u) => u.name));
  const kept = current.filter((u) => !removed.has(u.name)).map((u) => replaced.get(u.name) ?? u);
  return [...kept, ...plan.create.map((c) => c.after)];
}
