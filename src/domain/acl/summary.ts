// How a user reads in a table cell: shared by the Users pane and `redis-warden acl list`,
// so the console and the headless twin say the same thing. Pure; no hash ever appears.
import type { AclUser } from './types.js';
import { redactArgs } from '../redact.js';

export const passwordState = (u: AclUser | undefined): string =>
  !u ? '?' : u.nopass ? 'nopass' : u.passwords.length === 0 ? 'none' : `${u.passwords.length} pw`;

/** `~app:* %R~ro:*` → `app:* R:ro:*`; every key is `*`. */
export function keysSummary(keys: readonly string[]): string {
  if (keys.length === 0) return '-';
  return keys
    .map((k) => {
      const m = /^%(R|W|RW)~(.*)$/s.exec(k);
      if (m) return m[1] === 'RW' ? m[2] : `${m[1]}:${m[2]}`;
      return k.replace(/^~/, '');
    })
    .join(' ');
}

export const channelsSummary = (channels: readonly string[]): string =>
  channels.length === 0 ? '-' : channels.map((c) => c.replace(/^&/, '')).join(' ');

/** `-@all +@read -keys` → `+@read -keys`; `+@all` stays. */
export const commandsSummary = (commands: string): string =>
  commands.replace(/^-@all\s*/, '').trim() || 'none';

/** SETUSER arguments as shown or printed: passwords and hashes masked (redactArgs' rules). */
export const maskedRuleArgs = (args: readonly string[]): string[] =>
  redactArgs('ACL SETUSER', ['-', ...args]).slice(1);
