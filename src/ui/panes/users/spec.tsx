// The Users pane as one value (see ../spec.ts).
import { paneNames } from '../names.js';
import type { PaneSpec } from '../spec.js';
import { USERS_BINDINGS } from './bindings.js';
import { USERS_OVERLAYS } from './overlays.js';
import { UsersPane } from './users-pane.js';

export const usersPane: PaneSpec = {
  id: 'users',
  title: 'Users',
  aliases: paneNames('users'),
  component: UsersPane,
  bindings: USERS_BINDINGS,
  overlays: USERS_OVERLAYS,
  headless: 'acl',
  list: true,
  needsConnection: true,
};
