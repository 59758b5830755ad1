// Every pane, in tab order (the number keys 1..7 follow it): one line per pane folder's spec.
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

export function paneSpec(id: PaneId): PaneSpec {
  const spec = PANE_SPECS.find((p) => p.id === id);
  if (!spec) throw new Error(`no pane ${id}`);
  return spec;
}

export const paneTitle = (id: PaneId): string => paneSpec(id).title;

/** The pane a palette name opens (`:users`, `:log`, ...), or undefined. */
export function paneByAlias(name: string): PaneId | undefined {
  return PANE_SPECS.find((p) => p.aliases.includes(name))?.id;
}

export const paneAliases = (): string[] => PANE_SPECS.flatMap((p) => p.aliases);

export const isListPane = (id: PaneId): boolean => paneSpec(id).list;

/** The overlay a pane draws (a form, an editor), or undefined when no pane owns the kind. */
export function paneOverlay(overlay: Overlay, size: OverlaySize): ReactNode | undefined {
  for (const spec of PANE_SPECS) {
    // The spec's table is keyed by kind, so the value's kind matches the view's parameter.
    const view = spec.overlays[overlay.kind] as ((o: Overlay, s: OverlaySize) => ReactNode) | undefined;
    if (view) return view(overlay, size);
  }
  return undefined;
}

export function PaneView({ pane, width, height }: { pane: PaneId; width: number; height: number }) {
  const Body = paneSpec(pane).component;
  return <Body width={width} height={height} />;
}
