// The Journal view's keys as one pure step: list (move, filter with /, Enter opens), detail
// (scroll, Esc back). Pure, so keys typed faster than a frame each see the step before.
import type { Key } from 'ink';
import { editText } from '../../components/edit-text.js';

export interface JournalViewState {
  /**
   * The selected row's key; undefined: the top row, whichever it is. So an entry appended while
   * the view is open neither moves the selection off the entry chosen nor hides the newest.
   */
  selected?: string;
  filter: string;
  filtering: boolean;
  /** The entry open in detail (its key), and the first line shown of it. */
  detail?: string;
  top: number;
}

export const INITIAL_VIEW: JournalViewState = { filter: '', filtering: false, top: 0 };

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
    if (name === 'escape') return { ...s, filtering: false, filter: '', selected: undefined };
    if (name === 'return') return { ...s, filtering: false };
    const next = editText(s.filter, input, key, 256);
    return next === undefined ? s : { ...s, filter: next, selected: undefined };
  }
  if (s.detail !== undefined) {
    if (name === 'escape' || name === 'return' || name === 'q') return { ...s, detail: undefined, top: 0 };
    const last = Math.max(0, ctx.detailLines - ctx.page);
    return { ...s, top: clamp(s.top + moveOf(name, ctx.page, s.top, last), last) };
  }
  if (name === 'escape') return s.filter ? { ...s, filter: '', selected: undefined } : 'close';
  if (name === 'q') return 'close';
  if (name === '/') return { ...s, filtering: true };
  const at = selectedIndex(s, ctx.keys);
  if (name === 'return') {
    const k = ctx.keys[at];
    return k === undefined ? s : { ...s, detail: k, top: 0 };
  }
  const last = Math.max(0, ctx.keys.length - 1);
  const to = clamp(at + moveOf(name, ctx.page, at, last), last);
  return { ...s, selected: to === 0 ? undefined : ctx.keys[to] };
}

/** The selected row's index among `keys` (the top when its row is gone or none was chosen). */
export function selectedIndex(s: JournalViewState, keys: readonly string[]): number {
  return s.selected === undefined ? 0 : Math.max(0, keys.indexOf(s.selected));
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
