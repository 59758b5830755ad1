// The Audit pane as one value (see ../spec.ts).
import { paneNames } from '../names.js';
import type { PaneSpec } from '../spec.js';
import { AuditPane } from './audit-pane.js';
import { AUDIT_BINDINGS } from './bindings.js';

export const auditPane: PaneSpec = {
  id: 'audit',
  title: 'Audit',
  aliases: paneNames('audit'),
  component: AuditPane,
  bindings: AUDIT_BINDINGS,
  overlays: {},
  headless: 'audit',
  list: true,
  needsConnection: true,
};
