// The Users pane as one value (see ../spec.ts).
import type { PaneSpec } from '../spec.js';
import { USERS_BINDINGS } from './bindings.js';
import { DriftView } from './drift-view.js';
import { RuleEditor } from './rule-editor.js';
import { UserPassword } from './user-password.js';
import { UserTest } from './user-test.js';
import { UsersPane } from './users-pane.js';

export const usersPane: PaneSpec = {
  id: 'users',
  title: 'Users',
  aliases: ['users', 'acl'],
  component: UsersPane,
  bindings: USERS_BINDINGS,
  overlays: {
    'rule-editor': (o, { width, height }) => <RuleEditor user={o.user} width={width} height={height} />,
    'user-test': (o, { width }) => <UserTest user={o.user} width={width} />,
    'user-password': (o, { width }) => <UserPassword user={o.user} width={width} />,
    'acl-drift': (_o, { width, height }) => <DriftView width={width} height={height} />,
  },
  headless: 'acl',
  list: true,
};
