// The Certs pane's overlays, by view name (see ../spec.ts; open-overlay.ts opens them).
import type { OverlaySize } from '../spec.js';
import { InspectPrompt } from './inspect-prompt.js';
import { Wizard } from './wizard.js';

export const CERTS_OVERLAYS = {
  /** The wizard, one step a screen; its state is the certs slice, so it reopens where it was. */
  wizard: (_p: Record<string, never>, { width, height }: OverlaySize) => (
    <Wizard width={width} height={height} />
  ),
  'inspect-path': (_p: Record<string, never>, { width }: OverlaySize) => <InspectPrompt width={width} />,
};
