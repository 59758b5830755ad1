// The one way a write reaches Redis: it runs once (never replayed), its outcome is
// classified (ok / error / unknown), and it is journaled with secrets redacted.
// Reads go straight through NodeConnection.call and are not journaled.
import { toDisplay } from '../domain/display.js';
import { redactArgs } from '../domain/redact.js';
import { explain } from './errors.js';
import type { Explained } from './errors.js';
import type { NodeConnection } from './node.js';
import type { Target } from './target.js';

export interface JournalSink {
  append(entry: {
    kind: 'mutation';
    action: string;
    profile?: string;
    target?: string;
    nodes?: string[];
    args?: unknown;
    outcome?: 'ok' | 'error' | 'unknown' | 'refused';
    detail?: unknown;
  }): void;
}

export interface WriteContext {
  journal: JournalSink;
  /** What the operator did, e.g. "acl.disable-user". */
  action: string;
  profile?: string;
  secrets?: readonly string[];
}

export type WriteOutcome =
  | { node: string; outcome: 'ok'; reply: unknown }
  | { node: string; outcome: 'error' | 'unknown'; error: Explained };

/** A reply lost after sending (timeout, connection dropped) may or may not have run. */
function outcomeOf(err: unknown, e: Explained): 'error' | 'unknown' {
  const msg = err instanceof Error ? err.message : '';
  if (/Stream isn't writeable/.test(msg)) return 'error';
  if (e.name === 'TIMEOUT' || e.name === 'DISCONNECTED' || e.name === 'RESET') return 'unknown';
  return 'error';
}

export async function writeOn(
  node: NodeConnection,
  ctx: WriteContext,
  command: string,
  args: readonly string[],
): Promise<WriteOutcome> {
  const secrets = ctx.secrets ?? [];
  let result: WriteOutcome;
  try {
    result = { node: node.id, outcome: 'ok', reply: await node.call(command, args) };
  } catch (err) {
    const error = explain(err, secrets);
    result = { node: node.id, outcome: outcomeOf(err, error), error };
  }
  ctx.journal.append({
    kind: 'mutation',
    action: ctx.action,
    profile: ctx.profile,
    nodes: [node.id],
    // Password hashes too (redactArgs masks them): not plain text, but crackable offline. Names
    // and patterns as on screen (`u\xffbad`): a byte that is not UTF-8 would not survive a JSON reader.
    args: [command, ...redactArgs(command, args).map((a) => toDisplay(a))],
    outcome: result.outcome,
    detail:
      result.outcome === 'ok'
        ? undefined
        : { code: result.error.code, name: result.error.name, message: result.error.message },
  });
  return result;
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
