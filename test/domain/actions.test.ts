// The one table of journal action ids: every id a change is journaled under comes from it,
// and the README's table is that table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS, ACTIONS, isActionId } from '../../src/domain/actions.js';
import { BINDINGS } from '../../src/ui/keymap/bindings.js';
import { paneTitle } from '../../src/ui/panes/registry.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** The value of a property up to its end: the first `,` `;` `}` `)` outside brackets and quotes. */
function valueOf(rest: string): string {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (depth > 0 && ')]}'.includes(c)) depth--;
    else if (',;})\n'.includes(c)) return rest.slice(0, i).trim();
  }
  return rest.trim();
}

/** Every `action: <value>` in a file (a property or parameter, not text inside a string). */
function actionExpressions(text: string): string[] {
  return [...text.matchAll(/(?:^|[{,(\s])action:\s*/g)].map((m) =>
    valueOf(text.slice(m.index + m[0].length)),
  );
}

/** What a file writes as an action id that is not an id of the table. */
function outsideTable(text: string): string[] {
  const bad: string[] = [];
  for (const expr of actionExpressions(text)) {
    if (expr.includes('`')) bad.push(`a template literal: ${expr}`);
    // The value's own literals: the whole value, or a branch of a ?: (not a compared operand).
    for (const [, lit] of expr.matchAll(/(?:^|[?:])\s*'([^']*)'(?=\s*(?:$|:))/g))
      if (lit !== undefined && !isActionId(lit)) bad.push(`'${lit}' is not in src/domain/actions.ts`);
  }
  return bad;
}

/** The README's table, rendered from ACTIONS: an action's keys as the key and its pane. */
function actionsTable(): string {
  const keyOf = (id: string) => {
    const b = BINDINGS.find((x) => x.id === id);
    if (!b) throw new Error(`no binding ${id}`);
    return `\`${b.keys[0]}\` (${paneTitle(b.scope)})`;
  };
  const rows = ACTION_IDS.map((id) => {
    const a = ACTIONS[id];
    const cmds = a.commands.map((c) => `\`${c}\``).join(', ') || '(none yet)';
    return `| \`${id}\` | ${a.description} | ${a.keys.map(keyOf).join(', ') || '(none yet)'} | ${cmds} |`;
  });
  return ['| action | what | TUI key | headless |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

describe('journal action ids', () => {
  it('are written in src only as ids of the table (no template, no other literal)', () => {
    const bad: string[] = [];
    for (const file of sources('src')) {
      if (file === join('src', 'domain', 'actions.ts')) continue;
      for (const b of outsideTable(readFileSync(file, 'utf8'))) bad.push(`${file}: ${b}`);
    }
    expect(bad).toEqual([]);
  });

  it('the scan sees the ways an id could be written outside the table', () => {
    const found = actionExpressions(
      "x({ action: 'clients.kill', a }); y = { action: `acl.${v}` };\n  action: c ? 'acl.save' : 'config.rewrite',\nz('action: ')",
    );
    expect(found).toEqual(["'clients.kill'", '`acl.${v}`', "c ? 'acl.save' : 'config.rewrite'"]);
    expect(outsideTable("x({ action: 'clients.kill', a }); y = { action: `acl.${v}` };")).toEqual([
      "'clients.kill' is not in src/domain/actions.ts",
      'a template literal: `acl.${v}`',
    ]);
    expect(
      outsideTable("{ action: m === 'aclfile' ? 'acl.save' : 'acl.config-rewrite', summary: 'x' }"),
    ).toEqual(["'acl.config-rewrite' is not in src/domain/actions.ts"]);
  });

  it('name real keys and one id per operation (no two ids for one description)', () => {
    for (const id of ACTION_IDS)
      for (const k of ACTIONS[id].keys) expect(BINDINGS.some((b) => b.id === k)).toBe(true);
    const descriptions = ACTION_IDS.map((id) => ACTIONS[id].description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    for (const old of ['clients.kill', 'acl.kill-user-clients', 'acl.config-rewrite'])
      expect(isActionId(old)).toBe(false);
  });

  it("are the README's table of journal actions", () => {
    const readme = readFileSync('README.md', 'utf8').replace(/ +\|/g, ' |').replace(/\| -+/g, '| ---');
    expect(readme).toContain(actionsTable());
  });
});
