// What the client highlights need of each ACL user (enabled, admin) and the rules a client's
// details show, from ACL LIST lines. Pure; shared by the Clients pane's feed and `redis-warden
// clients`, so both flag the same clients.
import { riskFlags } from '../acl/risk.js';
import { userFromListLine } from '../acl/rules.js';
import type { AclUser, CommandUniverse } from '../acl/types.js';

export interface ClientUser {
  enabled: boolean;
  /** Can run @admin / @dangerous commands (exact with the command universe, else by rule text). */
  admin: boolean;
  /** The rules as the details show them: never the password hashes. */
  rules: string;
}

const ADMIN_FLAGS = new Set(['admin-all-keys', 'server-control', 'dangerous']);

export function rulesSummary(u: AclUser): string {
  const sel = u.selectors.length ? ` · ${u.selectors.length} selector(s)` : '';
  return `${u.enabled ? 'on' : 'OFF'} · keys ${u.keys.join(' ') || '(none)'} · channels ${u.channels.join(' ') || '(none)'} · ${u.commands}${sel}`;
}

/** name -> what the highlights need; a line this version cannot read just gives no entry. */
export function clientUsers(lines: readonly string[], universe?: CommandUniverse): Map<string, ClientUser> {
  const users = new Map<string, ClientUser>();
  for (const line of lines) {
    try {
      const u = userFromListLine(line);
      // Every grade of the command risks, as before they were graded: the highlight is "may run
      // admin commands", not "is a risk worth listing".
      const admin = riskFlags(u, universe).some((f) => ADMIN_FLAGS.has(f.id));
      users.set(u.name, { enabled: u.enabled, admin, rules: rulesSummary(u) });
    } catch {
      // No user-based highlight for that user; the rest stand.
    }
  }
  return users;
}
