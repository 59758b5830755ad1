// Moving around: panes, overlays, the status message, per-pane filter and selection.
import type { AppState, Overlay, PaneId, Tone } from '../app-state.js';
import type { Store } from '../store.js';

export function uiActions(store: Store<AppState>) {
  const patchUi = (patch: Partial<AppState['ui']>) => store.set((s) => ({ ...s, ui: { ...s.ui, ...patch } }));
  return {
    goPane(pane: PaneId) {
      patchUi({ pane, filtering: false });
    },
    open(overlay: Overlay) {
      patchUi({ overlay });
    },
    close() {
      patchUi({ overlay: null });
    },
    say(text: string, tone: Tone = 'info') {
      patchUi({ message: { text, tone, at: Date.now() } });
    },
    setFiltering(filtering: boolean) {
      patchUi({ filtering });
    },
    setFilter(pane: PaneId, text: string) {
      store.set((s) => ({
        ...s,
        ui: {
          ...s.ui,
          filters: { ...s.ui.filters, [pane]: text },
          selection: { ...s.ui.selection, [pane]: 0 },
        },
      }));
    },
    select(pane: PaneId, index: number) {
      store.set((s) => ({
        ...s,
        ui: { ...s.ui, selection: { ...s.ui.selection, [pane]: Math.max(0, index) } },
      }));
    },
  };
}

export type UiActions = ReturnType<typeof uiActions>;
