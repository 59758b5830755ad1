// `profiles test`: what the console's user may do, pane by pane, with the grant that fixes
// each missing one (SEC003), for people and for scripts. Never "ok" for a pane it cannot read.
import { toDisplay } from '../domain/display.js';
import { grantOf, PANES } from '../domain/pane-needs.js';
import type { AccessItem, AccessReport } from '../redis/access.js';
import { formatTable } from './output.js';

const unique = (xs: string[]) => [...new Set(xs)];

/**
 * The grants for the needs of one kind the user may not do: one per need, none twice, and
 * none for a need another grant already covers (+acl|list gives the names +acl|users would).
 */
function missing(a: AccessReport, kind: 'read' | 'action', besides: readonly string[] = []): string[] {
  const needs = a.items
    .filter((i) => i.need.kind === kind && i.can === 'no')
    .map((i) => i.need.anyOf.map((x) => x.grant))
    .sort((x, y) => x.length - y.length);
  const out: string[] = [];
  for (const grants of needs)
    if (!grants.some((g) => out.includes(g) || besides.includes(g)) && grants[0]) out.push(grants[0]);
  return out;
}

const panesWhere = (items: AccessItem[]) => unique(items.map((i) => i.need.pane));

const METHOD_NOTE: Record<AccessReport['method'], string> = {
  dryrun: 'asked with ACL DRYRUN',
  rules: 'from its own rules: ACL GETUSER, ACL CAT',
  tried: 'reads tried; actions unknown without ACL DRYRUN, or ACL GETUSER and ACL CAT, on itself',
};

/** One line per problem with reading a pane: what the headline's "with warnings" is about. */
export function accessWarnings(a: AccessReport): string[] {
  const reads = a.items.filter((i) => i.need.kind === 'read');
  const no = reads.filter((i) => i.can === 'no');
  const unknown = reads.filter((i) => i.can === 'unknown');
  const out: string[] = [];
  if (no.length)
    out.push(
      `SEC003 ${a.user} may not read what ${panesWhere(no).join(', ')} need${panesWhere(no).length === 1 ? 's' : ''}: grant it: ACL SETUSER ${a.user} ${missing(a, 'read').join(' ')}`,
    );
  if (unknown.length)
    out.push(
      `could not tell whether ${a.user} may read ${unknown.map((i) => i.need.what).join('; ')} (needs ${unique(unknown.map((i) => grantOf(i.need))).join(' ')})`,
    );
  return out;
}

export function accessJson(a: AccessReport) {
  return {
    node: a.node,
    user: a.user,
    method: a.method,
    panes: PANES.map((pane) => ({
      pane,
      needs: a.items
        .filter((i) => i.need.pane === pane)
        .map((i) => ({ what: i.need.what, kind: i.need.kind, can: i.can, grant: grantOf(i.need) })),
    })).filter((p) => p.needs.length > 0),
    missing: { read: missing(a, 'read'), action: missing(a, 'action', missing(a, 'read')) },
  };
}

export function accessText(a: AccessReport): string {
  const rows = a.items.map((i) => [
    i.need.pane,
    i.can === 'no' ? 'NO' : i.can,
    i.need.kind === 'action' ? `action: ${i.need.what}` : i.need.what,
    i.can === 'yes' ? '' : grantOf(i.need),
  ]);
  const actions = missing(a, 'action', missing(a, 'read'));
  const lines = [
    `What ${a.user} may do on ${a.node} (${METHOD_NOTE[a.method]}):`,
    formatTable(['PANE', 'CAN', 'WHAT', 'GRANT'], rows).trimEnd(),
    ...accessWarnings(a),
    ...(actions.length ? [`To act from the panes, also: ACL SETUSER ${a.user} ${actions.join(' ')}`] : []),
  ];
  return `${lines.map((l, i) => (i === 1 ? l : toDisplay(l))).join('\n')}\n`;
}
