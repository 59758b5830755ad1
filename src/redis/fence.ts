// The rule for a batch of writes (acl apply's users, a kill of many clients, one change on
// every node): once a write's outcome on a node is unknown (its reply never came), that node
// gets no more writes in the batch. Its state is re-read instead, and the writes that were
// left are reported as not attempted. Other nodes carry on. Without this, each later write
// to a stuck node waited its own timeout, one after another.
import type { Explained } from './errors.js';

/** The error code of a command that was never written to the socket (the batch stopped first). */
export const NOT_SENT = 'NOT_SENT';

/** The error code of a command not written because the link was down: it did not run. */
export const NOT_CONNECTED = 'NOT_CONNECTED';

/** An error for a command refused before it was sent: nothing reached the server. */
export function notSent(message: string): Error {
  return Object.assign(new Error(message), { code: NOT_SENT });
}

export class WriteFence {
  private readonly stopped = new Map<string, string>();

  /** Why writes to this node stopped (the write whose outcome is unknown), if they did. */
  blocked(node: string): string | undefined {
    return this.stopped.get(node);
  }

  block(node: string, command: string): void {
    if (!this.stopped.has(node)) this.stopped.set(node, command);
  }
}

export function notAttempted(after: string): Explained {
  return {
    name: 'NOT_ATTEMPTED',
    message: `not attempted: an earlier write on this node (${after}) has an unknown outcome`,
    cause: 'The node stopped answering mid-batch; writing more to it would only wait for more timeouts.',
    fix: ['Check the node, then run the command again: what already took effect shows in the re-read.'],
    retryable: true,
  };
}
