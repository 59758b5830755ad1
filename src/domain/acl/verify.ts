// What a user change must have left on the server, and whether the re-read shows it. A reply
// of OK only says that Redis ran the command on the name it received; the re-read of that
// exact name (its bytes) is what proves the user the operator saw is the one changed.
// Pure: src/redis/acl-verify.ts reads the user, this judges it.
import type { AclUser } from './types.js';

export type UserExpectation =
  /** After ACL DELUSER. */
  | { gone: true }
  /** After ACL SETUSER: the user exists, and is on or off when the rules say which. */
  | { gone?: false; enabled?: boolean };

/** Whether ACL SETUSER `args` leave the user on or off: the last of on / off / reset decides. */
export function enabledAfter(args: readonly string[]): boolean | undefined {
  let enabled: boolean | undefined;
  for (const a of args) {
    // Redis matches these rule names case-insensitively (strcasecmp in ACLSetUser).
    const rule = a.toLowerCase();
    if (rule === 'on') enabled = true;
    else if (rule === 'off' || rule === 'reset') enabled = false;
  }
  return enabled;
}

/** What ACL SETUSER `args` must leave: the user there, on or off as the rules say. */
export const afterSetUser = (args: readonly string[]): UserExpectation => ({ enabled: enabledAfter(args) });

/** undefined when `actual` (the re-read, undefined = no such user) is as expected; else what differs. */
export function userMismatch(
  name: string,
  expected: UserExpectation,
  actual: AclUser | undefined,
): string | undefined {
  if (expected.gone) return actual ? `user "${name}" is still there after ACL DELUSER` : undefined;
  if (!actual) return `there is no user "${name}" after ACL SETUSER`;
  if (expected.enabled !== undefined && actual.enabled !== expected.enabled) {
    const state = (on: boolean) => (on ? 'on' : 'off');
    return `user "${name}" is ${state(actual.enabled)} after ACL SETUSER ${state(expected.enabled)}`;
  }
  return undefined;
}
