// A one-off connection test: connect every node, wait until each is ready or failed,
// report, close. Used by "test connection" in the Profiles pane and `profiles test`.
import { Target } from './target.js';
import type { NodeStatus } from './node.js';
import type { Explained } from './errors.js';
import type { ConnectionSpec } from '../profiles/schema.js';
import { checkAccess } from './access.js';
import type { AccessReport } from './access.js';

export interface ProbeResult {
  ok: boolean;
  address: string;
  nodes: NodeStatus[];
  /** The first failure, or the discovery problem. */
  error?: Explained;
  elapsedMs: number;
  /** What the console's user may do, pane by pane, on the first ready node (when asked). */
  access?: AccessReport;
}

const settled = (n: NodeStatus) => n.state === 'ready' || n.state === 'failed';

export async function probe(
  spec: ConnectionSpec,
  password: string | undefined,
  timeoutMs = 5000,
  opts: { access?: boolean } = {},
): Promise<ProbeResult> {
  const started = Date.now();
  const target = new Target({ spec, password, heartbeatMs: 0, commandTimeoutMs: timeoutMs });
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      // A cluster adds nodes after the seed answers: wait a moment for discovery to settle.
      let quiet: NodeJS.Timeout | undefined;
      const unsubscribe = target.subscribe(check);
      function done() {
        clearTimeout(timer);
        if (quiet) clearTimeout(quiet);
        unsubscribe();
        resolve();
      }
      function check() {
        const s = target.status();
        if (s.discovery && !s.nodes.length) return done();
        if (!s.nodes.length || !s.nodes.every(settled)) return;
        if (quiet) clearTimeout(quiet);
        quiet = setTimeout(
          () => {
            const now = target.status();
            if (now.nodes.every(settled)) done();
          },
          spec.cluster ? 300 : 0,
        );
      }
      target.start();
    });
    const s = target.status();
    const failed = s.nodes.find((n) => n.state !== 'ready');
    const error =
      failed?.error ??
      (s.discovery?.name === 'NOT_CLUSTER' ? undefined : s.discovery) ??
      (failed
        ? {
            name: 'TIMEOUT',
            message: `no answer from ${failed.id} within ${timeoutMs} ms`,
            cause: 'The server did not answer in time.',
            fix: ['Check the host, port and firewall.'],
            retryable: true,
          }
        : undefined);
    const elapsedMs = Date.now() - started;
    const ready = s.nodes.find((n) => n.state === 'ready');
    const node = opts.access && ready ? target.node(ready.id) : undefined;
    // AUTH without a user name logs in as `default`: the name is known without ACL WHOAMI.
    const access = node
      ? await checkAccess(node, spec.user ?? 'default', started + timeoutMs).catch(() => undefined)
      : undefined;
    return {
      ok: !error && s.nodes.length > 0,
      address: target.address,
      nodes: s.nodes,
      error,
      elapsedMs,
      ...(access && { access }),
    };
  } finally {
    await target.close();
  }
}
