// `redis-warden acl plan FILE`: what `acl apply FILE` would do, user by user and rule by
// rule. The plan never shows a password or a hash: the file's `>pw` became `#sha256` in
// the SETUSER arguments, and changes to passwords are told as counts.
import { maskedRuleArgs } from '../domain/acl/summary.js';
import { planIsEmpty, usersAfter } from '../domain/acl/plan.js';
import type { AclPlan, PlannedUser } from '../domain/acl/plan.js';
import { lockoutRisks } from '../domain/acl/lockout.js';
import { addedRisks, newRiskLine } from '../domain/acl/risk.js';
import type { RiskFlag } from '../domain/acl/risk.js';
import { hexBytes } from '../domain/bytes.js';
import { toDisplay } from '../domain/display.js';
import type { CommandContext } from './context.js';
import { groupPlans } from '../domain/acl/per-node-plan.js';
import type { NodePlan } from '../domain/acl/per-node-plan.js';
import { allEmpty, loadDesired, nodePlans, planFile } from './acl-desired.js';
import type { Planned } from './acl-desired.js';
import { riskJson } from './acl-list.js';
import { withAcl } from './acl-session.js';
import type { AclFlags } from './acl-session.js';
import { JsonStream, jsonPieces, jsonStream, print, printPieces } from './output.js';

export interface PlanFlags extends AclFlags {
  prune?: boolean;
}

const at = (line: number | undefined) => (line ? ` (line ${line})` : '');

/** Risk flags each created or changed user would gain, by name: what the rule editor warns of. */
export function newRisksOf(p: Planned, on?: NodePlan): Map<string, RiskFlag[]> {
  const plan = on?.plan ?? p.plan;
  const now = new Map((on?.current ?? p.state.current).map((u) => [u.name, u]));
  return new Map(
    [...plan.create, ...plan.change].map((c) => [
      c.name,
      addedRisks(now.get(c.name), c.after, p.state.universe),
    ]),
  );
}

// Arguments per piece of a long ACL SETUSER line: masked and escaped a piece at a time, so a
// user with 200,000 patterns is never one more multi-megabyte string (or several copies).
const ARGS_PER_PIECE = 4096;

/**
 * The plan's `ACL SETUSER` line in pieces. Masking is per argument, and a piece after the
 * first starts with the space before its first argument: toDisplay() starts afresh at a
 * plain character, so the pieces read exactly as the whole line would.
 */
function* setUserLine(name: string, args: readonly string[]): Generator<string> {
  yield `    ACL SETUSER ${toDisplay(name)} `;
  let first = true;
  for (const masked of maskedPieces(args)) {
    yield toDisplay(first ? masked.join(' ') : ` ${masked.join(' ')}`);
    first = false;
  }
  yield '\n';
}

/** maskedRuleArgs(args), a piece at a time (it masks argument by argument). */
function* maskedPieces(args: readonly string[]): Generator<string[]> {
  for (let i = 0; i < args.length; i += ARGS_PER_PIECE)
    yield maskedRuleArgs(args.slice(i, i + ARGS_PER_PIECE));
}

const maskedJson = (args: readonly string[]): JsonStream =>
  new JsonStream({
    *[Symbol.iterator]() {
      for (const masked of maskedPieces(args)) yield* masked;
    },
  });

/** The plan as text, user by user, in pieces (each line ends with its newline). */
export function* planText(plan: AclPlan, risks: Map<string, RiskFlag[]> = new Map()): Generator<string> {
  const riskLines = (name: string) =>
    (risks.get(name) ?? []).map((r) => `    ${toDisplay(newRiskLine(r))}\n`).join('');
  for (const c of plan.create) {
    yield `+ create ${toDisplay(c.name)}${at(c.line)}\n`;
    yield* setUserLine(c.name, c.args);
    yield riskLines(c.name);
  }
  for (const c of plan.change) {
    yield `~ change ${toDisplay(c.name)}${at(c.line)}\n`;
    for (const ch of c.changes) yield `    ${toDisplay(ch.text)}\n`;
    yield riskLines(c.name);
  }
  for (const u of plan.remove) yield `- delete ${toDisplay(u.name)}\n`;
}

export const planSummary = (plan: AclPlan): string =>
  `Plan: ${plan.create.length} to create, ${plan.change.length} to change, ${plan.remove.length} to delete, ${plan.unchanged.length} unchanged.`;

export const planCount = (plan: AclPlan): number =>
  plan.create.length + plan.change.length + plan.remove.length;

export const nothingToDo = (file: string) => `Nothing to do: the server matches ${toDisplay(file)}.`;

/** What could lock the console (or everyone) out, on any node: each node is planned on its own users. */
export function lockoutOf(p: Planned): string[] {
  const risks = nodePlans(p).flatMap((n) =>
    lockoutRisks(p.me, n.current, usersAfter(n.current, n.plan), p.state.universe),
  );
  return [...new Set(risks)];
}

/** Users the file leaves alone and --prune would delete: said, so a plan never surprises. */
function unprunedNote(p: Planned, prune: boolean | undefined): string | undefined {
  const wanted = new Set(p.desired.map((d) => d.name));
  if (prune) {
    // Redis cannot delete `default`: --prune keeps it, which may leave it on and nopass.
    const def = p.state.current.find((u) => u.name === 'default');
    return def && !wanted.has('default')
      ? `Kept: default (Redis cannot delete it; it is ${def.enabled ? 'ON' : 'off'}${def.enabled && def.nopass ? ' and nopass' : ''}). Add "user default off" to the file to disable it.`
      : undefined;
  }
  const extra = p.state.current.filter((u) => !wanted.has(u.name)).map((u) => toDisplay(u.name));
  return extra.length
    ? `Not in the file, kept (--prune would delete ${extra.length === 1 ? 'it' : 'them'}): ${extra.join(', ')}`
    : undefined;
}

export function printPlan(
  p: Planned,
  file: string,
  prune: boolean | undefined,
  warn: (l: string) => void,
): void {
  for (const risk of lockoutOf(p)) warn(`Warning: lockout risk: ${toDisplay(risk)}`);
  if (p.nodes && p.nodes.length + (p.unreadable?.length ?? 0) > 1) {
    printNodePlans(p, file, warn);
    return;
  }
  const note = unprunedNote(p, prune);
  if (planIsEmpty(p.plan)) {
    print(nothingToDo(file));
    if (note) print(note);
    return;
  }
  printPieces(
    (function* () {
      yield* planText(p.plan, newRisksOf(p));
      yield `${planSummary(p.plan)}\n`;
      if (note) yield `${note}\n`;
    })(),
  );
}

/** A cluster's plan: nodes with the same plan told once, each node's changes under its name. */
function printNodePlans(p: Planned, file: string, warn: (l: string) => void): void {
  const plans = nodePlans(p);
  const unreadable = p.unreadable ?? [];
  for (const u of unreadable) warn(toDisplay(`Warning: could not read the users of ${u.node}: ${u.error}`));
  const total = plans.length + unreadable.length;
  if (allEmpty(p)) {
    print(
      `Nothing to do: ${plans.length === total ? 'all' : `${plans.length} of`} ${total} nodes match ${toDisplay(file)}.`,
    );
    return;
  }
  printPieces(
    (function* () {
      for (const g of groupPlans(plans)) {
        const many = g.nodes.length > 1 ? ` (${g.nodes.length} nodes)` : '';
        yield `${toDisplay(g.nodes.join(', '))}${many}:\n`;
        if (planIsEmpty(g.plan.plan)) yield '  nothing to do\n';
        else yield* planText(g.plan.plan, newRisksOf(p, g.plan));
      }
      const differ = plans.filter((n) => !planIsEmpty(n.plan)).length;
      yield `Plan: ${differ} of ${total} node${total === 1 ? '' : 's'} differ from ${toDisplay(file)}.\n`;
    })(),
  );
}

/** The plan for `--json` (jsonPieces): created and changed users are made as they are written. */
export function planJson(p: Planned, file: string): Record<string, unknown> {
  const risks = newRisksOf(p);
  const newRisks = (name: string) => (risks.get(name) ?? []).map(riskJson);
  const entry = (c: PlannedUser) => ({
    name: c.name,
    nameHex: hexBytes(c.name),
    line: c.line ?? null,
    rules: maskedJson(c.args),
  });
  return {
    file,
    empty: allEmpty(p),
    create: jsonStream(p.plan.create, (c) => ({ ...entry(c), newRisks: newRisks(c.name) })),
    change: jsonStream(p.plan.change, (c) => ({
      ...entry(c),
      changes: c.changes.map((ch) => ({ aspect: ch.aspect, text: ch.text })),
      newRisks: newRisks(c.name),
    })),
    delete: p.plan.remove.map((u) => ({ name: u.name, nameHex: hexBytes(u.name) })),
    unchanged: p.plan.unchanged,
    unchangedHex: p.plan.unchanged.map(hexBytes),
    lockout: lockoutOf(p),
    // Per node: what `acl apply` would write there (names; the rules are the same file's).
    nodes: nodePlans(p).map((n) => ({
      node: n.node,
      empty: planIsEmpty(n.plan),
      create: n.plan.create.map((c) => c.name),
      change: n.plan.change.map((c) => ({ name: c.name, aspects: c.changes.map((x) => x.aspect) })),
      delete: n.plan.remove.map((u) => u.name),
    })),
    unreadable: p.unreadable ?? [],
  };
}

export async function aclPlan(ctx: CommandContext, file: string, flags: PlanFlags): Promise<number> {
  const desired = loadDesired(file, ctx.warn);
  return withAcl(ctx, flags, async (s) => {
    const p = await planFile(s, file, desired, { prune: flags.prune }, ctx.warn);
    if (flags.json) printPieces(jsonPieces(planJson(p, file)));
    else printPlan(p, file, flags.prune, ctx.warn);
    // A node that differs is drift (1); one that could not be read leaves the answer open (2).
    return !allEmpty(p) ? 1 : p.unreadable?.length ? 2 : 0;
  });
}
