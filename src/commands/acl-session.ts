// What every `acl` subcommand does first: resolve the connection, open the Target, wait
// (Target.settled, within the command's bound) until every node (on a cluster, every
// discovered node) is ready or has failed, and pick the node to read from. A connection that never became usable is a UsageError-like
// failure (exit 2) that carries the guide's SEC code, cause and fix.
import { toDisplay } from '../domain/display.js';
import { boundStart, Deadline, replyWaitMs, seconds } from '../redis/deadline.js';
import { noAnswerAtAll } from '../redis/peer.js';
import { WriteFence } from '../redis/fence.js';
import type { Explained } from '../redis/errors.js';
import type { ReadNode } from '../redis/read-node.js';
import { Target } from '../redis/target.js';
import type { MutationEnv } from '../ops/mutation.js';
import { connectionFromFlags, UsageError } from './context.js';
import type { CommandContext } from './context.js';
import type { ConnectionFlags } from './flags.js';
import type { ConnectionSpec } from '../profiles/schema.js';

export interface AclFlags extends ConnectionFlags {
  json?: boolean;
  timeout?: string;
}

export interface AclSession {
  target: Target;
  /** The resolved connection (TLS files, SNI): what a probe beside the Target needs (the audit). */
  spec: ConnectionSpec;
  /** The first ready node: reads come from here. */
  node: ReadNode;
  /** Nodes that never became ready, with why. */
  failed: { id: string; error?: Explained }[];
  env: MutationEnv;
  /** The console's own user (ACL WHOAMI), when the server says. */
  me?: string;
  /** The command's one time bound (`tail -f` lifts it once it has read). */
  bound: Deadline;
  /** Waits (within the time bound) for nodes that were ready and dropped, so a re-read reads them. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown when no node could be used: the message already holds cause and fix. */
export class ConnectError extends UsageError {}

export function timeoutOf(flags: { timeout?: string }): number {
  const ms = Number(flags.timeout ?? 10_000);
  if (!Number.isInteger(ms) || ms < 100 || ms > 120_000)
    throw new UsageError(
      `--timeout: "${flags.timeout ?? ''}" is not a number of milliseconds from 100 to 120000`,
    );
  return ms;
}

/** The short reason becomes the error (exit 2), said first; the cause and fixes follow it. */
function connectFailure(found: Explained | undefined, id: string, d: Deadline): ConnectError {
  const e = found ?? noAnswerAtAll(id, d.elapsed(), d.budgetMs);
  // The real time waited, when there was a wait to speak of (the TIMEOUT above says it itself;
  // a TLS file refused before anything was sent waited for nothing).
  const waited =
    found && found.name !== 'TLS_FILE' && d.elapsed() >= 500
      ? ` (after ${seconds(d.elapsed())} of the ${seconds(d.budgetMs)} time bound (--timeout))`
      : '';
  const err = new ConnectError(
    `could not connect to ${id}${waited}: ${e.code ? `${e.code} ` : ''}${e.name}: ${e.message}`,
  );
  err.details = [e.cause, ...e.fix.map((f) => `  → ${f}`)].map((line) => toDisplay(line));
  return err;
}

export async function openAcl(ctx: CommandContext, flags: AclFlags): Promise<AclSession> {
  const timeoutMs = timeoutOf(flags);
  const conn = await connectionFromFlags(ctx, flags);
  // The one bound counts from the command's start, or once a prompted password is known: a
  // prompt waits on a person, not a server.
  const bound = new Deadline(timeoutMs, conn.promptedAt ?? boundStart());
  const target = new Target({
    spec: conn.spec,
    password: conn.password,
    heartbeatMs: 0,
    deadline: bound,
    commandTimeoutMs: replyWaitMs(timeoutMs),
  });
  try {
    target.start();
    // Every node (on a cluster, every one discovered) ready or failed, within the bound.
    const { nodes } = await target.settled();
    const ready = nodes.find((n) => n.state === 'ready');
    if (!ready) {
      const first = nodes[0];
      // No error yet: what the links say (a TLS handshake unanswered, a silent server).
      const unanswered = first && target.node(first.id)?.noAnswer();
      throw connectFailure(
        first?.error ?? unanswered ?? target.status().discovery,
        first?.id ?? target.address,
        bound,
      );
    }
    const d = target.status().discovery;
    if (d && d.name !== 'NOT_CLUSTER')
      ctx.warn(toDisplay(`Warning: cluster discovery: ${d.name}: ${d.message}`));
    const failed = nodes.filter((n) => n.state !== 'ready').map((n) => ({ id: n.id, error: n.error }));
    for (const f of failed)
      ctx.warn(
        toDisplay(
          `Warning: node ${f.id} is not reachable${f.error ? ` (${f.error.name}: ${f.error.message})` : ''}`,
        ),
      );
    const node = target.node(ready.id);
    if (!node) throw new ConnectError(`node ${ready.id} vanished`);
    return {
      target,
      spec: conn.spec,
      node,
      failed,
      me: ready.whoami,
      env: {
        readOnly: conn.readOnly,
        journal: ctx.journal,
        profile: conn.profileName,
        as: conn.spec.user ?? 'default',
        secrets: target.secrets,
        fence: new WriteFence(),
      },
      bound,
      settle: async () => {
        const down = new Set(failed.map((f) => f.id));
        await target.settled({ only: target.nodeIds().filter((id) => !down.has(id)) });
      },
      close: () => target.close(),
    };
  } catch (err) {
    await target.close();
    throw err;
  }
}

/** Runs `body` with an open session and always closes it. */
export async function withAcl<T>(
  ctx: CommandContext,
  flags: AclFlags,
  body: (s: AclSession) => Promise<T>,
): Promise<T> {
  const s = await openAcl(ctx, flags);
  try {
    return await body(s);
  } finally {
    await s.close();
  }
}

export { errorText, refusedError } from '../ops/input-error.js';
export { notReread } from '../ops/acl-apply.js';
