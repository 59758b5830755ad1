// The Profiles pane's keys (data: its spec, the footer, help and the tests read them).
import type { Binding } from '../../keymap/bindings.js';

export const PROFILES_BINDINGS: Binding[] = [
  {
    id: 'profiles.connect',
    keys: ['return'],
    description: 'Connect to the profile',
    scope: 'profiles',
    hint: true,
  },
  {
    id: 'profiles.new',
    keys: ['n'],
    description: 'New profile',
    scope: 'profiles',
    hint: true,
    dangerous: true,
  },
  {
    id: 'profiles.edit',
    keys: ['e'],
    description: 'Edit profile',
    scope: 'profiles',
    hint: true,
    dangerous: true,
  },
  {
    id: 'profiles.delete',
    keys: ['d'],
    description: 'Delete profile',
    scope: 'profiles',
    hint: true,
    dangerous: true,
  },
  { id: 'profiles.test', keys: ['t'], description: 'Test the connection', scope: 'profiles', hint: true },
  {
    id: 'profiles.access',
    keys: ['v'],
    description: "Show or hide the last test's access: each pane's needs, node by node, and the grants",
    short: 'access',
    scope: 'profiles',
  },
  {
    id: 'profiles.default',
    keys: ['*'],
    description: 'Default: make it the default profile',
    short: 'default',
    scope: 'profiles',
    hint: true,
    dangerous: true,
  },
];
