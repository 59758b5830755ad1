// A desired ACL state (an ACL file, or one node's users) made true on every node: the per-node
// plan's writes through the one mutation path, one ACL SETUSER per user (Redis applies all its
// rules or none), then every node re-read and planned again, so "applied" means the servers
// now match. `acl apply`, `acl sync` and the drift view's sync all run this; they only differ
// in what they show.
import { mergeSteps } from '../domain/acl/per-node-plan.js';
import { planIsEmpty } from '../domain/acl/plan.js';
import type { AclPlan } from '../domain/acl/plan.js';
import { userFromListLine } from '../domain/acl/rules.js';
import { toDisplay } from '../domain/display.js';
import { afterSetUser, checkUser, delUser, listUserLines, setUser } from '../redis/acl.js';
import type { Explained } from '../redis/errors.js';
import { nodePlans, planAgainst } from './acl-desired.js';
import type { AclOps, Planned } from './acl-desired.js';
import { errorText } from './input-error.js';
import { runServerWrite } from './mutation.js';
import type { MutationResult, ServerWritePlan } from './mutation.js';

/** Which command the journal's entries say the change came from (the pane's sync says the same). */
export type ApplyVia = 'acl apply' | 'acl sync';

export type Step = {
  verb: 'create' | 'change' | 'delete';
  name: string;
  plan: Omit<ServerWritePlan, 'reread'>;
};

/** Every hash in the arguments: redacted from errors and the journal (a hash is crackable). */
export function hashesOf(plans: readonly AclPlan[]): string[] {
  return plans
    .flatMap((plan) => [...plan.create, ...plan.change])
    .flatMap((c) => c.args.filter((a) => /^[#!][0-9a-f]{64}$/.test(a)).map((a) => a.slice(1)));
}

/**
 * The writes of a per-node plan: each user's ACL SETUSER only on the nodes that need it, and
 * on nodes that could not be read (the desired rules start with `reset`, so writing them to a
 * node that already matched changes nothing; their failure is then reported per node).
 * DELUSER only where the user was seen.
 */
export function stepsOf(s: AclOps, p: Planned, from: ApplyVia): Step[] {
  const unread = (p.unreadable ?? []).map((u) => u.node);
  const secrets = hashesOf(nodePlans(p).map((n) => n.plan));
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
        secrets,
        write: (ctx) => setUser(s.target, ctx, st.name, st.args, onNodes([...st.nodes, ...unread])),
        check: checkUser(s.target, st.name, afterSetUser(st.args)),
      },
    };
  });
}

/** A step whose reply was lost on some nodes: what the re-read found there, node by node. */
export interface Unknown {
  step: Step;
  nodes: string[];
}

export interface Verified {
  /** "node: alice (keys), bob (missing)" per node that still differs. */
  differs: string[];
  /** Nodes that could not be read back: down, or the read failed. */
  unchecked: string[];
  /** Each node's plan against the desired state after the changes, or why it was not re-read. */
  byNode: Map<string, AclPlan | string>;
}

/**
 * Why a node was not re-read after a change, for the report: said as what is known (its
 * state is unknown), never as "the re-read shows".
 */
export function notReread(s: AclOps, node: string, error?: Explained): string {
  // Called after settle(), which waits for a dropped node until the bound is used up.
  if (s.target.node(node)?.status.state !== 'ready')
    return s.failed.some((f) => f.id === node)
      ? 'not re-read: the node is not connected; its state is unknown'
      : 'not re-read: the node did not come back within the time bound; its state is unknown';
  return `not re-read: ${error ? `${error.code ? `${error.code} ` : ''}${error.message}` : 'the re-read failed'}; its state is unknown`;
}

/** Plans again against every node: what still differs, by node. */
async function verify(s: AclOps, p: Planned, prune: boolean | undefined): Promise<Verified> {
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

/** Per unknown node: "in effect on re-read", "not in effect on re-read (...)", or "not re-read: ...". */
export function foundOn(u: Unknown, v: Verified): { node: string; said: string; inEffect: boolean }[] {
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

export interface Applied {
  steps: { step: Step; result: MutationResult<unknown> }[];
  verified: Verified;
  unknown: Unknown[];
  /** Steps not attempted anywhere (a node stopped answering). */
  skipped: number;
  /** Steps that ran (done or partly). */
  applied: number;
  /** Steps whose reply was lost on every such node and which the re-read shows in effect. */
  inEffect: number;
  /** A step failed somewhere, or a lost reply is not shown in effect. */
  failed: boolean;
  nodes: number;
}

export type ApplyOutcome =
  | { status: 'needs-confirmation'; steps: number; nodes: number }
  | { status: 'refused'; reason: string }
  | { status: 'applied'; report: Applied };

/**
 * Applies a plan step by step (`onStep` hears each result as it comes), re-reads every node and
 * plans again. Stops before the first write when the mutation path refuses or wants a
 * confirmation. The lockout check is the caller's: it says it before asking.
 */
export async function applyPlanned(
  s: AclOps,
  p: Planned,
  opts: {
    confirmed: boolean;
    prune?: boolean;
    via: ApplyVia;
    onStep?: (step: Step, r: MutationResult<unknown>) => void;
  },
): Promise<ApplyOutcome> {
  const steps = stepsOf(s, p, opts.via);
  const nodes = s.target.nodeIds().length;
  const done: Applied['steps'] = [];
  let failed = false;
  let applied = 0;
  let skipped = 0;
  const unknown: Unknown[] = [];
  for (const step of steps) {
    const r = await runServerWrite(s.env, step.plan, opts.confirmed);
    if (r.status === 'needs-confirmation')
      return { status: 'needs-confirmation', steps: steps.length, nodes };
    if (r.status === 'refused') return { status: 'refused', reason: r.reason ?? 'read-only' };
    done.push({ step, result: r });
    opts.onStep?.(step, r);
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
    v = await verify(s, p, opts.prune);
  } catch (err) {
    const why = `not re-read: ${errorText(err, s.target.secrets)}; its state is unknown`;
    v = { differs: [], unchecked: [`every node: ${toDisplay(why)}`], byNode: new Map() };
  }
  // A lost reply the re-read shows in effect on every node it was lost on: done after all.
  const inEffect = unknown.filter((u) => foundOn(u, v).every((f) => f.inEffect)).length;
  if (inEffect < unknown.length) failed = true;
  return {
    status: 'applied',
    report: { steps: done, verified: v, unknown, skipped, applied, inEffect, failed, nodes },
  };
}
