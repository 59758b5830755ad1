// The ACL Log pane as one value (see ../spec.ts).
import { paneNames } from '../names.js';
import type { PaneSpec } from '../spec.js';
import { AclLogPane } from './acl-log-pane.js';
import { ACL_LOG_BINDINGS } from './bindings.js';

export const aclLogPane: PaneSpec = {
  id: 'acl-log',
  title: 'ACL Log',
  aliases: paneNames('acl-log'),
  component: AclLogPane,
  bindings: ACL_LOG_BINDINGS,
  overlays: {},
  headless: 'tail',
  list: true,
  needsConnection: true,
};
