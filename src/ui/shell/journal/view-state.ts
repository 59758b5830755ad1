// The Journal view's keys as one pure step: list (move, filter with /, Enter opens), detail
// (scroll, Esc back). Pure, so keys typed faster than a frame each see the step before.
import type { Key } from 'ink';
import { editText } from '../../components/edit-text.js';

export interface JournalViewState {
  selected: number;
  filter: string;
  filtering: boolean;
  /** The entry open in detail (its key), and the first line shown of it. */
  detail?: string;
  top: number;
}

export const INITIAL_VIEW: JournalViewState = { selected: 0, filter: '', filtering: false, top: 0 };

export interface StepContext {
  /** Keys of the rows shown, in order. */
  keys: readonly string[];
  /** Rows (or detail lines) one page holds. */
  page: number;
  /** Lines of the open entry's detail. */
  detailLines: number;
}

/** The next state, or 'close' when the view should close. */
export function stepView(
  s: JournalViewState,
  name: string,
  input: string,
  key: Key,
  ctx: StepContext,
): JournalViewState | 'close' {
  if (s.filtering) {
    if (name === 'escape') return { ...s, filtering: false, filter: '', selected: 0 };
    if (name === 'return') return { ...s, filtering: false };
    const next = editText(s.filter, input, key, 256);
    return next === undefined ? s : { ...s, filter: next, selected: 0 };
  }
  if (s.detail !== undefined) {
    if (name === 'escape' || name === 'return' || name === 'q') return { ...s, detail: undefined, top: 0 };
    const last = Math.max(0, ctx.detailLines - ctx.page);
    return { ...s, top: clamp(s.top + moveOf(name, ctx.page, s.top, last), last) };
  }
  if (name === 'escape') return s.filter ? { ...s, filter: '', selected: 0 } : 'close';
  if (name === 'q') return 'close';
  if (name === '/') return { ...s, filtering: true };
  if (name === 'return') {
    const k = ctx.keys[s.selected];
    return k === undefined ? s : { ...s, detail: k, top: 0 };
  }
  const last = Math.max(0, ctx.keys.length - 1);
  return { ...s, selected: clamp(s.selected + moveOf(name, ctx.page, s.selected, last), last) };
}

const clamp = (n: number, last: number) => Math.max(0, Math.min(n, last));

/** How far a key moves: ↑/↓ j/k a line, PgUp/PgDn a page, g/G Home/End to either end. */
function moveOf(name: string, page: number, at: number, last: number): number {
  switch (name) {
    case 'up':
    case 'k':
      return -1;
    case 'down':
    case 'j':
      return 1;
    case 'pageup':
      return -page;
    case 'pagedown':
    case 'space':
      return page;
    case 'g':
    case 'home':
      return -at;
    case 'G':
    case 'end':
      return last - at;
    default:
      return 0;
  }
}
