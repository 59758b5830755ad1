// One key means one thing in every pane (DESIGN.md, "Keys"): a key that works everywhere is
// bound nowhere else, two panes bind a key only to the same verb, and a verb found in two
// panes is on the same key in both (killing a client was `x` in Clients and `K` in ACL Log).
import { describe, expect, it } from 'vitest';
import { BINDINGS } from '../../src/ui/keymap/bindings.js';
import type { Binding } from '../../src/ui/keymap/bindings.js';

// A binding's verb is its id's last part (`clients.kill` -> kill). DESIGN's vocabulary names a
// few verbs that differ in words only: `x` kill or disable (block a user is disabling it),
// Enter opens (a profile opens by connecting), `v` shows or hides what a row keeps hidden.
const SAME_VERB: Record<string, string> = {
  kill: 'kill-or-disable',
  toggle: 'kill-or-disable',
  block: 'kill-or-disable',
  connect: 'open',
  reveal: 'show-or-hide',
  access: 'show-or-hide',
};

const verbOf = (b: Binding) => {
  const word = b.id.slice(b.id.indexOf('.') + 1);
  return SAME_VERB[word] ?? word;
};

const where = (bs: readonly Binding[]) => bs.map((b) => `${b.id} [${b.keys.join(' ')}]`).join(', ');

/** Every problem of a key table; empty when one key means one thing everywhere. */
function keyCollisions(table: readonly Binding[]): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, Binding[]>();
  for (const b of table) for (const k of b.keys) byKey.set(k, [...(byKey.get(k) ?? []), b]);
  for (const [key, bs] of byKey) {
    if (bs.length < 2) continue;
    const scopes = bs.map((b) => b.scope);
    // Everywhere (global) and in every list: nothing else may take the key.
    if (scopes.includes('global') || scopes.includes('list'))
      problems.push(
        `${key}: works ${scopes.includes('global') ? 'everywhere' : 'in every list'}, also ${where(bs)}`,
      );
    else if (new Set(scopes).size < scopes.length) problems.push(`${key}: twice in one pane: ${where(bs)}`);
    else if (new Set(bs.map(verbOf)).size > 1)
      problems.push(`${key}: different verbs in different panes: ${where(bs)}`);
  }
  // The other way round: one verb, one key, in every pane that has it.
  const byVerb = new Map<string, Binding[]>();
  for (const b of table.filter((b) => b.scope !== 'global' && b.scope !== 'list'))
    byVerb.set(verbOf(b), [...(byVerb.get(verbOf(b)) ?? []), b]);
  for (const [verb, bs] of byVerb)
    if (new Set(bs.map((b) => b.keys.join(' '))).size > 1)
      problems.push(`${verb}: on different keys: ${where(bs)}`);
  return problems;
}

describe('the key table', () => {
  it('binds one key to one thing in every pane', () => {
    expect(keyCollisions(BINDINGS)).toEqual([]);
  });

  it('finds each kind of collision', () => {
    const b = (id: string, key: string, scope: Binding['scope']): Binding => ({
      id,
      keys: [key],
      description: id,
      scope,
    });
    // Killing a client on two keys, as the ACL Log and Clients panes once did.
    expect(keyCollisions([b('clients.kill', 'x', 'clients'), b('log.kill', 'K', 'acl-log')])).toEqual([
      'kill-or-disable: on different keys: clients.kill [x], log.kill [K]',
    ]);
    // A pane key that shadows a key that works everywhere.
    expect(keyCollisions([b('app.refresh', 'r', 'global'), b('log.reset', 'r', 'acl-log')])).toHaveLength(1);
    expect(keyCollisions([b('list.up', 'k', 'list'), b('log.kill', 'k', 'acl-log')])).toHaveLength(1);
    // One key, two verbs in two panes.
    expect(keyCollisions([b('users.test', 't', 'users'), b('clients.top', 't', 'clients')])).toHaveLength(1);
    // The same verb in DESIGN's words (x kill or disable) is no collision.
    expect(keyCollisions([b('users.toggle', 'x', 'users'), b('clients.kill', 'x', 'clients')])).toEqual([]);
  });
});
