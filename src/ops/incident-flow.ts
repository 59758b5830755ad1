// The incident flow's steps after the evidence (issue 16), one function each, used alike by the
// Incident pane (src/state/actions/incident.ts) and the headless commands (src/commands/
// incident*.ts). Each takes the incident as loaded, changes it only through applyEvent and
// saves it before returning, so what a killed console left is what the next start resumes.
// A server write is an operation (src/ops/operations) run through the one mutation path; it is
// recorded `pending` before it is sent and settled after, so a kill -9 mid-write leaves an
// action said as unknown (re-read the server), never one done twice.
import { toDisplay } from '../domain/display.js';
import { applyEvent, newIncident, nextActionSeq, pendingActions } from '../domain/incident/model.js';
import type { ConnectionSpec } from '../profiles/schema.js';
import { takeEvidence } from './incident-evidence.js';
import type {
  ActionResult,
  Incident,
  IncidentEvent,
  Phase,
  SuggestedOperation,
  Suspects,
} from '../domain/incident/types.js';
import { redact } from '../domain/redact.js';
import { crashPoint } from '../fs/crash-point.js';
import type { Journal } from '../journal/journal.js';
import { getUser } from '../redis/acl.js';
import { Deadline } from '../redis/deadline.js';
import type { Target } from '../redis/target.js';
import { InputError } from './input-error.js';
import { persistenceByNode } from './acl-nodes.js';
import type { IncidentStore } from './incident-store.js';
import { describeResult } from './mutation.js';
import type { MutationEnv } from './mutation.js';
import { OperationError } from './operations/check.js';
import { describeOperation, parseOperation, runOperation } from './operations/run.js';
import type { OperationResult } from './operations/run.js';
import type { Operation } from './operations/table.js';
import type { Beside } from './operations/types.js';

export interface FlowDeps {
  store: IncidentStore;
  target: Target;
  /** How writes run (read-only, secrets, profile); its journal is `journal`. */
  env: MutationEnv;
  /** The journal itself: incident entries, and the ts of each action's mutation entry. */
  journal: Journal;
  now?: () => Date;
}

export const nowOf = (d: Pick<FlowDeps, 'now'>) => (d.now ?? (() => new Date()))().toISOString();

export interface OpenOptions {
  title?: string;
  suspects?: Suspects;
  expectedMasters?: readonly string[];
  knownNetworks?: readonly string[];
  /** The target's spec (TLS files for the handshake) and the evidence's time bound. */
  spec: ConnectionSpec;
  timeoutMs: number;
}

/**
 * Opens an incident on the target and takes its evidence (step 1), then the findings: the one
 * start of the pane (`n`, an ACL Log event's `I`) and of `incident start`.
 */
export async function openIncident(d: FlowDeps, o: OpenOptions): Promise<Incident> {
  // No node to read: no incident, as `incident start` exits 2 (an incident whose evidence is
  // only "node down" would read as taken). A console just started waits for its connection.
  const ready = () => d.target.status().nodes.some((n) => n.state === 'ready');
  if (!ready()) await d.target.settled({ deadline: new Deadline(o.timeoutMs) });
  if (!ready()) {
    const why = d.target.status().nodes.find((n) => n.error)?.error?.message;
    throw new InputError(
      toDisplay(
        `no node of ${d.target.address} answers${why ? ` (${why})` : ''}: nothing to take evidence from`,
      ),
    );
  }
  const now = (d.now ?? (() => new Date()))();
  const title = o.title?.trim() || `incident on ${d.target.address}`;
  const target = {
    ...(d.env.profile ? { profile: d.env.profile } : {}),
    address: d.target.address,
    nodes: d.target.nodeIds(),
  };
  const known = { masters: [...(o.expectedMasters ?? [])], networks: [...(o.knownNetworks ?? [])] };
  let inc = d.store.create(title, target, now, (id) => ({
    ...newIncident(id, title, target, now.toISOString()),
    known,
  }));
  if (o.suspects) inc = setSuspects(d, inc, o.suspects);
  const { incident } = await takeEvidence(d.store, inc, d.target, {
    spec: o.spec,
    timeoutMs: o.timeoutMs,
    secrets: [...d.target.secrets, ...(d.env.secrets ?? [])],
    ...(d.env.profile ? { profile: d.env.profile } : {}),
    journal: d.journal,
    expectedMasters: known.masters,
    knownNetworks: known.networks,
    ...(d.now ? { now: d.now } : {}),
  });
  return incident;
}

/** Applies `ev` and saves: the one way the flow changes an incident. */
export function record(d: Pick<FlowDeps, 'store'>, inc: Incident, ev: IncidentEvent): Incident {
  // Applied to the incident as saved, not as this caller last saw it: a console left running
  // after a dropped SSH link, or a headless step in another terminal, may have added to it since,
  // and writing the stale copy back would lose what they added.
  const next = applyEvent(d.store.load(inc.id), ev);
  d.store.save(next);
  return next;
}

/** What a contained operation's result is, in the incident's words. */
export function actionResultOf(r: OperationResult): ActionResult {
  if (r.status === 'done') return 'ok';
  if (r.status === 'refused' || r.status === 'needs-confirmation') return 'refused';
  return r.results.some((x) => x.outcome === 'unknown') ? 'unknown' : 'error';
}

/**
 * One containment whatever values the operator gave it: restore-persistence is saved with
 * placeholders (/var/lib/redis, dump.rdb) and run with the real dir and file, still the same step.
 */
export const sameOp = (a: SuggestedOperation, b: SuggestedOperation): boolean =>
  a.id === b.id &&
  (a.id === 'config.restore-persistence'
    ? a.params.node === b.params.node
    : JSON.stringify(a.params) === JSON.stringify(b.params));

export type SuggestionStatus = ActionResult | 'todo';

export interface Suggestion {
  /** Stable within the incident: `F<finding>.<n>` for a finding's, `S.<user>.<n>` for a suspect's. */
  key: string;
  /** The finding it comes from (index in inc.findings), none for a suspect's. */
  finding?: number;
  operation: SuggestedOperation;
  /** The confirmation's line (describeOperation), or why the operation cannot run as saved. */
  describe: string;
  /** The last time it was run in this incident, or todo. */
  status: SuggestionStatus;
  detail?: string;
  /** Values the operator must give before it runs (restore-persistence: the real dir and file). */
  asks?: readonly ('dir' | 'dbfilename')[];
  /** Said in its confirmation: it would cut off the console's own user. */
  warning?: string;
}

function describeSaved(op: SuggestedOperation): string {
  try {
    return describeOperation(parseOperation(op));
  } catch (err) {
    return `cannot run: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * What a suggestion's row says: what it will do, or, once run, what it did. A restore of
 * dir/dbfilename is saved with placeholders and run with the values the operator types: its
 * row never shows the placeholders as if they were what is (or was) set.
 */
function describeSuggestion(op: SuggestedOperation, ran: SuggestedOperation | undefined): string {
  if (ran) return describeSaved(ran);
  if (op.id === 'config.restore-persistence')
    return (
      `Put dir and dbfilename back on ${toDisplay(String(op.params.node))}: ` +
      'the real values are asked first (CONFIG SET; persist with CONFIG REWRITE in Remediate)'
    );
  return describeSaved(op);
}

/** Whether `op` blocks, disables or disconnects `user` (the console's own user: a lockout). */
function cutsOff(op: SuggestedOperation, user: string): boolean {
  const p = op.params as { user?: unknown; change?: unknown };
  if (p.user !== user) return false;
  return (
    op.id === 'client.kill-user' ||
    (op.id === 'acl.setuser' && (p.change === 'block' || p.change === 'disable'))
  );
}

/** A suspect user's containment: block it (ACL SETUSER off) and kill its connections. */
const suspectOps = (user: string): SuggestedOperation[] => [
  { id: 'acl.setuser', params: { change: 'block', user } },
  { id: 'client.kill-user', params: { user } },
];

/**
 * Every containment the findings and suspects suggest, once each (two findings may suggest the
 * same), with what became of it in this incident: an operator sees what is still to do.
 */
export function suggestions(inc: Incident, consoleUser = 'default'): Suggestion[] {
  const out: Suggestion[] = [];
  const push = (key: string, operation: SuggestedOperation, finding?: number) => {
    if (out.some((s) => sameOp(s.operation, operation))) return;
    const last = inc.timeline.filter((t) => t.kind === 'action' && sameOp(t.operation, operation)).at(-1);
    out.push({
      key,
      ...(finding === undefined ? {} : { finding }),
      operation,
      describe: describeSuggestion(operation, last?.kind === 'action' ? last.operation : undefined),
      status: last?.kind === 'action' ? last.result : 'todo',
      ...(last?.kind === 'action' && last.detail ? { detail: last.detail } : {}),
      ...(operation.id === 'config.restore-persistence' ? { asks: ['dir', 'dbfilename'] as const } : {}),
      ...(cutsOff(operation, consoleUser)
        ? {
            warning:
              `${toDisplay(consoleUser)} is the user this console is connected as: this ends its own ` +
              'session (and any other admin using it). Connect as another admin first',
          }
        : {}),
    });
  };
  inc.findings.forEach((f, i) => f.suggests.forEach((op, n) => push(`F${i + 1}.${n + 1}`, op, i)));
  for (const user of inc.suspects?.users ?? [])
    suspectOps(user).forEach((op, n) => push(`S.${user}.${n + 1}`, op));
  return out;
}

/**
 * ACL SETUSER of a name no node has creates that user. An incident's suspects come from ACL Log
 * events, where a failed AUTH names whatever the client sent: a block of such a name must not
 * add a user. Refused when every node read says there is no such user (a node that could not
 * be read leaves it to the write). The panes act on users listed from the server: no check there.
 */
async function refuseUnknownUser(target: Target, op: Operation): Promise<string | undefined> {
  if (op.id !== 'acl.setuser' || op.params.change === 'rules') return undefined;
  const { user, node } = op.params;
  const results = await target.onEach((n) => getUser(n, user), node === undefined ? undefined : [node]);
  if (results.length === 0 || results.some((r) => !r.ok || r.value)) return undefined;
  return `no user ${toDisplay(user)} on ${node === undefined ? 'any node' : toDisplay(node)}: ACL SETUSER would create it`;
}

/**
 * Runs one containment or remediation operation and records it: `pending` saved first, then
 * the result (with the journal entry and the mutation path's re-read). Refused before anything
 * is sent: a closed incident, an operation that does not load, read-only mode (the mutation path).
 */
export async function runIncidentOperation(
  d: FlowDeps,
  inc: Incident,
  op: SuggestedOperation,
  confirmed: boolean,
  beside: Beside = {},
): Promise<{ incident: Incident; result: OperationResult }> {
  let checked: Operation;
  try {
    checked = parseOperation(op);
  } catch (err) {
    if (!(err instanceof OperationError)) throw err;
    const result: OperationResult = { status: 'refused', summary: op.id, results: [], reason: err.message };
    return { incident: inc, result };
  }
  if (!confirmed || d.env.readOnly) {
    // Nothing is recorded for a write that was never attempted: the mutation path says why.
    const result = await runOperation(checked, { target: d.target, env: d.env, confirmed });
    return { incident: inc, result };
  }
  const unknownUser = await refuseUnknownUser(d.target, checked);
  if (unknownUser)
    return {
      incident: inc,
      result: { status: 'refused', summary: checked.id, results: [], reason: unknownUser },
    };
  // Numbered and checked against the incident as saved (another console may have acted since).
  let current = d.store.load(inc.id);
  const seq = nextActionSeq(current);
  // An earlier attempt whose result was never seen (a kill -9 mid-write) is settled as unknown
  // first: it stays in the timeline as such, and this run is the one whose result counts.
  for (const p of pendingActions(current).filter((a) => sameOp(a.operation, checked)))
    current = record(d, current, {
      type: 'action',
      at: nowOf(d),
      ...(p.seq === undefined ? {} : { seq: p.seq }),
      operation: p.operation,
      result: 'unknown',
      detail: `the console stopped before it saw the result; sent again as action ${seq}`,
    });
  current = record(d, current, { type: 'action', at: nowOf(d), seq, operation: checked, result: 'pending' });
  crashPoint('action-pending');
  // The mutation entry this action writes: its ts links the incident's timeline to the journal.
  let journalTs: string | undefined;
  const env: MutationEnv = {
    ...d.env,
    journal: {
      append: (entry, secrets?: readonly string[]) => {
        const written = d.journal.append(entry, secrets);
        if (entry.action === checked.id) journalTs = written.ts;
      },
    },
  };
  let result: OperationResult;
  try {
    result = await runOperation(checked, { target: d.target, env, confirmed }, beside);
  } catch (err) {
    const detail = redact(
      `the console failed while it ran: ${err instanceof Error ? err.message : String(err)}`,
    );
    record(d, current, { type: 'action', at: nowOf(d), seq, operation: checked, result: 'unknown', detail });
    throw err;
  }
  crashPoint('action-sent');
  current = record(d, current, {
    type: 'action',
    at: nowOf(d),
    seq,
    operation: checked,
    result: actionResultOf(result),
    detail: redact(describeResult(result), d.env.secrets ?? []),
    ...(journalTs ? { journal: journalTs } : {}),
  });
  return { incident: current, result };
}

/** The suspects of an incident (an ACL Log event's user and address, or the operator's). */
export const setSuspects = (d: FlowDeps, inc: Incident, suspects: Suspects): Incident =>
  record(d, inc, { type: 'suspects', at: nowOf(d), suspects });

/** ACL SAVE where a node has an aclfile, CONFIG REWRITE where it has only a config file: one operation a node. */
export async function persistOperations(
  target: Target,
): Promise<{ ops: SuggestedOperation[]; notes: string[] }> {
  const modes = await persistenceByNode(target);
  const ops: SuggestedOperation[] = [];
  const notes: string[] = [];
  for (const m of modes) {
    if (m.persistence.mode === 'aclfile') ops.push({ id: 'acl.save', params: { node: m.node } });
    else if (m.persistence.mode === 'config') ops.push({ id: 'config.rewrite', params: { node: m.node } });
    else if (m.persistence.mode === 'none')
      notes.push(toDisplay(`${m.node} has no aclfile and no config file: its changes are lost on restart`));
    else notes.push(toDisplay(`${m.node}: how it persists is not known (${m.persistence.reason})`));
  }
  return { ops, notes };
}

/** What marking a step needs: no server (an operator may mark one while the target is down). */
type StepDeps = Pick<FlowDeps, 'store' | 'now'> & { env: Pick<MutationEnv, 'secrets'> };

/** Marks a step done or skipped (with the operator's reason). */
export const finishStep = (d: StepDeps, inc: Incident, phase: Phase): Incident =>
  record(d, inc, { type: 'done', at: nowOf(d), phase });

export const skipStep = (d: StepDeps, inc: Incident, phase: Phase, reason: string): Incident =>
  record(d, inc, { type: 'skip', at: nowOf(d), phase, reason: redact(reason, d.env.secrets ?? []) });

/** The operator's note, kept as written but for what looks like a password. */
export const addNote = (
  d: Pick<FlowDeps, 'store'> & { env?: MutationEnv },
  inc: Incident,
  text: string,
): Incident =>
  record(d, inc, { type: 'note', at: new Date().toISOString(), text: redact(text, d.env?.secrets ?? []) });

export const closeIncident = (
  d: StepDeps,
  inc: Incident,
  outcome: string,
  followUps: readonly string[] = [],
): Incident =>
  record(d, inc, {
    type: 'close',
    at: nowOf(d),
    outcome: redact(outcome, d.env.secrets ?? []),
    followUps: followUps.map((f) => redact(f, d.env.secrets ?? [])),
  });

/** What a resumed incident must say first: actions whose result the console never saw. */
export function resumeNotes(inc: Incident): string[] {
  return pendingActions(inc).map(
    (a) =>
      `action ${a.seq ?? '?'} (${a.operation.id}) was sent at ${a.at} and its result was never seen: ` +
      'it is unknown; re-read the server before doing it again',
  );
}
