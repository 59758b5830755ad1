// What a pane is, as one value: a pane is a folder that exports one PaneSpec, and
// registry.tsx lists them. Adding a pane touches its folder and one registry line.
import type { ComponentType, ReactNode } from 'react';
import type { Overlay, PaneId } from '../../state/app-state.js';
import type { Binding } from '../keymap/bindings.js';

export interface OverlaySize {
  width: number;
  height: number;
  themes: string[];
}

/** The overlays a pane opens, by kind: each draws its overlay from the state's value. */
export type PaneOverlays = {
  [K in Overlay['kind']]?: (overlay: Extract<Overlay, { kind: K }>, size: OverlaySize) => ReactNode;
};

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
}
