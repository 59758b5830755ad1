// The ACL Log pane's keys (data: its spec, the footer, help and the tests read them).
import type { Binding } from '../../keymap/bindings.js';

export const ACL_LOG_BINDINGS: Binding[] = [
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
    // b, as the Clients pane groups; not g: that is "first row" in every list (DESIGN's keys;
    // here it also resumes following).
    id: 'log.group',
    keys: ['b'],
    description: 'Group identical violations into one row (count, first and last seen), or ungroup',
    short: 'group',
    scope: 'acl-log',
    hint: true,
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
    // Capital: `i` is Certs' inspect. The incident's suspects are the event's user and address.
    id: 'log.incident',
    keys: ['I'],
    description: "Start an incident with the event's user and address as suspects (evidence first)",
    short: 'incident',
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
];
