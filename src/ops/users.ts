// Every change to one ACL user, for the Users pane (src/state/actions/users.ts) and its
// headless twins (src/commands/acl-user.ts): each builds the Operation (src/ops/operations/)
// a flow would save, with its secrets beside it, and runs it through runOperation, so the
// pane, the command and a flow share one plan, one journal id and one re-read by exact name.
// Callers decide what to show.
import { genPass } from '../redis/acl.js';
import type { MutationResult } from './mutation.js';
import { splitRules } from './operations/rules.js';
import { runOperation } from './operations/run.js';
import type { Operation } from './operations/table.js';
import type { Beside, OperationContext } from './operations/types.js';

/** Where and how a user operation runs. `confirmed` is the UI's confirmation or `--yes`. */
export type UserOpContext = OperationContext;

type Built = readonly [Operation, Beside];

/** The operations, as data, and what goes beside them (never in them: see Beside). */
export const userOperations = {
  /** One ACL SETUSER with every rule; `secrets`: the typed passwords behind the rules. */
  setUser(name: string, args: readonly string[], secrets: readonly string[] = []): Built {
    const { rules, secretRules } = splitRules(args);
    return [
      { id: 'acl.setuser', params: { change: 'rules', user: name, rules } },
      { secretRules, secrets },
    ];
  },
  /** A new user with these rules (validated and hashed by previewRules), and `password` as its #sha256. */
  create(
    name: string,
    args: readonly string[],
    opts: { password?: string; secrets?: readonly string[] } = {},
  ): Built {
    const { rules, secretRules } = splitRules(args);
    const password = opts.password === undefined ? 'none' : 'given';
    return [
      { id: 'acl.create-user', params: { user: name, rules, password } },
      { secretRules, secrets: opts.secrets, password: opts.password },
    ];
  },
  /** Rotation, first half: `password` beside the old ones. */
  addPassword: (name: string, password: string): Built => [
    { id: 'acl.setuser', params: { change: 'add-password', user: name, password: 'given' } },
    { password },
  ],
  /** Rotation, second half: the hashes given (the pane: the one selected). */
  removePasswords: (name: string, hashes: readonly string[]): Built => [
    { id: 'acl.setuser', params: { change: 'drop-passwords', user: name, which: 'given' } },
    { hashes },
  ],
};

const run = (c: UserOpContext, [op, beside]: Built) => runOperation(op, c, beside);

export const setUserOp = (
  c: UserOpContext,
  name: string,
  args: readonly string[],
  secrets?: readonly string[],
) => run(c, userOperations.setUser(name, args, secrets));
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
export const addPasswordOp = (c: UserOpContext, name: string, password: string) =>
  run(c, userOperations.addPassword(name, password));
export const removePasswordsOp = (c: UserOpContext, name: string, hashes: readonly string[]) =>
  run(c, userOperations.removePasswords(name, hashes));
/** `acl rotate --drop-old`: every password but the newest, read when it runs. */
export const dropOldPasswordsOp = (c: UserOpContext, name: string) =>
  runOperation({ id: 'acl.setuser', params: { change: 'drop-passwords', user: name, which: 'old' } }, c);
export const createUserOp = (
  c: UserOpContext,
  name: string,
  args: readonly string[],
  opts?: { password?: string; secrets?: readonly string[] },
) => run(c, userOperations.create(name, args, opts));

/** Connections killed over every node that answered. */
export const killedCount = (r: MutationResult<unknown>): number =>
  r.results.reduce((n, x) => n + (x.outcome === 'ok' ? Number(x.value) || 0 : 0), 0);

/** ACL GENPASS on one node: the password is made by the server, never by the console. */
export const generatePassword = (node: Parameters<typeof genPass>[0]): Promise<string> => genPass(node);
