// ACL LOG on one node (reads) and ACL LOG RESET on every node of a Target (a write: it
// destroys the server's only copy of the violations, so it goes through writeOnEach and is
// journaled like any other mutation).
import type { AclLogEntry } from '../domain/acl-log/types.js';
import { writeOnEach } from './command.js';
import type { WriteContext, WriteOutcome } from './command.js';
import { explain } from './errors.js';
import type { ReadNode } from './read-node.js';
import { configValue } from './config-get.js';
import { parseAclLog } from './parse/acl-log.js';
import { infoText, parseInfo } from './parse/info.js';
import type { Target } from './target.js';

/**
 * `ACL LOG <count>`, newest first. Without a count Redis returns only 10 entries, so pass
 * acllog-max-len (or more): the tracker takes entries missing from the reply for entries
 * gone from the log. Read as bytes, so usernames and key names keep every byte.
 */
export async function readAclLog(node: ReadNode, count: number): Promise<AclLogEntry[]> {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new Error(`ACL LOG count must be a whole number, got ${count}`);
  return parseAclLog(await node.callBuffer('ACL', ['LOG', count]));
}

export interface AclLogSnapshot {
  entries: AclLogEntry[];
  /** INFO server run_id: a new one means the server restarted. */
  runId?: string;
  /** The server's clock (ms) when the log was read: track() uses it to tell entries apart on 7.0. */
  serverTime?: number;
}

/**
 * ACL LOG with the server's run id and clock, both commands sent at once so the clock is
 * read within the same moment as the entries' ages. INFO is only sent when the connection
 * probe could run it: a denied INFO would itself add a NOPERM entry to ACL LOG every poll.
 */
export async function readAclLogSnapshot(node: ReadNode, count: number): Promise<AclLogSnapshot> {
  const info =
    node.status.server === undefined
      ? Promise.resolve(undefined)
      : node.callBuffer('INFO', ['server']).then(
          (reply) => (Buffer.isBuffer(reply) ? parseInfo(infoText(reply)).server : undefined),
          (err: unknown) => {
            if (explain(err).code === 'SEC003') return undefined;
            throw err;
          },
        );
  const [server, entries] = await Promise.all([info, readAclLog(node, count)]);
  const usec = Number(server?.server_time_usec);
  return {
    entries,
    runId: server?.run_id || undefined,
    serverTime: Number.isFinite(usec) && usec > 0 ? Math.floor(usec / 1000) : undefined,
  };
}

/**
 * acllog-max-len; undefined when the console's user may not CONFIG GET. A denied CONFIG GET
 * adds a NOPERM entry to ACL LOG itself: ask once per connection, not on every poll.
 */
export async function aclLogMaxLen(node: ReadNode): Promise<number | undefined> {
  const value = await configValue(node, 'acllog-max-len');
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`CONFIG GET acllog-max-len: not a number: ${value}`);
  return n;
}

/** ACL LOG RESET on every node of the target (or those named). */
export async function resetAclLog(
  target: Target,
  ctx: WriteContext,
  only?: readonly string[],
): Promise<WriteOutcome[]> {
  return writeOnEach(target, ctx, 'ACL', ['LOG', 'RESET'], only);
}
