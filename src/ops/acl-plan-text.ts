// A plan in words, user by user and rule by rule, for `acl plan` / `acl apply` / `acl sync`
// and the drift view's sync confirmation alike. It never shows a password or a hash: a
// `>pw` became `#sha256` in the SETUSER arguments, and changes to passwords are told as counts.
import { groupPlans } from '../domain/acl/per-node-plan.js';
import type { NodePlan } from '../domain/acl/per-node-plan.js';
import { planIsEmpty } from '../domain/acl/plan.js';
import type { AclPlan } from '../domain/acl/plan.js';
import { addedRisks, newRiskLine } from '../domain/acl/risk.js';
import type { RiskFlag } from '../domain/acl/risk.js';
import { maskedRuleArgs } from '../domain/acl/summary.js';
import { toDisplay } from '../domain/display.js';
import { nodePlans } from './acl-desired.js';
import type { Planned } from './acl-desired.js';

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

/** maskedRuleArgs(args), a piece at a time (it masks argument by argument). */
export function* maskedPieces(args: readonly string[]): Generator<string[]> {
  for (let i = 0; i < args.length; i += ARGS_PER_PIECE)
    yield maskedRuleArgs(args.slice(i, i + ARGS_PER_PIECE));
}

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

/** Nodes that could not be read: their plan is unknown, and they are named as such. */
export const unreadableLines = (p: Planned): string[] =>
  (p.unreadable ?? []).map((u) => toDisplay(`Warning: could not read the users of ${u.node}: ${u.error}`));

/** A cluster's plan: nodes with the same plan told once, each node's changes under its name. */
export function* nodePlansText(p: Planned, file: string): Generator<string> {
  const plans = nodePlans(p);
  const total = plans.length + (p.unreadable?.length ?? 0);
  for (const g of groupPlans(plans)) {
    const many = g.nodes.length > 1 ? ` (${g.nodes.length} nodes)` : '';
    yield `${toDisplay(g.nodes.join(', '))}${many}:\n`;
    if (planIsEmpty(g.plan.plan)) yield '  nothing to do\n';
    else yield* planText(g.plan.plan, newRisksOf(p, g.plan));
  }
  const differ = plans.filter((n) => !planIsEmpty(n.plan)).length;
  yield `Plan: ${differ} of ${total} node${total === 1 ? '' : 's'} differ from ${toDisplay(file)}.\n`;
}
