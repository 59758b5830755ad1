// Every change to one ACL user, written once for the Users pane (src/state/actions/users.ts)
// and its headless twins (src/commands/acl-user.ts): the same mutation path (read-only
// refusal, confirmation, every node, journal, re-read by exact name), the same journal
// action ids and summaries, per-node results. Callers decide what to show.
import type { ActionId } from '../domain/actions.js';
import { toDisplay } from '../domain/display.js';
import { sha256Hex } from '../domain/acl/rules-text.js';
import { afterSetUser, checkUser, delUser, genPass, killUserClients, setUser } from '../redis/acl.js';
import type { ReadNode } from '../redis/read-node.js';
import type { Target } from '../redis/target.js';
import { runServerWrite } from './mutation.js';
import type { MutationEnv, MutationResult, Reread } from './mutation.js';

/** Where and how a user operation runs. `confirmed` is the UI's confirmation or `--yes`. */
export interface UserOpContext {
  target: Target;
  env: MutationEnv;
  confirmed: boolean;
  /** Re-reads what the pane shows (the headless commands re-read through `check` only). */
  reread?: Reread;
}

// The journal action ids of user changes (from the one table, domain/actions.ts): the pane
// and the headless commands share them.
export const USER_ACTIONS = {
  setuser: 'acl.setuser',
  create: 'acl.create-user',
  deluser: 'acl.deluser',
  killUser: 'client.kill-user',
} as const satisfies Record<string, ActionId>;

// Journal args name the user as shown (escaped), never its raw bytes.
const shownUser = (name: string) => ({ user: toDisplay(name) });

/** One ACL SETUSER with every rule, on every node; Redis applies all or none. */
export function setUserOp(
  c: UserOpContext,
  name: string,
  args: readonly string[],
  summary: string,
  secrets: readonly string[] = [],
  action: ActionId = USER_ACTIONS.setuser,
): Promise<MutationResult<unknown>> {
  return runServerWrite(
    c.env,
    {
      action,
      summary,
      args: shownUser(name),
      secrets,
      write: (ctx) => setUser(c.target, ctx, name, args),
      check: (node) => checkUser(c.target, name, afterSetUser(args))(node),
      reread: c.reread,
    },
    c.confirmed,
  );
}

export const disableUserOp = (c: UserOpContext, name: string) =>
  setUserOp(c, name, ['off'], `Disable user ${name}`);
export const enableUserOp = (c: UserOpContext, name: string) =>
  setUserOp(c, name, ['on'], `Enable user ${name}`);

/** ACL DELUSER on every node; the re-read checks the exact name is gone. */
export function deleteUserOp(c: UserOpContext, name: string): Promise<MutationResult<unknown>> {
  return runServerWrite(
    c.env,
    {
      action: USER_ACTIONS.deluser,
      summary: `Delete user ${name}`,
      args: shownUser(name),
      write: (ctx) => delUser(c.target, ctx, [name]),
      check: (node) => checkUser(c.target, name, { gone: true })(node),
      reread: c.reread,
    },
    c.confirmed,
  );
}

/** CLIENT KILL USER on every node (ACL SETUSER off leaves the user's connections open). */
export function killUserOp(c: UserOpContext, name: string): Promise<MutationResult<unknown>> {
  return runServerWrite(
    c.env,
    {
      action: USER_ACTIONS.killUser,
      summary: `Kill the connections of user ${name}`,
      args: shownUser(name),
      write: (ctx) => killUserClients(c.target, ctx, name),
      reread: c.reread,
    },
    c.confirmed,
  );
}

/** Connections killed over every node that answered. */
export const killedCount = (r: MutationResult<unknown>): number =>
  r.results.reduce((n, x) => n + (x.outcome === 'ok' ? Number(x.value) || 0 : 0), 0);

/** ACL GENPASS on one node: the password is made by the server, never by the console. */
export const generatePassword = (node: ReadNode): Promise<string> => genPass(node);

/**
 * The first half of a rotation: adds `password` (sent only as its #sha256) while the old ones
 * keep working. The password and its hash are secrets of this write.
 */
export function addPasswordOp(c: UserOpContext, name: string, password: string) {
  const hash = sha256Hex(password);
  return setUserOp(c, name, [`#${hash}`], `Add a password to ${name}`, [password, hash]);
}

/** The second half: removes the hashes given (the pane: the one selected; headless: all but the newest). */
export function removePasswordsOp(c: UserOpContext, name: string, hashes: readonly string[]) {
  return setUserOp(
    c,
    name,
    hashes.map((h) => `!${h}`),
    `Remove ${hashes.length === 1 ? 'a password' : `${hashes.length} passwords`} of ${name}`,
    hashes,
  );
}

/**
 * Creates `name` with the rules given (already validated and hashed by previewRules), plus
 * `password` as its #sha256 when given.
 */
export function createUserOp(
  c: UserOpContext,
  name: string,
  args: readonly string[],
  opts: { password?: string; secrets?: readonly string[] } = {},
) {
  const hash = opts.password === undefined ? undefined : sha256Hex(opts.password);
  return setUserOp(
    c,
    name,
    hash ? [...args, `#${hash}`] : args,
    `Create user ${name}`,
    [...(opts.secrets ?? []), ...(opts.password !== undefined && hash ? [opts.password, hash] : [])],
    USER_ACTIONS.create,
  );
}
