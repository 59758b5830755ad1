// `profiles test`: what the console's user may do, pane by pane and node by node, with the
// grant that fixes each missing one (SEC003), for people and for scripts. The words are
// domain/access-view.ts's, shared with the Profiles pane.
import { combine } from '../domain/access.js';
import type { AccessItem, AccessResult } from '../domain/access.js';
import {
  ACCESS_HEADERS,
  accessHeadline,
  accessNotes,
  accessRows,
  missing,
  missingActions,
} from '../domain/access-view.js';
import { toDisplay } from '../domain/display.js';
import { grantOf, PANES } from '../domain/pane-needs.js';
import { formatTable } from './output.js';

const panesJson = (items: readonly AccessItem[]) =>
  PANES.map((pane) => ({
    pane,
    needs: items
      .filter((i) => i.need.pane === pane)
      .map((i) => ({ what: i.need.what, kind: i.need.kind, can: i.can, grant: grantOf(i.need) })),
  })).filter((p) => p.needs.length > 0);

const missingJson = (items: readonly AccessItem[]) => ({
  read: missing(items, 'read'),
  action: missingActions(items),
});

/** The Target as a whole (the least any node may), then every node: checked or down. */
export function accessJson(r: AccessResult) {
  const c = combine(r);
  return {
    user: r.user,
    method: c.method,
    agree: c.agree,
    panes: panesJson(c.items),
    missing: missingJson(c.items),
    nodes: [
      ...r.checked.map((n) => ({
        node: n.node,
        state: 'checked',
        method: n.method,
        panes: panesJson(n.items),
        missing: missingJson(n.items),
      })),
      // Not asked: every answer there is unknown, and said so.
      ...r.down.map((d) => ({
        node: d.node,
        state: 'down',
        why: d.why,
        panes: panesJson(c.items.map((i) => ({ need: i.need, can: 'unknown' as const }))),
        missing: missingJson([]),
      })),
    ],
  };
}

export function accessText(r: AccessResult): string {
  const lines = [
    toDisplay(accessHeadline(combine(r))),
    formatTable(ACCESS_HEADERS, accessRows(r)).trimEnd(),
    ...accessNotes(r).map((l) => toDisplay(l)),
  ];
  return `${lines.join('\n')}\n`;
}
