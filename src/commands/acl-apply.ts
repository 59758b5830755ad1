// `redis-warden acl apply FILE --yes`: the plan, applied on every node through the one
// mutation path, one ACL SETUSER per user (Redis applies all its rules or none), then
// re-read from every node and planned again, so "applied" means the servers now match.
import { mergeSteps } from '../domain/acl/per-node-plan.js';
import { planIsEmpty } from '../domain/acl/plan.js';
import type { AclPlan, DesiredUser } from '../domain/acl/plan.js';
import { userFromListLine } from '../domain/acl/rules.js';
import { toDisplay } from '../domain/display.js';
import { afterSetUser, checkUser, delUser, listUserLines, setUser } from '../redis/acl.js';
import { runServerWrite } from '../ops/mutation.js';
import type { MutationResult, ServerWritePlan } from '../ops/mutation.js';
import type { CommandContext } from './context.js';
import { allEmpty, loadDesired, nodePlans, planAgainst, planFile } from './acl-desired.js';
import type { Planned } from './acl-desired.js';
import { persistenceReminder } from './acl-save.js';
import { errorText, notReread, withAcl } from './acl-session.js';
import type { AclSession } from './acl-session.js';
import { lockoutOf, printPlan } from './acl-plan.js';
import type { PlanFlags } from './acl-plan.js';
import { print } from './output.js';

export interface ApplyFlags extends PlanFlags {
  yes?: boolean;
  allowLockout?: boolean;
}

type Step = { verb: 'create' | 'change' | 'delete'; name: string; plan: Omit<ServerWritePlan, 'reread'> };

/**
 * The writes of a per-node plan: each user's ACL SETUSER only on the nodes that need it, and
 * on nodes that could not be read (the file's rules start with `reset`, so writing them to a
 * node that already matched changes nothing; their failure is then reported per node).
 * DELUSER only where the user was seen.
 */
function stepsOf(s: AclSession, p: Planned, from: string): Step[] {
  const unread = (p.unreadable ?? []).map((u) => u.node);
  // Planned without per-node plans (tests): every node.
  const onNodes = (nodes: string[]) => (p.nodes ? nodes : undefined);
  return mergeSteps(nodePlans(p)).map((st): Step => {
    if (st.kind === 'delete')
      return {
        verb: 'delete',
        name: st.name,
        plan: {
          action: 'acl.deluser',
          summary: `Delete user ${st.name}`,
          args: { user: toDisplay(st.name), from },
          write: (ctx) => delUser(s.target, ctx, [st.name], onNodes(st.nodes)),
          check: checkUser(s.target, st.name, { gone: true }),
        },
      };
    const verb = st.created.length === st.nodes.length ? 'create' : 'change';
    return {
      verb,
      name: st.name,
      plan: {
        action: verb === 'create' ? 'acl.create-user' : 'acl.setuser',
        summary: `${verb === 'create' ? 'Create' : 'Change'} user ${st.name}`,
        args: { user: toDisplay(st.name), from },
        write: (ctx) => setUser(s.target, ctx, st.name, st.args, onNodes([...st.nodes, ...unread])),
        check: checkUser(s.target, st.name, afterSetUser(st.args)),
      },
    };
  });
}

/** FAILED only when it surely did not run; a lost reply is UNKNOWN, a skipped write NOT ATTEMPTED. */
const noneOk = (r: MutationResult<unknown>): string =>
  r.results.some((x) => x.outcome === 'unknown')
    ? 'UNKNOWN'
    : r.results.every((x) => x.outcome === 'not-attempted')
      ? 'NOT ATTEMPTED'
      : 'FAILED';

/** A step whose reply was lost on some nodes: what the re-read found there, node by node. */
interface Unknown {
  step: Step;
  nodes: string[];
}

/** Per unknown node: "in effect on re-read", "not in effect on re-read (...)", or "not re-read: ...". */
function foundOn(u: Unknown, v: Verified): { node: string; said: string; inEffect: boolean }[] {
  return u.nodes.map((node) => {
    const r = v.byNode.get(node);
    if (!r || typeof r === 'string')
      return { node, said: r ?? 'not re-read; its state is unknown', inEffect: false };
    const left = [...r.create, ...r.change, ...r.remove].some((x) => x.name === u.step.name);
    return left
      ? { node, said: 'not in effect on re-read (still different from the file)', inEffect: false }
      : { node, said: 'in effect on re-read (outcome of the command unknown)', inEffect: true };
  });
}

/** "Also: 1 change with an unknown outcome (the reply was lost): r03: in effect on re-read ...". */
function untold(unknown: Unknown[], v: Verified, skipped: number): string[] {
  const told = unknown.map((u) => {
    const found = foundOn(u, v);
    const said =
      found.length === 1 ? found[0]!.said : found.map((f) => `${toDisplay(f.node)}: ${f.said}`).join('; ');
    return `${toDisplay(u.step.name)}: ${said}`;
  });
  const n = unknown.length;
  const parts = [
    ...(n
      ? [`${n} change${n === 1 ? '' : 's'} with an unknown outcome (the reply was lost): ${told.join('; ')}`]
      : []),
    ...(skipped
      ? [`${skipped} not attempted (a node stopped answering; no more writes were sent to it)`]
      : []),
  ];
  return parts.length ? [`Also: ${parts.join('; ')}.`] : [];
}

/** "created alice: ok on 6/6 nodes" plus one line per node that failed or did not answer. */
function describeStep(step: Step, r: MutationResult<unknown>): string[] {
  const ok = r.results.filter((x) => x.outcome === 'ok').length;
  const past = { create: 'created', change: 'changed', delete: 'deleted' }[step.verb];
  const head = `${past} ${toDisplay(step.name)}: ${ok === r.results.length ? 'ok' : ok === 0 ? noneOk(r) : 'PARTLY'} on ${ok}/${r.results.length} node${r.results.length === 1 ? '' : 's'}`;
  const bad = r.results.flatMap((x) =>
    x.outcome === 'ok'
      ? []
      : x.outcome === 'not-attempted'
        ? [`    ${x.target}: ${toDisplay(x.error.message)}`]
        : [
            `    ${x.target}: ${x.outcome === 'unknown' ? 'outcome UNKNOWN (the reply was lost; re-read below): ' : ''}${toDisplay(`${x.error.code ? `${x.error.code} ` : ''}${x.error.name}: ${x.error.message}`)}`,
          ],
  );
  return [head, ...bad];
}

/** Every hash in the arguments: the journal redacts them from now on (a hash is crackable). */
function hashesOf(plans: readonly AclPlan[]): string[] {
  return plans
    .flatMap((plan) => [...plan.create, ...plan.change])
    .flatMap((c) => c.args.filter((a) => /^[#!][0-9a-f]{64}$/.test(a)).map((a) => a.slice(1)));
}

interface Verified {
  /** "node: alice (keys), bob (missing)" per node that still differs. */
  differs: string[];
  /** Nodes that could not be read back: down, or the read failed. */
  unchecked: string[];
  /** Each node's plan against the file after the changes, or why it was not re-read. */
  byNode: Map<string, AclPlan | string>;
}

/** Plans again against every node: what still differs, by node. */
async function verify(s: AclSession, p: Planned, prune: boolean | undefined): Promise<Verified> {
  const results = await s.target.onEach(async (node) => {
    if (node.status.state !== 'ready') throw new Error('not connected');
    const current = (await listUserLines(node)).map(userFromListLine);
    return planAgainst(p.desired, current, {
      prune,
      universe: p.state.universe,
      pubsubDefault: p.state.pubsubDefault,
    });
  });
  const out: Verified = { differs: [], unchecked: [], byNode: new Map() };
  for (const r of results) {
    if (!r.ok) {
      const why = notReread(s, r.node, r.error);
      out.byNode.set(r.node, why);
      out.unchecked.push(`${r.node}: ${toDisplay(why)}`);
      continue;
    }
    out.byNode.set(r.node, r.value);
    if (planIsEmpty(r.value)) continue;
    const names = [
      ...r.value.create.map((c) => `${toDisplay(c.name)} (missing)`),
      ...r.value.change.map((c) => `${toDisplay(c.name)} (${c.changes.map((x) => x.aspect).join(', ')})`),
      ...r.value.remove.map((u) => `${toDisplay(u.name)} (still there)`),
    ];
    out.differs.push(`${r.node}: ${names.join(', ')}`);
  }
  return out;
}

function outcomeLines(
  v: Verified,
  counts: { applied: number; inEffect: number; total: number; nodes: number },
  file: string,
): string[] {
  const { applied, inEffect, total, nodes } = counts;
  const f = toDisplay(file);
  // A change whose reply was lost is not "applied"; the re-read may show it in effect.
  const changes = `${applied} change${applied === 1 ? '' : 's'}${inEffect ? ` (and ${inEffect} whose reply was lost, in effect on re-read)` : ''}`;
  if (v.differs.length)
    return [
      `Applied ${applied}${inEffect ? ` (and ${inEffect} in effect on re-read)` : ''} of ${total}; still different from ${f}:`,
      ...v.differs.map((d) => `  ${d}`),
    ];
  if (v.unchecked.length)
    return [
      `Applied ${changes}; ${nodes - v.unchecked.length} of ${nodes} nodes now match ${f}; not checked:`,
      ...v.unchecked.map((u) => `  ${u}`),
    ];
  return [`Applied ${changes}; the server now matches ${f}.`];
}

export async function aclApply(ctx: CommandContext, file: string, flags: ApplyFlags): Promise<number> {
  const desired = loadDesired(file, ctx.warn);
  return withAcl(ctx, flags, (s) => applyDesired(ctx, s, file, desired, flags));
}

/**
 * Plans `desired` against every node, applies it through the mutation path and re-reads every
 * node: `acl apply` (the file) and `acl sync` (one node's users). `file` names the source in
 * messages. The result is the exit code; `after` (sync's persist) runs once something was
 * applied, and the journal's entries then say `from: acl sync`.
 */
export async function applyDesired(
  ctx: CommandContext,
  s: AclSession,
  file: string,
  desired: DesiredUser[],
  flags: ApplyFlags,
  after?: () => Promise<number>,
): Promise<number> {
  const p = await planFile(s, file, desired, { prune: flags.prune }, ctx.warn);
  printPlan(p, file, flags.prune, ctx.warn);
  if (allEmpty(p)) return p.unreadable?.length ? 2 : 0;
  if (lockoutOf(p).length && !flags.allowLockout) {
    ctx.warn('Refused: this plan could lock the console (or everyone) out; nothing was changed.');
    ctx.warn('Fix the file, or pass --allow-lockout if that is really what you want.');
    return 2;
  }
  ctx.journal.addSecrets(...hashesOf(nodePlans(p).map((n) => n.plan)));
  const steps = stepsOf(s, p, after ? 'acl sync' : 'acl apply');
  const nodes = s.target.nodeIds().length;
  let failed = false;
  let applied = 0;
  const unknown: Unknown[] = [];
  let skipped = 0;
  for (const step of steps) {
    const r = await runServerWrite(s.env, step.plan, Boolean(flags.yes));
    if (r.status === 'needs-confirmation') {
      ctx.warn(
        `Not applied: run again with --yes to apply these ${steps.length} changes on ${nodes} node${nodes === 1 ? '' : 's'}.`,
      );
      return 2;
    }
    if (r.status === 'refused') {
      ctx.warn(`Refused: ${r.reason ?? 'read-only'}; nothing was changed.`);
      return 2;
    }
    print(describeStep(step, r).join('\n'));
    const lost = r.results.filter((x) => x.outcome === 'unknown').map((x) => x.target);
    if (lost.length) unknown.push({ step, nodes: lost });
    // Only a lost reply may still turn out well; anything else that is not done failed.
    if (r.results.some((x) => x.outcome !== 'ok' && x.outcome !== 'unknown')) failed = true;
    if (r.status !== 'failed') applied += 1;
    else if (!lost.length && r.results.some((x) => x.outcome === 'not-attempted')) skipped += 1;
  }
  let v: Verified;
  await s.settle(); // a node whose write was lost reconnects before it is re-read
  try {
    v = await verify(s, p, flags.prune);
  } catch (err) {
    const why = `not re-read: ${errorText(err, s.target.secrets)}; its state is unknown`;
    v = { differs: [], unchecked: [`every node: ${toDisplay(why)}`], byNode: new Map() };
  }
  // A lost reply the re-read shows in effect on every node it was lost on: done after all.
  const inEffect = unknown.filter((u) => foundOn(u, v).every((f) => f.inEffect));
  if (inEffect.length < unknown.length) failed = true;
  const counts = { applied, inEffect: inEffect.length, total: steps.length, nodes };
  print([...outcomeLines(v, counts, file), ...untold(unknown, v, skipped)].join('\n'));
  const code = failed || v.differs.length || v.unchecked.length ? 1 : 0;
  if (applied + inEffect.length > 0 && after) return Math.max(code, await after());
  if (applied + inEffect.length > 0) print(await persistenceReminder(s));
  return code;
}
