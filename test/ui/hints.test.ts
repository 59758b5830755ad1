// The footer line of every pane: hints by priority, `… ? more` when some do not fit.
import { describe, expect, it } from 'vitest';
import { bindingsFor } from '../../src/ui/keymap/bindings.js';
import { hintLine } from '../../src/ui/keymap/hints.js';
import { displayWidth } from '../../src/domain/display.js';
import { PANE_SPECS } from '../../src/ui/panes/registry.js';

describe('hintLine', () => {
  const users = bindingsFor('users', { readOnly: false, list: true });

  it('wide enough: every hinted key, the pane’s own first, ? help last', () => {
    const line = hintLine(users, 400);
    expect(line).toMatch(/^Enter open {2}n new {2}e edit {2}x on\/off {2}d delete {2}t test/);
    expect(line).toMatch(/q quit {2}\? help$/);
    expect(line).not.toContain('more');
  });

  it('narrow: the most used first, then "… ? more"', () => {
    const line = hintLine(users, 80);
    expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(line).toMatch(/^Enter open {2}n new {2}e edit {2}x on\/off {2}d delete {2}t test/);
    expect(line).toMatch(/ {2}… \? more$/);
  });

  it('read-only hides the dangerous keys from the footer too', () => {
    const line = hintLine(bindingsFor('users', { readOnly: true, list: true }), 400);
    expect(line).not.toMatch(/x on\/off|d delete|n new/);
  });

  it('every pane at every width: never wider than the width', () => {
    for (const pane of PANE_SPECS)
      for (let w = 1; w <= 200; w += 7) {
        const line = hintLine(bindingsFor(pane.id, { readOnly: false, list: true }), w);
        expect(displayWidth(line), `${pane.id} at ${w}`).toBeLessThanOrEqual(w);
      }
  });
});
