// Key bindings are data: the footer hints, the ? help overlay and the tests all read
// this table. A key means the same thing in every pane. The global and list keys live
// here; each pane's own keys live in its folder's spec (src/ui/panes/*/bindings.ts).
import type { PaneId } from '../../state/app-state.js';
import { PANE_SPECS } from '../panes/registry.js';

/** Where a key applies: everywhere, in every list pane, or in one pane (by its id). */
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- the names say what a scope may be
export type Scope = 'global' | 'list' | PaneId;

export interface Binding {
  id: string;
  keys: string[];
  description: string;
  scope: Scope;
  /** Talks to the server: the palette greys it while not connected (see PaneSpec.needsConnection). */
  needsConnection?: boolean;
  /** Changes something: hidden and refused in read-only mode. */
  dangerous?: boolean;
  /** Shown in the footer of its scope. */
  hint?: boolean;
  /** The footer's word for it, when not the description's first word. */
  short?: string;
  /**
   * The footer's order, lower first (a pane's own keys 10 unless they say): what does not
   * fit is left to `? more`, so the most used come first.
   */
  priority?: number;
}

/** A pane's own hinted keys come before the global ones unless they say otherwise. */
export const PANE_KEY_PRIORITY = 10;

const GLOBAL_BINDINGS: Binding[] = [
  { id: 'pane.next', keys: ['tab'], description: 'Next pane', scope: 'global' },
  { id: 'pane.prev', keys: ['shift+tab'], description: 'Previous pane', scope: 'global' },
  {
    id: 'app.help',
    keys: ['?'],
    description: 'Help for this pane',
    scope: 'global',
    hint: true,
    priority: 90,
  },
  {
    id: 'app.palette',
    keys: [':'],
    description: 'Palette of commands',
    scope: 'global',
    hint: true,
    priority: 30,
  },
  {
    id: 'app.refresh',
    keys: ['r'],
    description: 'Refresh: re-read profiles, retry failed connections',
    short: 'refresh',
    scope: 'global',
    hint: true,
    priority: 40,
  },
  {
    id: 'app.journal',
    keys: ['J'],
    description: 'Journal: what this console did (newest first; / filter, Enter detail)',
    scope: 'global',
  },
  { id: 'app.back', keys: ['escape'], description: 'Back / close / clear filter', scope: 'global' },
  { id: 'app.quit', keys: ['q', 'ctrl+c'], description: 'Quit', scope: 'global', hint: true, priority: 50 },
  {
    id: 'list.filter',
    keys: ['/'],
    description: 'Filter the list',
    scope: 'list',
    hint: true,
    priority: 20,
  },
  { id: 'list.up', keys: ['up', 'k'], description: 'Move up', scope: 'list' },
  { id: 'list.down', keys: ['down', 'j'], description: 'Move down', scope: 'list' },
  { id: 'list.pageUp', keys: ['pageup'], description: 'Page up', scope: 'list' },
  { id: 'list.pageDown', keys: ['pagedown'], description: 'Page down', scope: 'list' },
  { id: 'list.top', keys: ['g', 'home'], description: 'First row', scope: 'list' },
  { id: 'list.bottom', keys: ['G', 'end'], description: 'Last row', scope: 'list' },
];

// The number keys follow the registry's tab order.
const paneKeys = PANE_SPECS.map((pane, i): Binding => ({
  id: `pane.${pane.id}`,
  keys: [String(i + 1)],
  description: `Go to ${pane.title}`,
  scope: 'global',
}));

export const BINDINGS: Binding[] = [
  ...paneKeys,
  ...GLOBAL_BINDINGS,
  ...PANE_SPECS.flatMap((p) => p.bindings),
];

export function bindingById(id: string): Binding {
  const b = BINDINGS.find((x) => x.id === id);
  if (!b) throw new Error(`no key binding ${id}`);
  return b;
}

/** Bindings that apply in a pane, in table order; read-only hides the dangerous ones. */
export function bindingsFor(pane: PaneId, opts: { readOnly: boolean; list: boolean }): Binding[] {
  return BINDINGS.filter(
    (b) =>
      (b.scope === 'global' || b.scope === pane || (opts.list && b.scope === 'list')) &&
      !(opts.readOnly && b.dangerous),
  );
}
