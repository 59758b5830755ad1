// The one way a write reaches Redis: it runs once (never replayed), its outcome is
// classified (ok / error / unknown / not-attempted), and it is journaled with secrets
// redacted. Reads go through a node handle's call (src/redis/read-node.ts), which sends
// nothing else, and are not journaled.
import { ReplyError } from 'ioredis';
import type { ActionId } from '../domain/actions.js';
import { toDisplay } from '../domain/display.js';
import { redactArgs } from '../domain/redact.js';
import { explain } from './errors.js';
import type { Explained } from './errors.js';
import { notAttempted, NOT_CONNECTED, NOT_SENT } from './fence.js';
import type { WriteFence } from './fence.js';
import { writerOf } from './node.js';
import type { ReadNode } from './read-node.js';
import type { Target } from './target.js';

export interface JournalSink {
  append(entry: {
    kind: 'mutation';
    action: ActionId;
    profile?: string;
    as?: string;
    target?: string;
    nodes?: string[];
    args?: unknown;
    outcome?: 'ok' | 'error' | 'unknown' | 'refused';
    detail?: unknown;
  }): void;
}

export interface WriteContext {
  journal: JournalSink;
  /** What the operator did: an id of the one table (src/domain/actions.ts). */
  action: ActionId;
  profile?: string;
  /** The Redis user the console is logged in as (journaled beside the profile). */
  as?: string;
  secrets?: readonly string[];
  /** The batch this write belongs to: a node whose state became unknown gets no more writes. */
  fence?: WriteFence;
}

export type WriteOutcome =
  | { node: string; outcome: 'ok'; reply: unknown }
  | { node: string; outcome: 'error' | 'unknown' | 'not-attempted'; error: Explained };

/**
 * Only two things prove a write did not run: the server's own error reply, and a command
 * that never reached the socket (ioredis refuses it while the link is down, or the time
 * bound was used up first). Anything else (a timeout, a reset, the connection closing,
 * ioredis's MaxRetriesPerRequestError when it flushes the commands it had written) came
 * after the command was written: it may have run, so it is unknown.
 */
function outcomeOf(err: unknown): 'error' | 'unknown' | 'not-attempted' {
  const msg = err instanceof Error ? err.message : '';
  if ((err as { code?: unknown } | null)?.code === NOT_SENT) return 'not-attempted';
  if (err instanceof ReplyError || (err as { code?: unknown } | null)?.code === NOT_CONNECTED) return 'error';
  if (/Stream isn't writeable/.test(msg)) return 'error';
  return 'unknown';
}

export async function writeOn(
  handle: ReadNode,
  ctx: WriteContext,
  command: string,
  args: readonly string[],
): Promise<WriteOutcome> {
  const node = writerOf(handle);
  const secrets = ctx.secrets ?? [];
  // Password hashes too (redactArgs masks them): not plain text, but crackable offline. Names
  // and patterns as on screen (`u\xffbad`): a byte that is not UTF-8 would not survive a JSON reader.
  const shown = [command, ...redactArgs(command, args).map((a) => toDisplay(a))];
  const fenced = ctx.fence?.blocked(node.id);
  // Never sent: nothing to journal, the server did not see it.
  if (fenced) return { node: node.id, outcome: 'not-attempted', error: notAttempted(fenced) };
  let result: WriteOutcome;
  try {
    result = { node: node.id, outcome: 'ok', reply: await node.write(command, args) };
  } catch (err) {
    const error = explain(err, secrets);
    result = { node: node.id, outcome: outcomeOf(err), error };
  }
  if (result.outcome === 'not-attempted') return result;
  if (result.outcome === 'unknown') {
    ctx.fence?.block(node.id, shown.slice(0, 3).join(' '));
    // A reply that is overdue keeps every later reply on this link behind it: start afresh.
    if (result.error.name === 'TIMEOUT') node.resync();
  }
  ctx.journal.append({
    kind: 'mutation',
    action: ctx.action,
    profile: ctx.profile,
    ...(ctx.as === undefined ? {} : { as: ctx.as }),
    nodes: [node.id],
    args: shown,
    outcome: result.outcome,
    detail:
      result.outcome === 'ok'
        ? replyDetail(command, args, result.reply)
        : { code: result.error.code, name: result.error.name, message: result.error.message },
  });
  return result;
}

/**
 * What an ok reply says that "ok" alone does not: CLIENT KILL in its filter form answers how
 * many it killed, and 0 (the client had already left) must not read as a kill in the journal.
 */
function replyDetail(command: string, args: readonly string[], reply: unknown): unknown {
  if (command.toUpperCase() === 'CLIENT' && args[0]?.toUpperCase() === 'KILL' && typeof reply === 'number')
    return { killed: reply };
  return undefined;
}

/** Runs the same write on every node of the target (or those named), each journaled. */
export async function writeOnEach(
  target: Target,
  ctx: WriteContext,
  command: string,
  args: readonly string[],
  only?: readonly string[],
): Promise<WriteOutcome[]> {
  const ids = only ?? target.nodeIds();
  return Promise.all(
    ids.map((id) => {
      const node = target.node(id);
      if (node)
        return writeOn(node, { ...ctx, secrets: [...(ctx.secrets ?? []), ...target.secrets] }, command, args);
      return Promise.resolve(unknownNode(id));
    }),
  );
}

/** The outcome for a node id the target does not have (it left the cluster meanwhile). */
export const unknownNode = (id: string): WriteOutcome => ({
  node: id,
  outcome: 'error',
  error: {
    name: 'UNKNOWN_NODE',
    message: id,
    cause: 'That node is not part of this target.',
    fix: [],
    retryable: false,
  },
});
