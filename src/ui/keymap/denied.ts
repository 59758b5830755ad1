// "No permission" for the palette, where the console already knows it: the last `t` test of
// the open profile (its access report, src/domain/access.ts) says the console's user may not do
// what a key needs. Keys map to the needs by their `what` (test/ui/keymap/palette-entries.test.ts keeps
// every name here in PANE_NEEDS); a key not listed, or a need not known, is never greyed.
import { combine } from '../../domain/access.js';
import type { AccessResult } from '../../domain/access.js';
import { toDisplay } from '../../domain/display.js';
import { grantOf } from '../../domain/pane-needs.js';
import type { Binding } from './bindings.js';

export const KEY_NEEDS: Readonly<Record<string, string>> = {
  'users.new': 'create, change, disable users (ACL SETUSER)',
  'users.edit': 'create, change, disable users (ACL SETUSER)',
  'users.toggle': 'create, change, disable users (ACL SETUSER)',
  'users.delete': 'delete users (ACL DELUSER)',
  'users.save': 'save users (ACL SAVE or CONFIG REWRITE)',
  'log.kill': 'kill a client (CLIENT KILL)',
  'log.reset': 'reset the log (ACL LOG RESET)',
  'clients.kill': 'kill clients (CLIENT KILL)',
  'clients.killUser': 'kill clients (CLIENT KILL)',
  'clients.killAddr': 'kill clients (CLIENT KILL)',
  'audit.fix': 'apply a setting fix (CONFIG SET)',
  'certs.reload': 'load new certificate files into the running server (CONFIG SET)',
};

/** Why the access report says no to a key, or undefined (allowed, unknown, or not reported). */
export function deniedBy(access: AccessResult | undefined): (b: Binding) => string | undefined {
  if (!access) return () => undefined;
  const items = combine(access).items;
  return (b) => {
    const what = KEY_NEEDS[b.id];
    const item = what === undefined ? undefined : items.find((i) => i.need.what === what);
    return item?.can === 'no'
      ? `no permission: ${toDisplay(access.user)} needs ${grantOf(item.need)}`
      : undefined;
  };
}
