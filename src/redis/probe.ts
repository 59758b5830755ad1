// A one-off connection test: connect every node, wait until each is ready or failed,
// report, close. Used by "test connection" in the Profiles pane and `profiles test`.
import { Target } from './target.js';
import type { TargetStatus } from './target.js';
import type { NodeStatus } from './node.js';
import type { ReadNode } from './read-node.js';
import type { Explained } from './errors.js';
import type { ConnectionSpec } from '../profiles/schema.js';
import { Deadline } from './deadline.js';
import { noAnswerAtAll } from './peer.js';

export interface ProbeResult {
  ok: boolean;
  address: string;
  nodes: NodeStatus[];
  /** The first failure, or the discovery problem. */
  error?: Explained;
  elapsedMs: number;
}

/**
 * Runs on each node as soon as it is ready, while the others are still awaited (a node that
 * is down must not use up the time of those that answer); awaited before the Target closes.
 */
export type OnReady = (node: ReadNode, deadline: number) => Promise<void>;

export async function probe(
  spec: ConnectionSpec,
  password: string | undefined,
  timeoutMs = 5000,
  opts: { onReady?: OnReady } = {},
): Promise<ProbeResult> {
  // One bound, as the headless commands have: every wait (connecting, each reply) within it.
  const bound = new Deadline(timeoutMs);
  const started = bound.startedAt;
  const target = new Target({ spec, password, heartbeatMs: 0, commandTimeoutMs: timeoutMs, deadline: bound });
  const asked = new Map<string, Promise<void>>();
  const onReady = (s: TargetStatus) => {
    for (const n of s.nodes) {
      const node = n.state === 'ready' && !asked.has(n.id) ? target.node(n.id) : undefined;
      if (node && opts.onReady)
        asked.set(
          n.id,
          opts.onReady(node, bound.endsAt).catch(() => undefined),
        );
    }
  };
  try {
    const unsubscribe = target.subscribe(() => onReady(target.status()));
    target.start();
    await target.settled();
    unsubscribe();
    const s = target.status();
    // A node with no error yet is classified as the headless commands do (SILENT, a TLS
    // handshake unanswered), else it is a plain timeout.
    const nodes = s.nodes.map((n) =>
      n.state === 'ready' || n.error
        ? n
        : {
            ...n,
            error: target.node(n.id)?.noAnswer() ?? noAnswerAtAll(n.id, bound.elapsed(), timeoutMs),
          },
    );
    const failed = nodes.find((n) => n.state !== 'ready');
    const error = failed?.error ?? (s.discovery?.name === 'NOT_CLUSTER' ? undefined : s.discovery);
    const elapsedMs = Date.now() - started;
    await Promise.all(asked.values());
    return { ok: !error && nodes.length > 0, address: target.address, nodes, error, elapsedMs };
  } finally {
    await target.close();
  }
}
