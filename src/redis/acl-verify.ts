// The re-read after a user change, for the pane's actions, the ACL Log's "Block user" and
// `acl apply` alike: ACL GETUSER of the exact name on each node that answered OK, judged by
// domain/acl/verify.ts. runServerWrite (src/state/mutation.ts) turns a mismatch into a failure.
import { userMismatch } from '../domain/acl/verify.js';
import type { UserExpectation } from '../domain/acl/verify.js';
import { getUser } from './acl.js';
import type { Target } from './target.js';

export { afterSetUser } from '../domain/acl/verify.js';
export type { UserExpectation } from '../domain/acl/verify.js';

/** A per-node check: resolves to undefined when `name` is as expected there, else what differs. */
export function checkUser(
  target: Target,
  name: string,
  expected: UserExpectation,
): (node: string) => Promise<string | undefined> {
  return async (id) => {
    const node = target.node(id);
    if (!node) throw new Error(`node ${id} is not part of this target`);
    return userMismatch(name, expected, await getUser(node, name));
  };
}
