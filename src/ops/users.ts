// Every change to one ACL user, for the Users pane (src/state/actions/users.ts) and its
// headless twins (src/commands/acl-user.ts): each builds the Operation (src/ops/operations/)
// a flow would save, and runs it through runOperation, so the pane, the command and a flow
// share one plan, one journal id and one re-read by exact name. Callers decide what to show.
import type { NodeConnection } from '../redis/node.js';
import { genPass } from '../redis/acl.js';
import type { MutationResult } from './mutation.js';
import { splitRules } from './operations/rules.js';
import { runOperation } from './operations/run.js';
import type { OperationContext } from './operations/types.js';

/** Where and how a user operation runs. `confirmed` is the UI's confirmation or `--yes`. */
export type UserOpContext = OperationContext;

/**
 * One ACL SETUSER with every rule, on every node; Redis applies all or none. The password
 * rules and `secrets` (the typed passwords behind them) go beside the operation.
 */
export function setUserOp(
  c: UserOpContext,
  name: string,
  args: readonly string[],
  secrets: readonly string[] = [],
) {
  const { rules, secretRules } = splitRules(args);
  return runOperation({ id: 'acl.setuser', params: { change: 'rules', user: name, rules } }, c, {
    secretRules,
    secrets,
  });
}

export const disableUserOp = (c: UserOpContext, name: string) =>
  runOperation({ id: 'acl.setuser', params: { change: 'disable', user: name } }, c);
/** The ACL Log's "Block user": ACL SETUSER off, said as a block. */
export const blockUserOp = (c: UserOpContext, name: string) =>
  runOperation({ id: 'acl.setuser', params: { change: 'block', user: name } }, c);
export const enableUserOp = (c: UserOpContext, name: string) =>
  runOperation({ id: 'acl.setuser', params: { change: 'enable', user: name } }, c);

/** ACL DELUSER on every node; the re-read checks the exact name is gone. */
export const deleteUserOp = (c: UserOpContext, name: string) =>
  runOperation({ id: 'acl.deluser', params: { user: name } }, c);

/** CLIENT KILL USER on every node (ACL SETUSER off leaves the user's connections open). */
export const killUserOp = (c: UserOpContext, name: string) =>
  runOperation({ id: 'client.kill-user', params: { user: name } }, c);

/** Connections killed over every node that answered. */
export const killedCount = (r: MutationResult<unknown>): number =>
  r.results.reduce((n, x) => n + (x.outcome === 'ok' ? Number(x.value) || 0 : 0), 0);

/** ACL GENPASS on one node: the password is made by the server, never by the console. */
export const generatePassword = (node: NodeConnection): Promise<string> => genPass(node);

/**
 * The first half of a rotation: adds `password` (sent only as its #sha256) while the old ones
 * keep working. The password and its hash are secrets of this write.
 */
export const addPasswordOp = (c: UserOpContext, name: string, password: string) =>
  runOperation({ id: 'acl.setuser', params: { change: 'add-password', user: name, password: 'given' } }, c, {
    password,
  });

/** The second half: removes the hashes given (the pane: the one selected). */
export const removePasswordsOp = (c: UserOpContext, name: string, hashes: readonly string[]) =>
  runOperation({ id: 'acl.setuser', params: { change: 'drop-passwords', user: name, which: 'given' } }, c, {
    hashes,
  });

/** The second half as `acl rotate --drop-old`: every password but the newest, read when it runs. */
export const dropOldPasswordsOp = (c: UserOpContext, name: string) =>
  runOperation({ id: 'acl.setuser', params: { change: 'drop-passwords', user: name, which: 'old' } }, c);

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
  const { rules, secretRules } = splitRules(args);
  return runOperation(
    {
      id: 'acl.create-user',
      params: { user: name, rules, password: opts.password === undefined ? 'none' : 'given' },
    },
    c,
    { secretRules, secrets: opts.secrets, password: opts.password },
  );
}
