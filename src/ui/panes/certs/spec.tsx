// The Certs pane as one value (see ../spec.ts).
import { paneNames } from '../names.js';
import type { PaneSpec } from '../spec.js';
import { CERTS_BINDINGS } from './bindings.js';
import { CertsPane } from './certs-pane.js';
import { CERTS_OVERLAYS } from './overlays.js';

export const certsPane: PaneSpec = {
  id: 'certs',
  title: 'Certs',
  aliases: paneNames('certs'),
  component: CertsPane,
  bindings: CERTS_BINDINGS,
  overlays: CERTS_OVERLAYS,
  headless: 'certs',
  list: true,
};
