// List navigation by the bindings table: ↑/↓ j/k, PgUp/PgDn, g/G, / to filter.
import { useInput } from 'ink';
import { useApp, useAppState } from '../app-context.js';
import { bindingsFor } from '../keymap/bindings.js';
import { keyName, match } from '../keymap/match.js';
import type { PaneId } from '../../state/app-state.js';

export function useListKeys(
  pane: PaneId,
  count: number,
  page: number,
  onCommand: (id: string, selected: number) => void,
): number {
  const { actions, store } = useApp();
  const active = useAppState((s) => s.ui.pane === pane);
  const raw = useAppState((s) => s.ui.selection[pane] ?? 0);
  const selected = Math.max(0, Math.min(raw, count - 1));
  useInput(
    (input, key) => {
      // Read the store at key time: an overlay opened by the previous key may not be drawn yet.
      const { ui, session } = store.get();
      if (ui.pane !== pane || ui.overlay || ui.filtering) return;
      const b = match(bindingsFor(pane, { readOnly: session.readOnly, list: true }), keyName(input, key));
      if (!b || b.scope === 'global') return;
      const now = Math.max(0, Math.min(ui.selection[pane] ?? 0, count - 1));
      const go = (i: number) => actions.ui.select(pane, Math.max(0, Math.min(i, count - 1)));
      switch (b.id) {
        case 'list.up':
          return go(now - 1);
        case 'list.down':
          return go(now + 1);
        case 'list.pageUp':
          return go(now - page);
        case 'list.pageDown':
          return go(now + page);
        case 'list.top':
          return go(0);
        case 'list.bottom':
          return go(count - 1);
        case 'list.filter':
          return actions.ui.setFiltering(true);
        default:
          onCommand(b.id, now);
      }
    },
    { isActive: active },
  );
  return selected;
}
