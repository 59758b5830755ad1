// `redis-warden acl plan FILE`: what `acl apply FILE` would do, user by user and rule by
// rule, in the words of ops/acl-plan-text.ts (the drift view's sync shows the same).
import { planIsEmpty } from '../domain/acl/plan.js';
import type { AclPlan, PlannedUser } from '../domain/acl/plan.js';
import { hexBytes } from '../domain/bytes.js';
import { toDisplay } from '../domain/display.js';
import type { CommandContext } from './context.js';
import { allEmpty, loadDesired, lockoutOf, nodePlans, planFile } from '../ops/acl-desired.js';
import type { Planned } from '../ops/acl-desired.js';
import { maskedPieces, newRisksOf, nodePlansText, planText, unreadableLines } from '../ops/acl-plan-text.js';
import { riskJson } from './acl-list.js';
import { withAcl } from './acl-session.js';
import type { AclFlags } from './acl-session.js';
import { JsonStream, jsonPieces, jsonStream, print, printPieces } from './output.js';

export interface PlanFlags extends AclFlags {
  prune?: boolean;
}

export { planText };

const maskedJson = (args: readonly string[]): JsonStream =>
  new JsonStream({
    *[Symbol.iterator]() {
      for (const masked of maskedPieces(args)) yield* masked;
    },
  });

export const planSummary = (plan: AclPlan): string =>
  `Plan: ${plan.create.length} to create, ${plan.change.length} to change, ${plan.remove.length} to delete, ${plan.unchanged.length} unchanged.`;

export const planCount = (plan: AclPlan): number =>
  plan.create.length + plan.change.length + plan.remove.length;

export const nothingToDo = (file: string) => `Nothing to do: the server matches ${toDisplay(file)}.`;

export { lockoutOf };

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
  for (const line of unreadableLines(p)) warn(line);
  const total = plans.length + (p.unreadable?.length ?? 0);
  if (allEmpty(p)) {
    print(
      `Nothing to do: ${plans.length === total ? 'all' : `${plans.length} of`} ${total} nodes match ${toDisplay(file)}.`,
    );
    return;
  }
  printPieces(nodePlansText(p, file));
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
