// Which component draws which pane, and whether it is a list (for the list keys in help).
import { PlaceholderPane } from './placeholder/placeholder-pane.js';
import { ProfilesPane } from './profiles/profiles-pane.js';
import { UsersPane } from './users/users-pane.js';
import { AclLogPane } from './acl-log/acl-log-pane.js';
import { ClientsPane } from './clients/clients-pane.js';
import type { PaneId } from '../../state/app-state.js';

export const LIST_PANES: ReadonlySet<PaneId> = new Set<PaneId>(['users', 'acl-log', 'clients', 'profiles']);

export function PaneView({ pane, width, height }: { pane: PaneId; width: number; height: number }) {
  if (pane === 'profiles') return <ProfilesPane width={width} height={height} />;
  if (pane === 'users') return <UsersPane width={width} height={height} />;
  if (pane === 'acl-log') return <AclLogPane width={width} height={height} />;
  if (pane === 'clients') return <ClientsPane width={width} height={height} />;
  return <PlaceholderPane pane={pane} width={width} />;
}
