// Opens one of this pane's overlays, typed by its table; the table is imported for its type
// only, so what opens an overlay does not load every overlay's component.
import { paneOverlayOf } from '../spec.js';
import type { INCIDENT_OVERLAYS } from './overlays.js';

export const openIncidentOverlay = paneOverlayOf<typeof INCIDENT_OVERLAYS>('incident');
