// An incident as data (issue 16): everything the flow knows is in this one JSON document, saved
// after every step, so a console killed or an SSH link dropped mid-flow loses nothing and the
// pane and the headless commands share one state. No closure, no class: plain JSON.

export const PHASES = ['evidence', 'findings', 'contain', 'investigate', 'remediate', 'close'] as const;
export type Phase = (typeof PHASES)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type StepState = 'todo' | 'done' | 'skipped';

export interface Step {
  /** The phase it belongs to, also its id: one step per phase for now. */
  phase: Phase;
  title: string;
  state: StepState;
  /** Why it was skipped (state skipped only). */
  reason?: string;
  /** When it was done or skipped (ISO 8601, UTC). */
  at?: string;
}

/**
 * An operation as data (src/ops/operations): its id in the table of actions and its params.
 * The params are validated by that table when the operation is run, not here (domain/ is pure).
 */
export interface SuggestedOperation {
  id: string;
  params: Record<string, unknown>;
}

/** One artefact of the evidence: a file with its hash, or why it is missing. */
export type ManifestEntry =
  | { node: string; what: string; file: string; sha256: string; bytes: number }
  | { node: string; what: string; missing: { reason: string; grant?: string } };

export interface EvidenceRef {
  /** The artefact's file (relative to the incident's directory) or, when missing, its `what`. */
  artefact: string;
  /** The line(s) of it that show the finding, nothing secret; server bytes raw (toDisplay when shown). */
  excerpt: string;
}

export interface Finding {
  /** Stable kind of finding (`persistence.path`, `keys.payload`, ...). */
  kind: string;
  severity: Severity;
  node?: string;
  title: string;
  evidence: EvidenceRef[];
  /** The containment it suggests, as operations; empty when a person must look first. */
  suggests: SuggestedOperation[];
}

/** An action's result; `pending` is written before it is sent, so a kill -9 mid-write shows. */
export const ACTION_RESULTS = ['pending', 'ok', 'error', 'refused', 'unknown'] as const;
export type ActionResult = (typeof ACTION_RESULTS)[number];

/** Who and where to look at first: an ACL Log event's user and address, or the operator's. */
export interface Suspects {
  users: string[];
  addresses: string[];
  /** Where they came from (`ACL Log event 12 on 127.0.0.1:6379`). */
  from?: string;
}

/** Evidence taken after the first step (a MONITOR sample, the key space after): its own manifest. */
export interface LaterEvidence {
  at: string;
  what: string;
  /** manifest-N.json, relative to the incident's directory, and its SHA-256 (also journaled). */
  manifestFile: string;
  manifestSha256: string;
  entries: ManifestEntry[];
}

export type TimelineEntry =
  | { at: string; kind: 'opened'; title: string }
  | { at: string; kind: 'evidence'; artefacts: number; missing: number; manifestSha256: string }
  | { at: string; kind: 'finding'; severity: Severity; title: string }
  | {
      at: string;
      kind: 'action';
      /** Numbers the actions of one incident: the pending entry and its result share it. */
      seq?: number;
      operation: SuggestedOperation;
      /** The journal entry's timestamp (ts) that records it. */
      journal?: string;
      result: ActionResult;
      detail?: string;
    }
  | { at: string; kind: 'note'; text: string }
  | { at: string; kind: 'more-evidence'; what: string; artefacts: number; manifestSha256: string }
  | { at: string; kind: 'skipped'; phase: Phase; reason: string }
  | { at: string; kind: 'closed'; outcome: string };

export interface IncidentTarget {
  profile?: string;
  address: string;
  nodes: string[];
}

export interface Incident {
  version: 1;
  /** `2026-12-06-1`: the UTC day it was opened and its number that day. */
  id: string;
  title: string;
  openedAt: string;
  closedAt?: string;
  target: IncidentTarget;
  phase: Phase;
  steps: Step[];
  timeline: TimelineEntry[];
  manifest: ManifestEntry[];
  /** SHA-256 of manifest.json as written: also in the journal, so tampering shows. */
  manifestSha256?: string;
  findings: Finding[];
  /** Evidence taken after the first step, each with its own manifest. */
  later?: LaterEvidence[];
  suspects?: Suspects;
  /** What the operator said is normal, kept so a resumed flow judges the same way. */
  known?: { masters: string[]; networks: string[] };
  outcome?: string;
  followUps: string[];
}

/** What happens to an incident: each is one timeline entry and, maybe, a step's new state. */
export type IncidentEvent =
  | {
      type: 'evidence';
      at: string;
      manifest: ManifestEntry[];
      manifestSha256: string;
      nodes?: string[];
    }
  | { type: 'findings'; at: string; findings: Finding[] }
  | {
      type: 'action';
      at: string;
      /** Settles the pending entry with this seq (a new seq, or none, appends). */
      seq?: number;
      operation: SuggestedOperation;
      journal?: string;
      result: ActionResult;
      detail?: string;
    }
  | { type: 'more-evidence'; evidence: LaterEvidence }
  | { type: 'suspects'; at: string; suspects: Suspects }
  | { type: 'note'; at: string; text: string }
  | { type: 'done'; at: string; phase: Phase }
  | { type: 'skip'; at: string; phase: Phase; reason: string }
  | { type: 'close'; at: string; outcome: string; followUps?: string[] };
