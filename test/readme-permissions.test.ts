// The README's "Permissions each pane needs" table is the code's table (domain/pane-needs.ts),
// the one `profiles test` checks the console's user against: cell for cell.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANE_NEEDS, PANES } from '../src/domain/pane-needs.js';
import type { PaneNeed } from '../src/domain/pane-needs.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Permissions each pane needs'));

/** "`+acl\|save` or `+config\|rewrite` save users": a need as the README says it. */
const said = (n: PaneNeed) =>
  `${n.anyOf.map((a) => `\`${a.grant.replace(/\|/g, '\\|')}\``).join(' or ')} ${n.what.replace(/ \([^)]*\)$/, '')}`;

/** A table row's cells; `\|` inside a cell is not a separator. */
const cells = (row: string) =>
  row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());

describe('README: permissions each pane needs', () => {
  it.each(PANES.map((p) => [p]))('%s: the row says what the code checks', (pane) => {
    const row = section.split('\n').find((l) => cells(l)[0] === pane);
    expect(row, `a row for ${pane}`).toBeDefined();
    const [, read, act] = cells(row ?? '');
    const of = (kind: PaneNeed['kind']) =>
      PANE_NEEDS.filter((n) => n.pane === pane && n.kind === kind)
        .map(said)
        .join('; ');
    expect(read).toBe(of('read'));
    expect(act).toBe(of('action'));
  });
});
