// Every pane, in tab order (the number keys 1..7 follow it): one line per pane folder's spec.
// This list is the only place that names them all: the tabs, Tab/Shift-Tab, the number keys,
// the palette and the overlays read it (the state holds only which pane is shown).
import type { ReactNode } from 'react';
import type { Overlay, PaneId } from '../../state/app-state.js';
import { aclLogPane } from './acl-log/spec.js';
import { auditPane } from './audit/spec.js';
import { certsPane } from './certs/spec.js';
import { clientsPane } from './clients/spec.js';
import { incidentPane } from './incident/spec.js';
import { profilesPane } from './profiles/spec.js';
import type { OverlaySize, PaneSpec } from './spec.js';
import { usersPane } from './users/spec.js';

export const PANE_SPECS: readonly PaneSpec[] = [
  usersPane,
  aclLogPane,
  clientsPane,
  auditPane,
  certsPane,
  incidentPane,
  profilesPane,
];

/** What the shell asks of a list of panes; built from any list, so a test can add a pane. */
export function paneRegistry(specs: readonly PaneSpec[]) {
  const spec = (id: PaneId): PaneSpec => {
    const s = specs.find((p) => p.id === id);
    if (!s) throw new Error(`no pane ${id}`);
    return s;
  };
  return {
    order: specs.map((p) => p.id),
    spec,
    /** The pane a palette name opens (`:users`, `:log`, ...), or undefined. */
    byAlias: (name: string): PaneId | undefined => specs.find((p) => p.aliases.includes(name))?.id,
    /** The pane `dir` tabs away from `id`, wrapping around. */
    next: (id: PaneId, dir: 1 | -1): PaneId => {
      const i = specs.findIndex((p) => p.id === id);
      return specs[(i + dir + specs.length) % specs.length]?.id ?? id;
    },
    /** A pane's overlay drawn from its spec, or undefined when the overlay is the shell's. */
    overlay: (o: Overlay, size: OverlaySize): ReactNode | undefined => {
      if (o.kind !== 'pane') return undefined;
      const view = specs.find((p) => p.id === o.pane)?.overlays[o.view];
      if (!view) throw new Error(`pane ${o.pane} has no overlay ${o.view}`);
      return view(o.props, size);
    },
  };
}

const registry = paneRegistry(PANE_SPECS);

export const PANE_ORDER: readonly PaneId[] = registry.order;
export const paneSpec = registry.spec;
export const paneTitle = (id: PaneId): string => registry.spec(id).title;
export const paneByAlias = registry.byAlias;
export const nextPane = registry.next;
export const paneAliases = (): string[] => PANE_SPECS.flatMap((p) => p.aliases);
export const isListPane = (id: PaneId): boolean => registry.spec(id).list;
export const paneOverlay = registry.overlay;

export function PaneView({ pane, width, height }: { pane: PaneId; width: number; height: number }) {
  const Body = paneSpec(pane).component;
  return <Body width={width} height={height} />;
}
