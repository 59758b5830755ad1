// What an apply or sync did, in words: the same lines for `acl apply` / `acl sync` and for
// the drift view's sync results (per step, per node: ok / error / unknown / not attempted).
import { toDisplay } from '../domain/display.js';
import { foundOn } from './acl-apply.js';
import type { Applied, Step, Unknown, Verified } from './acl-apply.js';
import type { MutationResult } from './mutation.js';

/** FAILED only when it surely did not run; a lost reply is UNKNOWN, a skipped write NOT ATTEMPTED. */
const noneOk = (r: MutationResult<unknown>): string =>
  r.results.some((x) => x.outcome === 'unknown')
    ? 'UNKNOWN'
    : r.results.every((x) => x.outcome === 'not-attempted')
      ? 'NOT ATTEMPTED'
      : 'FAILED';

/** "created alice: ok on 6/6 nodes" plus one line per node that failed or did not answer. */
export function describeStep(step: Step, r: MutationResult<unknown>): string[] {
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

/** After the steps: what the re-read of every node found, then what is still open. */
export function outcomeLines(a: Applied, file: string): string[] {
  const { verified: v, applied, inEffect, nodes } = a;
  const total = a.steps.length;
  const f = toDisplay(file);
  // A change whose reply was lost is not "applied"; the re-read may show it in effect.
  const changes = `${applied} change${applied === 1 ? '' : 's'}${inEffect ? ` (and ${inEffect} whose reply was lost, in effect on re-read)` : ''}`;
  const head = v.differs.length
    ? [
        `Applied ${applied}${inEffect ? ` (and ${inEffect} in effect on re-read)` : ''} of ${total}; still different from ${f}:`,
        ...v.differs.map((d) => `  ${d}`),
      ]
    : v.unchecked.length
      ? [
          `Applied ${changes}; ${nodes - v.unchecked.length} of ${nodes} nodes now match ${f}; not checked:`,
          ...v.unchecked.map((u) => `  ${u}`),
        ]
      : [`Applied ${changes}; the server now matches ${f}.`];
  return [...head, ...untold(a.unknown, v, a.skipped)];
}

/** Exit-code sense: 0 when every node now matches and nothing failed, else 1. */
export const appliedCode = (a: Applied): number =>
  a.failed || a.verified.differs.length || a.verified.unchecked.length ? 1 : 0;
