// The Clients pane as one value (see ../spec.ts).
import { paneNames } from '../names.js';
import type { PaneSpec } from '../spec.js';
import { CLIENTS_BINDINGS } from './bindings.js';
import { ClientsPane } from './clients-pane.js';

export const clientsPane: PaneSpec = {
  id: 'clients',
  title: 'Clients',
  aliases: paneNames('clients'),
  component: ClientsPane,
  bindings: CLIENTS_BINDINGS,
  overlays: {},
  headless: 'clients',
  list: true,
  needsConnection: true,
};
