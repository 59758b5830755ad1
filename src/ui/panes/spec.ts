// What a pane is, as one value: a pane is a folder that exports one PaneSpec, and
// registry.tsx lists them. Adding a pane touches its folder and one registry line: the tab
// order, the number keys, the palette names and the pane's overlays all come from the specs.
import type { ComponentType, ReactNode } from 'react';
import type { Overlay, PaneId } from '../../state/app-state.js';
import type { Binding } from '../keymap/bindings.js';

export interface OverlaySize {
  width: number;
  height: number;
  themes: string[];
}

/** One overlay of a pane: drawn from the props it was opened with. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each view names its own props; paneOverlayOf checks them where it is opened
export type OverlayView<P = any> = (props: P, size: OverlaySize) => ReactNode;

/** The overlays a pane opens, by view name. */
export type PaneOverlays = Record<string, OverlayView>;

/**
 * Opens one of a pane's overlays, typed by that pane's table: `openUsers('rule-editor', { user })`
 * checks the view name and its props against the table the spec draws them with.
 */
export function paneOverlayOf<V extends PaneOverlays>(pane: PaneId) {
  return <K extends keyof V & string>(view: K, props: Parameters<V[K]>[0]): Overlay => ({
    kind: 'pane',
    pane,
    view,
    props,
  });
}

export interface PaneSpec {
  id: PaneId;
  title: string;
  /** Palette names (`:users`, `:acl`, ...); the id is always one of them. */
  aliases: readonly string[];
  component: ComponentType<{ width: number; height: number }>;
  /** The pane's own keys; each has `scope: id`. */
  bindings: readonly Binding[];
  overlays: PaneOverlays;
  /** Its headless twin (`redis-warden <headless> ...`), or null while there is none. */
  headless: string | null;
  /** A list pane: the list keys (filter, move, page) apply. */
  list: boolean;
  /** Every key of the pane works on the server's data: the palette greys them while not connected. */
  needsConnection?: boolean;
}
