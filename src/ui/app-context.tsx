import { createContext, useContext } from 'react';
import type { Key } from 'ink';
import { useSelector } from '../state/store.js';
import type { Actions } from '../state/actions/index.js';
import type { AppState } from '../state/app-state.js';
import type { Store } from '../state/store.js';

/** A pane's key handler; returns true when it took the key (so Esc can mean "back" there first). */
export type KeyHandler = (input: string, key: Key) => boolean | void;

export interface AppContextValue {
  store: Store<AppState>;
  actions: Actions;
  quit: () => void;
  /** The current pane's key handler; the global handler calls it for keys it did not take. */
  paneKeys: { current: KeyHandler | null };
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside <AppContext.Provider>');
  return v;
}

export function useAppState<T>(select: (s: AppState) => T): T {
  return useSelector(useApp().store, select);
}
