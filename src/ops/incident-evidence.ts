// The incident's first step, evidence first (issue 16): every node read in parallel and
// bounded (src/redis/evidence-read.ts), each artefact written to the incident's directory with
// its SHA-256, the manifest's hash journaled (kind incident, a record: nothing on the server
// changed), then the findings computed from the artefacts as written. Nothing here writes to a
// server: containment is operations, run later through the one mutation path.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { parseClientInfo } from '../domain/acl-log/client-info.js';
import type { AclLogEntry } from '../domain/acl-log/types.js';
import type { EvidenceKey, FindingContext, NodeEvidence } from '../domain/incident/evidence.js';
import { findingsOf } from '../domain/incident/findings.js';
import { applyEvent } from '../domain/incident/model.js';
import type { Incident, ManifestEntry } from '../domain/incident/types.js';
import type { LoadedModule } from '../domain/audit/types.js';
import { crashPoint } from '../fs/crash-point.js';
import { capturePath, readCaptureTail } from '../journal/capture.js';
import type { Journal } from '../journal/journal.js';
import { readEvidence } from '../redis/evidence-read.js';
import type { EvidenceReadOptions, NodeArtefacts } from '../redis/evidence-read.js';
import { auditUsers } from '../redis/parse/audit.js';
import { parseClientList } from '../redis/parse/client-list.js';
import { parseInfo } from '../redis/parse/info.js';
import type { Target } from '../redis/target.js';
import type { IncidentStore } from './incident-store.js';

export interface EvidenceOptions extends EvidenceReadOptions {
  profile?: string;
  journal: Journal;
  /** Masters outside the target that replicas may follow. */
  expectedMasters?: readonly string[];
  /** Networks the operator marks as known (CIDR); empty: clients are not judged by network. */
  knownNetworks?: readonly string[];
  now?: () => Date;
  /** Tests: called after each artefact is on disk (a kill -9 lands between two). */
  onArtefact?: (entry: ManifestEntry) => void;
}

/** The users a node showed (name -> rules, hashes masked): the next incident's baseline. */
type Users = Record<string, string>;

/** The last evidence the journal holds for this target: its users, and when. */
function baselineOf(
  journal: Journal,
  address: string,
  id: string,
): { users: Users; from: string } | undefined {
  const last = journal
    .read({ kind: 'incident' })
    .filter((e) => e.action === 'incident.evidence' && e.target === address)
    .filter((e) => (e.args as { incident?: string } | undefined)?.incident !== id)
    .at(-1);
  const users = (last?.detail as { users?: Users } | undefined)?.users;
  return last && users ? { users, from: `incident evidence of ${last.ts}` } : undefined;
}

const dataOf = (n: NodeArtefacts, what: string): unknown => n.artefacts.find((a) => a.what === what)?.data;

/** The artefacts as the findings read them (parsed from the same data that was written). */
export function nodeEvidence(n: NodeArtefacts, files: Record<string, string>): NodeEvidence {
  const info = dataOf(n, 'info');
  const config = dataOf(n, 'config') as Record<string, string> | undefined;
  const lines = dataOf(n, 'acl-list') as string[] | undefined;
  const clients = dataOf(n, 'clients');
  const log = dataOf(n, 'acl-log') as AclLogEntry[] | undefined;
  const keys = dataOf(n, 'keys') as { keys: EvidenceKey[] } | undefined;
  return {
    node: n.node,
    ...(n.down !== undefined ? { down: n.down } : {}),
    ...(typeof info === 'string' ? { info: parseInfo(info) } : {}),
    ...(config ? { config } : {}),
    ...(lines ? { users: auditUsers(lines) } : {}),
    ...(typeof clients === 'string'
      ? {
          clients: parseClientList(clients, n.node).map((c) => ({
            id: c.id,
            addr: c.addr,
            user: c.user,
            cmd: c.cmd,
            name: c.name,
          })),
        }
      : {}),
    ...(log
      ? {
          aclLog: log.map((e) => ({
            count: e.count,
            reason: e.reason,
            object: e.object,
            username: e.username,
            ...(parseClientInfo(e.clientInfo).addr ? { addr: parseClientInfo(e.clientInfo).addr } : {}),
          })),
        }
      : {}),
    ...(dataOf(n, 'modules') ? { modules: dataOf(n, 'modules') as LoadedModule[] } : {}),
    ...(keys ? { keys: keys.keys } : {}),
    files,
  };
}

/** Writes one node's artefacts (and the console's ACL LOG capture of it); returns its manifest part. */
function writeNode(store: IncidentStore, inc: Incident, n: NodeArtefacts, opts: EvidenceOptions) {
  const manifest: ManifestEntry[] = [];
  const files: Record<string, string> = {};
  const add = (entry: ManifestEntry) => {
    manifest.push(entry);
    if ('file' in entry) files[entry.what] = entry.file;
    opts.onArtefact?.(entry);
    if ('file' in entry) crashPoint('evidence-artefact');
  };
  if (n.down !== undefined) add({ node: n.node, what: 'node', missing: { reason: `node down: ${n.down}` } });
  for (const a of n.artefacts) {
    if (a.missing) add({ node: n.node, what: a.what, missing: a.missing });
    else
      add(
        store.writeArtefact(
          inc.id,
          n.node,
          a.what,
          `${JSON.stringify({ node: n.node, command: a.command, data: a.data }, null, 1)}\n`,
        ),
      );
  }
  if (opts.profile) {
    const captured = readCaptureTail(capturePath(opts.profile, n.node), 1000);
    if (captured.length > 0)
      add(
        store.writeArtefact(
          inc.id,
          n.node,
          'acl-log-capture',
          `${JSON.stringify({ node: n.node, command: 'the console ACL LOG capture (last 1000)', data: captured }, null, 1)}\n`,
        ),
      );
  }
  return { manifest, files };
}

/**
 * Takes the evidence of `inc` (its first step) and computes the findings; saves the incident
 * after each. An earlier attempt cut short (kill -9) is kept aside, never mixed in.
 */
export async function takeEvidence(
  store: IncidentStore,
  inc: Incident,
  target: Target,
  opts: EvidenceOptions,
): Promise<{ incident: Incident; nodes: NodeEvidence[] }> {
  const now = opts.now ?? (() => new Date());
  try {
    renameSync(
      join(store.dirOf(inc.id), 'evidence'),
      join(store.dirOf(inc.id), `evidence.cut-short-${Date.now()}`),
    );
  } catch {
    // no earlier attempt
  }
  const read = await readEvidence(target, opts);
  const manifest: ManifestEntry[] = [];
  const nodes: NodeEvidence[] = [];
  for (const n of read) {
    const part = writeNode(store, inc, n, opts);
    manifest.push(...part.manifest);
    nodes.push(nodeEvidence(n, part.files));
  }
  const manifestSha256 = store.writeManifest(inc.id, manifest);
  const users: Record<string, Users> = {};
  for (const n of nodes)
    if (n.users) users[n.node] = Object.fromEntries(n.users.map((u) => [u.name, u.rules]));
  // The baseline is per target: the users of its first node that showed them.
  const seen = Object.values(users)[0];
  const baseline = baselineOf(opts.journal, inc.target.address, inc.id);
  opts.journal.append(
    {
      kind: 'incident',
      action: 'incident.evidence',
      ...(opts.profile ? { profile: opts.profile } : {}),
      target: inc.target.address,
      nodes: read.map((n) => n.node),
      args: { incident: inc.id },
      outcome: 'ok',
      detail: {
        manifestSha256,
        artefacts: manifest.filter((m) => 'file' in m).length,
        missing: manifest.filter((m) => 'missing' in m).length,
        ...(seen ? { users: seen } : {}),
      },
    },
    opts.secrets,
  );
  let next = applyEvent(inc, {
    type: 'evidence',
    at: now().toISOString(),
    manifest,
    manifestSha256,
    nodes: read.map((n) => n.node),
  });
  store.save(next);
  const ctx: FindingContext = {
    targetNodes: read.map((n) => n.node),
    expectedMasters: opts.expectedMasters ?? [],
    knownNetworks: opts.knownNetworks ?? [],
    ...(baseline ? { baseline: baseline.users, baselineFrom: baseline.from } : {}),
    ownClients: read.flatMap((n) => (n.ownClientId ? [`${n.node} ${n.ownClientId}`] : [])),
  };
  next = applyEvent(next, { type: 'findings', at: now().toISOString(), findings: findingsOf(nodes, ctx) });
  store.save(next);
  return { incident: next, nodes };
}
