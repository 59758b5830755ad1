// src/ops/ holds each operation once, for the panes (through state/ actions) and the headless
// commands alike: what to read or do on every node of a Target, with per-node results. It
// uses redis/ and domain/, never ui/, commands/ or a terminal; both of those print its results.
//
// This one: the connection test (`profiles test`, `t` in the Profiles pane). Every node is
// connected and, when asked, every ready node is asked what the console's user may do: ACL
// users are per node (a cluster does not propagate ACL SETUSER), so one node's answer is
// not the Target's. A node that is not ready is named, its answers unknown.
import type { AccessReport, AccessResult } from '../domain/access.js';
import type { ConnectionSpec } from '../profiles/schema.js';
import { checkAccess } from '../redis/access.js';
import { probe } from '../redis/probe.js';
import type { OnReady, ProbeResult } from '../redis/probe.js';
import type { NodeStatus } from '../redis/node.js';

export interface ConnectionTest extends ProbeResult {
  /** What the console's user may do, pane by pane, node by node (when asked and a node answered). */
  access?: AccessResult;
}

export async function testConnection(
  spec: ConnectionSpec,
  password: string | undefined,
  timeoutMs: number,
  opts: { access?: boolean } = {},
): Promise<ConnectionTest> {
  const reports = new Map<string, AccessReport>();
  // AUTH without a user name logs in as `default`: the name is known without ACL WHOAMI.
  const user = spec.user ?? 'default';
  const onReady: OnReady = async (node, deadline) => {
    reports.set(node.id, await checkAccess(node, user, deadline));
  };
  const r = await probe(spec, password, timeoutMs, opts.access ? { onReady } : {});
  if (!reports.size) return r;
  // In the Target's order; a node not asked is named with why, its answers unknown.
  const access: AccessResult = { user, checked: [], down: [] };
  for (const n of r.nodes) {
    const report = reports.get(n.id);
    if (report) access.checked.push(report);
    else access.down.push({ node: n.id, why: whyNot(n) });
  }
  return { ...r, access };
}

function whyNot(n: NodeStatus): string {
  if (n.state === 'ready') return 'it did not answer in time';
  const e = n.error;
  return `not connected (${n.state}${e ? `: ${e.code ?? e.name} ${e.message}` : ''})`;
}
