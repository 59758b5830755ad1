// The Journal view's keys (pure): the selection stays on the entry chosen when entries are
// appended above it, and the top row follows the newest until the operator moves.
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { INITIAL_VIEW, selectedIndex, stepView } from '../../src/ui/shell/journal/view-state.js';
import type { JournalViewState, StepContext } from '../../src/ui/shell/journal/view-state.js';

const NO_KEY = {} as Key;
const ctx = (keys: string[]): StepContext => ({ keys, page: 10, detailLines: 0 });
const step = (s: JournalViewState, name: string, keys: string[]) => {
  const next = stepView(s, name, name.length === 1 ? name : '', NO_KEY, ctx(keys));
  if (next === 'close') throw new Error('closed');
  return next;
};

describe('Journal view keys', () => {
  it('keeps the chosen entry selected when a newer one is appended', () => {
    const before = ['c', 'b', 'a']; // newest first
    const s = step(INITIAL_VIEW, 'down', before);
    expect(selectedIndex(s, before)).toBe(1);
    const after = ['d', ...before];
    expect(selectedIndex(s, after)).toBe(2);
    expect(step(s, 'return', after).detail).toBe('b');
  });

  it('at the top, follows the newest entry', () => {
    const s = step(step(INITIAL_VIEW, 'down', ['b', 'a']), 'up', ['b', 'a']);
    expect(selectedIndex(s, ['c', 'b', 'a'])).toBe(0);
    expect(step(s, 'return', ['c', 'b', 'a']).detail).toBe('c');
  });

  it('Esc clears a filter first, then closes', () => {
    const filtered = { ...INITIAL_VIEW, filter: 'acl' };
    expect(stepView(filtered, 'escape', '', NO_KEY, ctx([]))).toEqual(INITIAL_VIEW);
    expect(stepView(INITIAL_VIEW, 'escape', '', NO_KEY, ctx([]))).toBe('close');
  });
});
