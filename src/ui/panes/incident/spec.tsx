// The Incident pane as one value (see ../spec.ts).
import { paneNames } from '../names.js';
import type { PaneSpec } from '../spec.js';
import { INCIDENT_BINDINGS } from './bindings.js';
import { IncidentPane } from './incident-pane.js';
import { INCIDENT_OVERLAYS } from './overlays.js';

export const incidentPane: PaneSpec = {
  id: 'incident',
  title: 'Incident',
  aliases: paneNames('incident'),
  component: IncidentPane,
  bindings: INCIDENT_BINDINGS,
  overlays: INCIDENT_OVERLAYS,
  headless: 'incident',
  list: true,
};
