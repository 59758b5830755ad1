// Key bindings are data: the footer hints, the ? help overlay and the tests all read
// this table. A key means the same thing in every pane.
import type { PaneId } from '../../state/app-state.js';

export type Scope = 'global' | 'list' | PaneId;

export interface Binding {
  id: string;
  keys: string[];
  description: string;
  scope: Scope;
  /** Changes something: hidden and refused in read-only mode. */
  dangerous?: boolean;
  /** Shown in the footer of its scope. */
  hint?: boolean;
  /** The footer's word for it, when not the description's first word. */
  short?: string;
}

export const PANE_TITLES: Record<PaneId, string> = {
  users: 'Users',
  'acl-log': 'ACL Log',
  clients: 'Clients',
  audit: 'Audit',
  certs: 'Certs',
  incident: 'Incident',
  profiles: 'Profiles',
};

/** Palette aliases (`:users`, `:log`, ...). */
export const PANE_ALIASES: Record<string, PaneId> = {
  users: 'users',
  acl: 'users',
  log: 'acl-log',
  'acl-log': 'acl-log',
  clients: 'clients',
  audit: 'audit',
  certs: 'certs',
  tls: 'certs',
  incident: 'incident',
  ir: 'incident',
  profiles: 'profiles',
};

const paneKeys = (['users', 'acl-log', 'clients', 'audit', 'certs', 'incident', 'profiles'] as const).map(
  (pane, i): Binding => ({
    id: `pane.${pane}`,
    keys: [String(i + 1)],
    description: `Go to ${PANE_TITLES[pane]}`,
    scope: 'global',
  }),
);

export const BINDINGS: Binding[] = [
  ...paneKeys,
  { id: 'pane.next', keys: ['tab'], description: 'Next pane', scope: 'global' },
  { id: 'pane.prev', keys: ['shift+tab'], description: 'Previous pane', scope: 'global' },
  { id: 'app.help', keys: ['?'], description: 'Help for this pane', scope: 'global', hint: true },
  {
    id: 'app.palette',
    keys: [':'],
    description: 'Palette of commands',
    scope: 'global',
    hint: true,
  },
  {
    id: 'app.refresh',
    keys: ['r'],
    description: 'Refresh: re-read profiles, retry failed connections',
    short: 'refresh',
    scope: 'global',
    hint: true,
  },
  { id: 'app.back', keys: ['escape'], description: 'Back / close / clear filter', scope: 'global' },
  { id: 'app.quit', keys: ['q', 'ctrl+c'], description: 'Quit', scope: 'global', hint: true },
  { id: 'list.filter', keys: ['/'], description: 'Filter the list', scope: 'list', hint: true },
  { id: 'list.up', keys: ['up', 'k'], description: 'Move up', scope: 'list' },
  { id: 'list.down', keys: ['down', 'j'], description: 'Move down', scope: 'list' },
  { id: 'list.pageUp', keys: ['pageup'], description: 'Page up', scope: 'list' },
  { id: 'list.pageDown', keys: ['pagedown'], description: 'Page down', scope: 'list' },
  { id: 'list.top', keys: ['g', 'home'], description: 'First row', scope: 'list' },
  { id: 'list.bottom', keys: ['G', 'end'], description: 'Last row', scope: 'list' },
  {
    id: 'users.open',
    keys: ['return'],
    description: 'Open the user',
    short: 'open',
    scope: 'users',
    hint: true,
  },
  {
    id: 'users.new',
    keys: ['n'],
    description: 'New user from a template',
    short: 'new',
    scope: 'users',
    hint: true,
    dangerous: true,
  },
  {
    id: 'users.edit',
    keys: ['e'],
    description: 'Edit the rules (parsed as you type, diff before applying)',
    short: 'edit',
    scope: 'users',
    hint: true,
    dangerous: true,
  },
  {
    id: 'users.toggle',
    keys: ['x'],
    description: 'Disable or enable the user (and kill its connections)',
    short: 'on/off',
    scope: 'users',
    hint: true,
    dangerous: true,
  },
  {
    id: 'users.delete',
    keys: ['d'],
    description: 'Delete the user (type its name)',
    short: 'delete',
    scope: 'users',
    hint: true,
    dangerous: true,
  },
  {
    id: 'users.test',
    keys: ['t'],
    description: 'Test a command as the user (ACL DRYRUN)',
    short: 'test',
    scope: 'users',
    hint: true,
  },
  {
    id: 'users.password',
    keys: ['a'],
    description: 'Passwords: generate, add, rotate, remove',
    short: 'passwords',
    scope: 'users',
    dangerous: true,
  },
  {
    id: 'users.save',
    keys: ['w'],
    description: 'Write the users to disk (ACL SAVE, or CONFIG REWRITE)',
    short: 'save',
    scope: 'users',
    dangerous: true,
  },
  { id: 'users.sort', keys: ['s'], description: 'Sort by the next column', scope: 'users' },
  { id: 'users.reverse', keys: ['S'], description: 'Reverse the sort', scope: 'users' },
  {
    id: 'users.reveal',
    keys: ['v'],
    description: 'Show or hide password hashes in the raw ACL line',
    scope: 'users',
  },
  {
    id: 'log.open',
    keys: ['return'],
    description: 'Details of the event (the whole client-info)',
    short: 'details',
    scope: 'acl-log',
    hint: true,
  },
  {
    id: 'log.pause',
    keys: ['p'],
    description: 'Pause the view (the capture goes on)',
    short: 'pause',
    scope: 'acl-log',
    hint: true,
  },
  {
    id: 'log.follow',
    keys: ['f'],
    description: 'Follow: keep the newest event in view',
    short: 'follow',
    scope: 'acl-log',
    hint: true,
  },
  {
    id: 'log.kill',
    keys: ['x'],
    description:
      "Kill the event's client (CLIENT KILL ID on its node), or b: block its user (ACL SETUSER off; k also kills its connections)",
    short: 'kill/block',
    scope: 'acl-log',
    hint: true,
    dangerous: true,
  },
  {
    id: 'log.user',
    keys: ['u'],
    description: 'Open the user in the Users pane',
    short: 'user',
    scope: 'acl-log',
  },
  {
    id: 'log.clients',
    keys: ['c'],
    description: 'Open the Clients pane filtered to the address',
    short: 'clients',
    scope: 'acl-log',
  },
  {
    id: 'log.reset',
    keys: ['R'],
    description: "Reset the server's ACL LOG (type RESET; the log is captured first)",
    short: 'reset log',
    scope: 'acl-log',
    dangerous: true,
  },
  {
    id: 'clients.open',
    keys: ['return'],
    description: "Details: every field, its user's rules, its ACL LOG events (a group: its clients)",
    short: 'details',
    scope: 'clients',
    hint: true,
  },
  {
    id: 'clients.mark',
    keys: ['space'],
    description: 'Mark or unmark the client and step to the next (x kills the marked ones)',
    short: 'mark',
    scope: 'clients',
  },
  {
    id: 'clients.kill',
    keys: ['x'],
    description: 'Kill the client, or the marked ones, or the group (CLIENT KILL ID on its node)',
    short: 'kill',
    scope: 'clients',
    hint: true,
    dangerous: true,
  },
  {
    id: 'clients.killUser',
    keys: ['U'],
    description: "Kill every connection of the client's user (CLIENT KILL USER, every node)",
    short: 'kill user',
    scope: 'clients',
    dangerous: true,
  },
  {
    id: 'clients.killAddr',
    keys: ['A'],
    description: "Kill every listed connection from the client's source address",
    short: 'kill addr',
    scope: 'clients',
    dangerous: true,
  },
  {
    id: 'clients.group',
    keys: ['b'],
    description: 'Group by user, by source address, by command, or not',
    short: 'group',
    scope: 'clients',
    hint: true,
  },
  {
    id: 'clients.risky',
    keys: ['!'],
    description: 'Only clients with a highlight (bad user, dangerous command, outside network...)',
    short: 'risky',
    scope: 'clients',
    hint: true,
  },
  {
    id: 'clients.pause',
    keys: ['p'],
    description: 'Pause: hold the list still and stop polling (r still refreshes once)',
    short: 'pause',
    scope: 'clients',
  },
  { id: 'clients.sort', keys: ['s'], description: 'Sort by the next column', scope: 'clients' },
  { id: 'clients.reverse', keys: ['S'], description: 'Reverse the sort', scope: 'clients' },
  {
    id: 'clients.user',
    keys: ['u'],
    description: "Open the client's user in the Users pane",
    short: 'user',
    scope: 'clients',
  },
  {
    id: 'clients.log',
    keys: ['L'],
    description: "Open the ACL Log filtered to the client's source address",
    short: 'log',
    scope: 'clients',
  },
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

export function bindingById(id: string): Binding {
  const b = BINDINGS.find((x) => x.id === id);
  if (!b) throw new Error(`no key binding ${id}`);
  return b;
}

/** Bindings that apply in a pane, in table order; read-only hides the dangerous ones. */
export function bindingsFor(pane: PaneId, opts: { readOnly: boolean; list: boolean }): Binding[] {
  return BINDINGS.filter(
    (b) =>
      (b.scope === 'global' || b.scope === pane || (opts.list && b.scope === 'list')) &&
      !(opts.readOnly && b.dangerous),
  );
}
