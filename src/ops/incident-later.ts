// Evidence taken after the first step (issue 16): a timed MONITOR sample and the key space
// after, each with a manifest of its own (manifest-N.json), hashed and journaled like the
// first, so a file changed later shows in `incident show` and the report.
import type { Incident, ManifestEntry } from '../domain/incident/types.js';
import { crashPoint } from '../fs/crash-point.js';
import { keyspaceOf } from '../redis/evidence-read.js';
import { monitorOnNode } from '../redis/monitor-sample.js';
import type { MonitorSample } from '../redis/monitor-sample.js';

// The pane's MONITOR prompt says these (ui/ does not import redis/).
export { MONITOR_LIMITS, MONITOR_WARNING } from '../redis/monitor-sample.js';
import { nowOf, record } from './incident-flow.js';
import type { FlowDeps } from './incident-flow.js';

/** Writes artefacts taken after the first step, with their own manifest, journaled like the first. */
export function addEvidence(
  d: FlowDeps,
  inc: Incident,
  what: string,
  artefacts: readonly ({ node: string; what: string; data: unknown; command: string } | ManifestEntry)[],
): Incident {
  const entries: ManifestEntry[] = artefacts.map((a) =>
    'data' in a
      ? d.store.writeArtefact(
          inc.id,
          a.node,
          a.what,
          `${JSON.stringify({ node: a.node, command: a.command, data: a.data }, null, 1)}\n`,
          true,
        )
      : a,
  );
  crashPoint('later-evidence');
  const { file, sha256 } = d.store.writeLaterManifest(inc.id, entries);
  d.journal.append(
    {
      kind: 'incident',
      action: 'incident.evidence',
      ...(d.env.profile ? { profile: d.env.profile } : {}),
      target: inc.target.address,
      nodes: [...new Set(entries.map((e) => e.node))],
      args: { incident: inc.id, what },
      outcome: 'ok',
      detail: {
        manifestSha256: sha256,
        manifest: file,
        artefacts: entries.filter((m) => 'file' in m).length,
      },
    },
    d.env.secrets,
  );
  return record(d, inc, {
    type: 'more-evidence',
    evidence: { at: nowOf(d), what, manifestFile: file, manifestSha256: sha256, entries },
  });
}

export interface MonitorStepOptions {
  seconds: number;
  maxLines: number;
  /** The nodes to sample (default: every node of the incident's target that is connected). */
  nodes?: readonly string[];
}

/**
 * The timed MONITOR sample (off by default: the caller shows MONITOR_WARNING and asks first),
 * from each node in parallel on a link of its own, redacted, kept as evidence `monitor`.
 */
export async function monitorStep(
  d: FlowDeps,
  inc: Incident,
  o: MonitorStepOptions,
): Promise<{ incident: Incident; samples: { node: string; sample: MonitorSample }[] }> {
  const nodes = o.nodes ?? d.target.nodeIds();
  const samples = await Promise.all(
    nodes.map(async (node) => ({
      node,
      sample: await monitorOnNode(d.target, node, {
        seconds: o.seconds,
        maxLines: o.maxLines,
        secrets: d.env.secrets ?? [],
      }),
    })),
  );
  const artefacts = samples.map(({ node, sample }) =>
    sample.endedBy === 'error' && sample.lines.length === 0
      ? {
          node,
          what: 'monitor',
          missing: { reason: sample.error?.message ?? 'MONITOR did not start', grant: '+monitor' },
        }
      : {
          node,
          what: 'monitor',
          command: `MONITOR for ${o.seconds} s, at most ${o.maxLines} lines (passwords redacted)`,
          data: sample,
        },
  );
  const incident = addEvidence(d, inc, 'monitor', artefacts);
  return { incident, samples };
}

export interface KeyspaceRow {
  node: string;
  /** DBSIZE (summed over the databases) when the evidence was taken, and now. */
  before?: number;
  after?: number;
  /** Why `after` is not known (node down, NOPERM). */
  error?: string;
}

/** The key space now beside the evidence's: kept as evidence `keyspace-after`. */
export async function keyspaceStep(
  d: FlowDeps,
  inc: Incident,
  before: Record<string, number>,
): Promise<{ incident: Incident; rows: KeyspaceRow[] }> {
  const now = await keyspaceOf(d.target);
  const rows: KeyspaceRow[] = now.map((n) => ({
    node: n.node,
    ...(before[n.node] === undefined ? {} : { before: before[n.node] }),
    ...('keys' in n ? { after: n.keys } : { error: n.error }),
  }));
  const incident = addEvidence(
    d,
    inc,
    'keyspace-after',
    now.map((n) =>
      'keys' in n
        ? { node: n.node, what: 'keyspace-after', command: 'INFO keyspace', data: n }
        : { node: n.node, what: 'keyspace-after', missing: { reason: n.error } },
    ),
  );
  return { incident, rows };
}
