// Keys in a pane's detail view (one user, one event, one client): Esc goes back to the list,
// and the pane's bindings act on the open item; one that changes something is refused in
// read-only mode here, once, for every detail view.
import { useApp } from '../app-context.js';
import { bindingsFor } from '../keymap/bindings.js';
import type { Binding } from '../keymap/bindings.js';
import { keyName, match } from '../keymap/match.js';
import type { PaneId } from '../../state/app-state.js';

export function useDetailKeys(pane: PaneId, close: () => void, handle: (b: Binding) => void): void {
  const { actions, store, paneKeys } = useApp();
  paneKeys.current = (input, key) => {
    const { ui, session } = store.get();
    if (ui.pane !== pane || ui.overlay) return;
    const k = keyName(input, key);
    if (k === 'escape') {
      close();
      return true;
    }
    const b = match(bindingsFor(pane, { readOnly: false, list: true }), k);
    if (!b || b.scope === 'global') return;
    if (b.dangerous && session.readOnly)
      return actions.ui.say(`Read-only: "${b.description}" is switched off.`, 'warning');
    handle(b);
  };
}
