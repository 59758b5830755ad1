// The console user's access, as words: the table, the notes under it and a per-pane summary.
// One implementation for `profiles test` and the Profiles pane's test (t). Never "ok" for a
// pane it cannot read. Strings here are raw: callers pass them through toDisplay.
import { combine, oddNodes, worst } from './access.js';
import type { AccessItem, AccessMethod, AccessResult, Combined, CombinedItem } from './access.js';
import { grantOf, PANES } from './pane-needs.js';
import type { PaneName } from './pane-needs.js';

const unique = <T>(xs: T[]) => [...new Set(xs)];
const s = (n: number) => (n === 1 ? '' : 's');

/**
 * The grants for the needs of one kind the user may not do: one per need, none twice, and
 * none for a need another grant already covers (+acl|list gives the names +acl|users would).
 */
export function missing(
  items: readonly AccessItem[],
  kind: 'read' | 'action',
  besides: readonly string[] = [],
): string[] {
  const needs = items
    .filter((i) => i.need.kind === kind && i.can === 'no')
    .map((i) => i.need.anyOf.map((x) => x.grant))
    .sort((x, y) => x.length - y.length);
  const out: string[] = [];
  for (const grants of needs)
    if (!grants.some((g) => out.includes(g) || besides.includes(g)) && grants[0]) out.push(grants[0]);
  return out;
}

/** The grants missing for the actions, beyond those the reads already need. */
export const missingActions = (items: readonly AccessItem[]) =>
  missing(items, 'action', missing(items, 'read'));

const METHOD_NOTE: Record<AccessMethod | 'mixed', string> = {
  dryrun: 'asked with ACL DRYRUN',
  rules: 'from its own rules: ACL GETUSER, ACL CAT',
  tried: 'reads tried; actions unknown without ACL DRYRUN, or ACL GETUSER and ACL CAT, on itself',
  mixed: 'found out per node: ACL DRYRUN where it may, else its own rules, else trying the reads',
};

export const accessHeadline = (c: Combined): string =>
  `What ${c.user} may do on ${c.where} (${METHOD_NOTE[c.method]})${c.agree ? '' : ': the nodes differ'}:`;

const word = (v: string) => (v === 'no' ? 'NO' : v);

/** "NO", or "NO 1/6" when only some nodes say so. */
function canCell(i: CombinedItem, total: number): string {
  const n = i.nodes[i.can]?.length ?? 0;
  return n === total ? word(i.can) : `${word(i.can)} ${n}/${total}`;
}

export const ACCESS_HEADERS = ['PANE', 'CAN', 'WHAT', 'GRANT'];

export function accessRows(r: AccessResult): string[][] {
  return combine(r).items.map((i) => [
    i.need.pane,
    canCell(i, r.checked.length),
    i.need.kind === 'action' ? `action: ${i.need.what}` : i.need.what,
    i.can === 'yes' ? '' : grantOf(i.need),
  ]);
}

/**
 * The needs `pick` takes, as lines to say: first those it takes on every node asked (said
 * without nodes, so a one-node Target reads as it always did), then, per group of nodes
 * alike, those it takes only there ("on 127.0.0.1:7004").
 */
function byNodes(r: AccessResult, pick: (i: AccessItem) => boolean) {
  const first = r.checked[0]?.items ?? [];
  const everywhere = first.map((_, k) => r.checked.every((rep) => rep.items[k] && pick(rep.items[k])));
  const out = [{ on: '', items: first.filter((_, k) => everywhere[k]) }];
  const groups = new Map<string, { nodes: string[]; items: AccessItem[] }>();
  for (const rep of r.checked) {
    const only = rep.items.filter((item, k) => !everywhere[k] && pick(item));
    const key = only.map((i) => i.need.what).join('\n');
    if (!only.length) continue;
    const g = groups.get(key) ?? { nodes: [], items: only };
    g.nodes.push(rep.node);
    groups.set(key, g);
  }
  for (const g of groups.values()) out.push({ on: ` on ${g.nodes.join(', ')}`, items: g.items });
  return out.filter((g) => g.items.length > 0);
}

const is = (kind: AccessItem['need']['kind'], can: AccessItem['can']) => (i: AccessItem) =>
  i.need.kind === kind && i.can === can;

/** One line per problem with reading a pane (what "ok, with warnings" is about), node by node. */
export function accessWarnings(r: AccessResult): string[] {
  const u = r.user;
  return [
    ...byNodes(r, is('read', 'no')).map(({ on, items }) => {
      const panes = unique(items.map((i) => i.need.pane));
      return `SEC003 ${u} may not read what ${panes.join(', ')} need${panes.length === 1 ? 's' : ''}${on}: grant it: ACL SETUSER ${u} ${missing(items, 'read').join(' ')}`;
    }),
    ...byNodes(r, is('read', 'unknown')).map(
      ({ on, items }) =>
        `could not tell whether ${u} may read ${items.map((i) => i.need.what).join('; ')}${on} (needs ${unique(items.map((i) => grantOf(i.need))).join(' ')})`,
    ),
    ...r.down.map((d) => `could not tell what ${u} may do on ${d.node}: ${d.why}`),
  ];
}

/** Under the table: which node differs in what, the problems, and the grants to act. */
export function accessNotes(r: AccessResult): string[] {
  const odd = oddNodes(r).map(
    (o) =>
      `  ${o.node}: ${o.items.map((i) => `${word(i.can)} ${i.need.kind === 'action' ? 'action: ' : ''}${i.need.what}`).join('; ')}`,
  );
  // The grants the reads need are said above: not again for the actions.
  const reads = unique(r.checked.flatMap((rep) => missing(rep.items, 'read')));
  const acts = byNodes(r, is('action', 'no'))
    .map((g) => ({ ...g, grants: missing(g.items, 'action', reads) }))
    .filter((g) => g.grants.length > 0);
  return [
    ...(odd.length ? ['Where the nodes differ (users are per node: ACL SETUSER on each):', ...odd] : []),
    ...accessWarnings(r),
    ...acts.map((g) => `To act from the panes${g.on}, also: ACL SETUSER ${r.user} ${g.grants.join(' ')}`),
  ];
}

export interface PaneLine {
  pane: PaneName;
  /** "reads NO: +acl|list +acl|cat · actions 0/5 (5 unknown)" */
  text: string;
  /** The reads' verdict over every node: what the line's colour says. */
  reads: AccessItem['can'];
}

/** One line per pane: can it be read, how many of its actions work, and on which nodes not. */
export function paneSummary(r: AccessResult): PaneLine[] {
  const c = combine(r);
  return PANES.flatMap((pane) => {
    const items = c.items.filter((i) => i.need.pane === pane);
    if (!items.length) return [];
    const reads = items.filter((i) => i.need.kind === 'read');
    const acts = items.filter((i) => i.need.kind === 'action');
    const can = worst(reads.map((i) => i.can));
    const readText = can === 'no' ? `reads NO: ${missing(reads, 'read').join(' ')}` : `reads ${can}`;
    const yes = acts.filter((i) => i.can === 'yes').length;
    const unknown = acts.filter((i) => i.can === 'unknown').length;
    const actText = acts.length
      ? ` · actions ${yes}/${acts.length}${unknown ? ` (${unknown} unknown)` : ''}`
      : '';
    const odd = oddNodes(r).filter((o) => o.items.some((i) => i.need.pane === pane));
    const oddText = odd.length ? ` · differs on ${odd.length} node${s(odd.length)}` : '';
    return [{ pane, text: `${readText}${actText}${oddText}`, reads: can }];
  });
}

/** Row `row` of the table, node by node: "NO on 127.0.0.1:7004 · yes on 5 nodes". */
export function rowNodes(r: AccessResult, row: number): string {
  const item = combine(r).items[row];
  if (!item) return '';
  const say = (v: string, nodes: string[]) =>
    `${word(v)} on ${nodes.length > 2 ? `${nodes.length} nodes` : nodes.join(', ')}`;
  const down = r.down.map((d) => d.node);
  return [
    ...Object.entries(item.nodes).map(([v, nodes]) => say(v, nodes)),
    ...(down.length ? [`${say('unknown', down)} (not asked)`] : []),
  ].join(' · ');
}
