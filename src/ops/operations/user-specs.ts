// The user changes as operations: create, change (rules, disable/block/enable, add or drop
// passwords), delete, and killing a user's connections. Each plan is the one ACL write the
// Users pane and `acl create|setuser|disable|enable|delete|rotate|kill` run, journaled under
// the same id, re-read by the exact name.
import { sha256Hex } from '../../domain/acl/rules-text.js';
import { toDisplay } from '../../domain/display.js';
import {
  afterSetUser,
  checkUser,
  delUser,
  genPass,
  getUser,
  killUserClients,
  setUser,
} from '../../redis/acl.js';
import type { Target } from '../../redis/target.js';
import type { ActionId } from '../../domain/actions.js';
import { list, obj, oneOf, OperationError, optional, str, tagged } from './check.js';
import { joinRules, ruleSecrets, ruleToken, shownRules } from './rules.js';
import type { Beside, OperationContext, OperationSpec, Planned } from './types.js';

// A user name is any bytes but empty (surrogate-escaped: see domain/bytes.ts).
const user = str({ nonEmpty: true });
// Journal args name the user as shown (escaped), never its raw bytes.
const shownUser = (name: string) => ({ user: toDisplay(name) });
type Show = (s: string) => string;
const raw: Show = (s) => s;

// The node a read before the write goes to (its type is whatever the Target hands out).
function readyNode(target: Target) {
  const id = target.status().nodes.find((n) => n.state === 'ready')?.id;
  const node = id === undefined ? undefined : target.node(id);
  if (!node) throw new OperationError('not connected: no node is ready');
  return node;
}

/** The one ACL SETUSER with every rule, on every node; Redis applies all or none. */
function setUserPlan(
  d: OperationContext,
  action: ActionId,
  name: string,
  args: readonly string[],
  summary: string,
  secrets: readonly string[],
  node?: string,
): Planned {
  return {
    action,
    summary,
    args: node === undefined ? shownUser(name) : { ...shownUser(name), node: toDisplay(node) },
    secrets,
    write: (ctx) => setUser(d.target, ctx, name, args, node === undefined ? undefined : [node]),
    check: (node) => checkUser(d.target, name, afterSetUser(args))(node),
    reread: d.reread,
  };
}

/** The password a create/rotate sends as its #sha256: given beside, else made now by the server. */
async function passwordFor(
  mode: 'none' | 'generate' | 'given',
  target: Target,
  beside: Beside,
): Promise<{ password?: string; generated?: string }> {
  if (mode === 'none') {
    if (beside.password !== undefined)
      throw new OperationError('a password was given to an operation without one');
    return {};
  }
  if (beside.password !== undefined) return { password: beside.password };
  if (mode === 'given')
    throw new OperationError('the password is not given: it is never saved with the operation');
  const generated = await genPass(readyNode(target));
  return { password: generated, generated };
}

const createParams = obj({
  user,
  rules: list(ruleToken),
  password: oneOf('none', 'generate', 'given'),
});

export const createUser: OperationSpec<ReturnType<typeof createParams>> = {
  id: 'acl.create-user',
  params: createParams,
  describe: (p) =>
    `Create user ${toDisplay(p.user)}: ${shownRules(p.rules)}${p.password === 'none' ? '' : p.password === 'generate' ? ' + a generated password' : ' + a password'}`,
  async plan(p, d) {
    const b = d.beside;
    const args = joinRules(p.rules, b.secretRules);
    const { password, generated } = await passwordFor(p.password, d.target, b);
    const hash = password === undefined ? undefined : sha256Hex(password);
    const secrets = [
      ...(b.secrets ?? []),
      ...ruleSecrets(b.secretRules ?? []),
      ...(hash ? [password!, hash] : []),
    ];
    const plan = setUserPlan(
      d,
      'acl.create-user',
      p.user,
      hash ? [...args, `#${hash}`] : args,
      `Create user ${p.user}`,
      secrets,
    );
    return { ...plan, generated };
  },
};

// node: that one node only (an audit fix judged per node); absent: every node of the Target.
const node = optional(str({ nonEmpty: true }));
const setUserParams = tagged('change', {
  rules: obj({ change: oneOf('rules'), user, rules: list(ruleToken, { nonEmpty: true }), node }),
  disable: obj({ change: oneOf('disable'), user, node }),
  // The ACL Log's "Block user": the same ACL SETUSER off, in the words of that pane.
  block: obj({ change: oneOf('block'), user, node }),
  enable: obj({ change: oneOf('enable'), user, node }),
  'add-password': obj({
    change: oneOf('add-password'),
    user,
    password: oneOf('generate', 'given'),
    node,
  }),
  // old: every password but the newest, read when it runs; given: the hashes come beside.
  'drop-passwords': obj({ change: oneOf('drop-passwords'), user, which: oneOf('old', 'given'), node }),
});
type SetUserParams = ReturnType<typeof setUserParams>;

const removeSummary = (n: number, name: string) =>
  `Remove ${n === 1 ? 'a password' : `${n} passwords`} of ${name}`;

function setUserSummary(p: SetUserParams, show: Show): string {
  const n = show(p.user);
  switch (p.change) {
    case 'rules':
      return `Change user ${n}`;
    case 'disable':
      return `Disable user ${n}`;
    case 'block':
      return `Block user ${n}`;
    case 'enable':
      return `Enable user ${n}`;
    case 'add-password':
      return `Add a password to ${n}`;
    case 'drop-passwords':
      return p.which === 'old'
        ? `Remove the old passwords of ${n} (the newest stays)`
        : `Remove passwords of ${n}`;
  }
}

/** Every password of `name` but the newest (ACL GETUSER lists them oldest first). */
async function oldHashes(target: Target, name: string): Promise<string[]> {
  const u = await getUser(readyNode(target), name);
  if (!u) throw new OperationError(`no such user: ${toDisplay(name)}`);
  return u.passwords.slice(0, -1);
}

export const changeUser: OperationSpec<SetUserParams> = {
  id: 'acl.setuser',
  params: setUserParams,
  describe: (p) =>
    `${setUserSummary(p, toDisplay)}${p.change === 'rules' ? `: ${shownRules(p.rules)}` : ''}${p.node === undefined ? '' : ` on ${toDisplay(p.node)}`}`,
  async plan(p, d) {
    const b = d.beside;
    const plan = (args: readonly string[], secrets: readonly string[], summary = setUserSummary(p, raw)) =>
      setUserPlan(d, 'acl.setuser', p.user, args, summary, secrets, p.node);
    switch (p.change) {
      case 'rules':
        return plan(joinRules(p.rules, b.secretRules), [
          ...(b.secrets ?? []),
          ...ruleSecrets(b.secretRules ?? []),
        ]);
      case 'disable':
      case 'block':
        return plan(['off'], []);
      case 'enable':
        return plan(['on'], []);
      case 'add-password': {
        const { password, generated } = await passwordFor(p.password, d.target, b);
        const hash = sha256Hex(password!);
        return { ...plan([`#${hash}`], [password!, hash]), generated };
      }
      case 'drop-passwords': {
        const hashes = p.which === 'old' ? await oldHashes(d.target, p.user) : [...(b.hashes ?? [])];
        if (!hashes.length)
          throw new OperationError(`nothing to remove: ${toDisplay(p.user)} keeps its only password`);
        return plan(
          hashes.map((h) => `!${h}`),
          hashes,
          removeSummary(hashes.length, p.user),
        );
      }
    }
  },
};

const userParams = obj({ user });

export const deleteUser: OperationSpec<ReturnType<typeof userParams>> = {
  id: 'acl.deluser',
  params: userParams,
  describe: (p) => `Delete user ${toDisplay(p.user)}`,
  plan: async (p, d) => ({
    action: 'acl.deluser',
    summary: `Delete user ${p.user}`,
    args: shownUser(p.user),
    write: (ctx) => delUser(d.target, ctx, [p.user]),
    check: (node) => checkUser(d.target, p.user, { gone: true })(node),
    reread: d.reread,
  }),
};

const killUserSummary = (name: string) => `Kill the connections of user ${name}`;

/** CLIENT KILL USER on every node (ACL SETUSER off leaves the user's connections open). */
export const killUser: OperationSpec<ReturnType<typeof userParams>> = {
  id: 'client.kill-user',
  params: userParams,
  describe: (p) => killUserSummary(toDisplay(p.user)),
  plan: async (p, d) => ({
    action: 'client.kill-user',
    summary: killUserSummary(p.user),
    args: shownUser(p.user),
    write: (ctx) => killUserClients(d.target, ctx, p.user),
    reread: d.reread,
  }),
};
