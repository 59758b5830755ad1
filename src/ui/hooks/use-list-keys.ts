// List navigation by the bindings table: ↑/↓ j/k, PgUp/PgDn, g/G, / to filter, and the
// pane's own verbs. One dispatcher (app.tsx) hands the current pane the keys no global
// binding took, so a key that closes the filter or the palette is never seen again here.
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
  const { actions, store, paneKeys } = useApp();
  const active = useAppState((s) => s.ui.pane === pane);
  const raw = useAppState((s) => s.ui.selection[pane] ?? 0);
  const selected = Math.max(0, Math.min(raw, count - 1));
  if (!active) return selected;
  paneKeys.current = (input, key) => {
    const { ui, session } = store.get();
    if (ui.pane !== pane || ui.overlay || ui.filtering) return;
    const b = match(bindingsFor(pane, { readOnly: false, list: true }), keyName(input, key));
    if (!b || b.scope === 'global') return;
    if (b.dangerous && session.readOnly) {
      actions.ui.say(
        `Read-only: "${b.description}" is switched off (--read-only or the profile setting).`,
        'warning',
      );
      return;
    }
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
  };
  return selected;
}
