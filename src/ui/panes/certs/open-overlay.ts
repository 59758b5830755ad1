// Opens one of this pane's overlays, typed by its table; the table is imported for its type
// only, so what opens an overlay does not load every overlay's component.
import { paneOverlayOf } from '../spec.js';
import type { CERTS_OVERLAYS } from './overlays.js';

export const openCertsOverlay = paneOverlayOf<typeof CERTS_OVERLAYS>('certs');
