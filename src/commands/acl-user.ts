// The Users pane's changes, headless: `acl create|setuser|disable|enable|delete|rotate|kill`.
// Each prints what the pane's confirmation shows (the SETUSER line masked, the permission
// diff, new risks, lockout), acts only with --yes where the pane asks, runs the same
// operation as the pane (src/ops/users.ts: same guards, journal ids, re-read by name), and
// says each node's outcome. Exit 0 done, 1 not confirmed or a node failed, 2 refused.
import { sha256Hex } from '../domain/acl/rules-text.js';
import { diffUsers } from '../domain/acl/diff.js';
import { lockoutRisks } from '../domain/acl/lockout.js';
import { addedRisks } from '../domain/acl/risk.js';
import { previewRules } from '../domain/acl/rule-preview.js';
import type { AclUser } from '../domain/acl/types.js';
import { toDisplay } from '../domain/display.js';
import { afterSetUser } from '../redis/acl.js';
import type { UserExpectation } from '../redis/acl.js';
import * as op from '../ops/users.js';
import type { UserOpContext } from '../ops/users.js';
import type { MutationResult } from '../ops/mutation.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { persistenceReminder } from './acl-save.js';
import { withAcl } from './acl-session.js';
import type { AclFlags, AclSession } from './acl-session.js';
import type { Known } from './acl-user-report.js';
import { changeLines, existing, readKnown, recheckUnknown, resultLines } from './acl-user-report.js';
import { print } from './output.js';

export interface UserChangeFlags extends AclFlags {
  yes?: boolean;
  allowLockout?: boolean;
  kill?: boolean;
  template?: string;
  passwordGenerate?: boolean;
  passwordStdin?: boolean;
  add?: boolean;
  dropOld?: boolean;
}

interface Change {
  lines: string[];
  problems?: string[];
  lockout?: string[];
  /** The pane asks for a confirmation: --yes. */
  confirm: boolean;
  run: (c: UserOpContext) => Promise<MutationResult<unknown>>;
  name: string;
  expected?: UserExpectation;
  /** Where the report goes: stderr when stdout carries a password, and nothing else. */
  say: (line: string) => void;
}

/** Shows the change (or why it cannot be made), applies the guards, runs it, reports per node. */
export async function change(
  ctx: CommandContext,
  s: AclSession,
  flags: UserChangeFlags,
  c: Change,
): Promise<{ code: number; r?: MutationResult<unknown> }> {
  if (c.problems?.length) {
    for (const p of c.problems) ctx.warn(`Not done: ${toDisplay(p)}`);
    return { code: 2 };
  }
  for (const l of c.lines) c.say(l);
  const lockout = c.lockout ?? [];
  if (lockout.length && flags.yes && !flags.allowLockout) {
    ctx.warn('Refused: this could lock the console (or everyone) out; nothing was changed.');
    ctx.warn('Pass --allow-lockout with --yes if that is really what you want.');
    return { code: 2 };
  }
  const confirmed = !c.confirm || Boolean(flags.yes);
  const r = await c.run({ target: s.target, env: s.env, confirmed });
  if (r.status === 'refused') {
    ctx.warn(`Refused: ${r.reason ?? 'read-only'}; nothing was changed.`);
    return { code: 2, r };
  }
  if (r.status === 'needs-confirmation') {
    ctx.warn(`Not done: run again with --yes${lockout.length ? ' --allow-lockout' : ''} to do it.`);
    return { code: 1, r };
  }
  for (const l of resultLines(r)) c.say(l);
  if (c.expected) for (const l of await recheckUnknown(s, r, c.name, c.expected)) c.say(l);
  return { code: r.status === 'done' ? 0 : 1, r };
}

export const nodesOf = (s: AclSession) => s.target.nodeIds().length;
const lockoutFor = (k: Known, after: readonly AclUser[]) => lockoutRisks(k.me, k.users, after, k.universe);
const replaced = (k: Known, user: AclUser) => k.users.map((u) => (u.name === user.name ? user : u));

/** After a change that touched users: how to make it outlive a restart. */
export async function remind(
  s: AclSession,
  code: number,
  r: MutationResult<unknown> | undefined,
  say: (l: string) => void,
) {
  if (r && (r.status === 'done' || r.status === 'partial')) say(await persistenceReminder(s));
  return code;
}

/** `acl disable NAME [--kill]` and `acl enable NAME`. */
export function aclSetEnabled(ctx: CommandContext, name: string, on: boolean, flags: UserChangeFlags) {
  return withAcl(ctx, flags, async (s) => {
    const k = await readKnown(ctx, s);
    const user = existing(k, name);
    const after = { ...user, enabled: on };
    const p = {
      changes: diffUsers(user, after, k.universe).map((x) => x.text),
      newRisks: addedRisks(user, after, k.universe),
      lockout: lockoutFor(k, replaced(k, after)),
    };
    const lines = [
      ...changeLines(name, [on ? 'on' : 'off'], nodesOf(s), p),
      on
        ? 'Its passwords log in again.'
        : flags.kill
          ? 'New logins are refused; then its open connections are killed on every node (CLIENT KILL USER).'
          : 'New logins are refused. Its open connections stay connected: Redis does not close them (--kill does).',
    ];
    const { code, r } = await change(ctx, s, flags, {
      lines,
      lockout: p.lockout,
      confirm: true,
      name,
      expected: afterSetUser([on ? 'on' : 'off']),
      run: (c) => (on ? op.enableUserOp(c, name) : op.disableUserOp(c, name)),
      say: print,
    });
    if (!on && flags.kill && r?.status === 'done') {
      const killed = await op.killUserOp({ target: s.target, env: s.env, confirmed: true }, name);
      for (const l of resultLines(killed)) print(l);
      print(`Killed ${op.killedCount(killed)} connection(s) of ${toDisplay(name)}.`);
      await remind(s, code, r, print);
      return killed.status === 'done' ? code : 1;
    }
    return remind(s, code, r, print);
  });
}

/** `acl delete NAME --yes`. */
export function aclDelete(ctx: CommandContext, name: string, flags: UserChangeFlags) {
  return withAcl(ctx, flags, async (s) => {
    const k = await readKnown(ctx, s);
    existing(k, name);
    const p = {
      changes: [],
      newRisks: [],
      lockout: lockoutFor(
        k,
        k.users.filter((u) => u.name !== name),
      ),
    };
    const { code, r } = await change(ctx, s, flags, {
      lines: [
        ...changeLines(name, [], nodesOf(s), p, 'ACL DELUSER'),
        'Its open connections are closed by Redis. There is no undo (redis-warden acl export keeps a copy).',
      ],
      lockout: p.lockout,
      confirm: true,
      name,
      expected: { gone: true },
      run: (c) => op.deleteUserOp(c, name),
      say: print,
    });
    return remind(s, code, r, print);
  });
}

/** `acl kill NAME`: its connections on every node. Needs no ACL LIST, only CLIENT KILL. */
export function aclKill(ctx: CommandContext, name: string, flags: UserChangeFlags) {
  return withAcl(ctx, flags, async (s) => {
    const { code, r } = await change(ctx, s, flags, {
      lines: [
        toDisplay(`CLIENT KILL USER ${name}`) +
          ` on ${nodesOf(s)} node(s): every connection of that user is closed.`,
      ],
      confirm: true,
      name,
      run: (c) => op.killUserOp(c, name),
      say: print,
    });
    if (r && r.status !== 'refused' && r.status !== 'needs-confirmation')
      print(`Killed ${op.killedCount(r)} connection(s) of ${toDisplay(name)}.`);
    return code;
  });
}

/** `acl setuser NAME RULE...`: the rule editor's "append" mode. */
export function aclSetUser(ctx: CommandContext, name: string, rules: string[], flags: UserChangeFlags) {
  return withAcl(ctx, flags, async (s) => {
    const k = await readKnown(ctx, s);
    const before = k.users.find((u) => u.name === name);
    if (!before) throw new UsageError(`no such user: ${name} (acl create makes a new one)`);
    const p = previewRules({ name, before, text: rules.join(' '), mode: 'append', exists: true, ...k });
    if (p.secrets.length)
      ctx.warn('Warning: a password on the command line is visible to other local users: prefer #<sha256>.');
    ctx.journal.addSecrets(...p.secrets, ...p.secrets.map(sha256Hex));
    if (!p.problems.length && !p.changes.length) {
      print('Nothing to do: those rules change nothing this user may do.');
      return 0;
    }
    const { code, r } = await change(ctx, s, flags, {
      lines: changeLines(name, p.shownArgs, nodesOf(s), p),
      problems: [...p.errors, ...p.problems.filter((x) => !p.errors.includes(x))],
      lockout: p.lockout,
      confirm: true,
      name,
      expected: afterSetUser(p.args),
      run: (c) => op.setUserOp(c, name, p.args, p.secrets),
      say: print,
    });
    return remind(s, code, r, print);
  });
}
