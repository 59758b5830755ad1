// What the findings judge: each node's evidence, parsed (by src/ops/incident-evidence.ts) from
// the artefacts as written, with the artefact file each part came from. Pure data.
import type { EvidenceRef, SuggestedOperation } from './types.js';

export type InfoSections = Record<string, Record<string, string>>;

export interface EvidenceUser {
  name: string;
  enabled: boolean;
  nopass: boolean;
  /** The ACL LIST rules after `user <name>`, password hashes masked. */
  rules: string;
}

export interface EvidenceClient {
  id: string;
  addr: string;
  user: string;
  cmd: string;
  name: string;
}

export interface EvidenceLogEntry {
  count: number;
  reason: string;
  object: string;
  username: string;
  /** The client's `ip:port` from its client-info, when the entry says. */
  addr?: string;
}

export interface EvidenceKey {
  name: string;
  type: string;
  ttl: number;
  /** The first bytes of a short string value kept because it matches the cron/ssh payload pattern. */
  value?: string;
  /** Why the value (or the name) was kept. */
  reason?: string;
}

/** The artefacts the findings cite, by what they hold (`config`, `info`, `clients`, ...). */
export type ArtefactFiles = Partial<Record<string, string>>;

export interface NodeEvidence {
  node: string;
  /** Why the node could not be read, when it could not. */
  down?: string;
  info?: InfoSections;
  config?: Record<string, string>;
  users?: EvidenceUser[];
  clients?: EvidenceClient[];
  aclLog?: EvidenceLogEntry[];
  modules?: { name: string; path?: string }[];
  keys?: EvidenceKey[];
  files: ArtefactFiles;
}

export interface FindingContext {
  /** Every node of the target (`host:port`): a master among them is no rogue. */
  targetNodes: readonly string[];
  /** Masters outside the target that replicas may follow (the profile's list). */
  expectedMasters: readonly string[];
  /** Networks the operator marked as known (CIDR `10.0.0.0/8`, or an address); empty: not judged. */
  knownNetworks: readonly string[];
  /** The users (name -> rules) of the last baseline the journal knows; undefined: no baseline. */
  baseline?: Readonly<Record<string, string>>;
  /** Where the baseline came from (for the finding's words). */
  baselineFrom?: string;
  /** The console's own connections (`node id`): never a suspect. */
  ownClients: readonly string[];
}

export type { SuggestedOperation };

/** The artefact of `what` on that node and the excerpt that shows a finding (raw: escaped when shown). */
export const cite = (ev: NodeEvidence, what: string, excerpt: string): EvidenceRef => ({
  artefact: ev.files[what] ?? `${what} (missing)`,
  excerpt: excerpt,
});
