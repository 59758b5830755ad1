// The Incident pane (issue 16): the list of incidents, one open in the incident view, and each
// step's verbs, all through src/ops/incident-flow.ts (the same functions as the headless
// `incident` commands): every change is saved by the flow before it returns, so what the pane
// shows is what a resumed console or `incident show` reads. A server write is an operation run
// through the mutation path (read-only refuses it there, and says so).
import { affectedUsers, firewallLines, rotationOps, tlsLines } from '../../domain/incident/remediation.js';
import { nextStep } from '../../domain/incident/model.js';
import type { Incident, Phase, SuggestedOperation, Suspects } from '../../domain/incident/types.js';
import { toDisplay } from '../../domain/display.js';
import type { Journal } from '../../journal/journal.js';
import * as flow from '../../ops/incident-flow.js';
import * as later from '../../ops/incident-later.js';
import type { FlowDeps } from '../../ops/incident-flow.js';
import { reportText } from '../../ops/incident-report-text.js';
import { IncidentStore } from '../../ops/incident-store.js';
import { describeResult } from '../../ops/mutation.js';
import type { MutationEnv } from '../../ops/mutation.js';
import type { OperationResult } from '../../ops/operations/run.js';
import type { Target } from '../../redis/target.js';
import type { AppState } from '../app-state.js';
import { initialIncident } from '../incident-slice.js';
import type { IncidentListRow, IncidentSlice, KeyspaceLine } from '../incident-slice.js';
import type { ResolvedConnection, Session } from '../session.js';
import type { Store } from '../store.js';
import type { UiActions } from './ui.js';

export interface IncidentDeps {
  store: Store<AppState>;
  session: Session;
  ui: UiActions;
  env: () => MutationEnv;
  journal: Journal;
}

/** The evidence's one time bound (connecting is done: the console is connected). */
const EVIDENCE_TIMEOUT_MS = 10_000;
const MONITOR_MAX_LINES = 10_000;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function incidentActions({ store, session, ui, env, journal }: IncidentDeps) {
  const patch = (p: Partial<IncidentSlice>) =>
    store.set((s) => ({ ...s, incident: { ...s.incident, ...p } }));
  let conn: ResolvedConnection | undefined;
  // Made on first use: the state directory is read when the pane is, not at start.
  let incidents: IncidentStore | undefined;
  const disk = () => (incidents ??= new IncidentStore());

  const deps = (t: Target): FlowDeps => ({ store: disk(), target: t, env: env(), journal });
  // Marking a step, a note, closing: no server is asked, so no connection is needed.
  const local = () => ({ store: disk(), env: env(), journal });
  const shown = () => store.get().incident.open;
  const say = (step: Phase, lines: string[]) =>
    patch({ said: [...store.get().incident.said.filter((x) => x.step !== step), { step, lines }] });
  const consoleUser = (): string => store.get().connection?.nodes[0]?.whoami ?? conn?.spec.user ?? 'default';
  const connected = (): Target | undefined => {
    const t = session.current;
    if (!t) ui.say('Not connected: pick a profile (7) or start with -h/-p.', 'warning');
    return t;
  };

  /** One step of the flow, with its progress line; a failure is said, never thrown at a key. */
  async function busy<T>(progress: string, run: () => Promise<T>): Promise<T | undefined> {
    if (store.get().incident.status === 'busy') {
      ui.say('Wait: the incident is busy with the last step.', 'warning');
      return undefined;
    }
    patch({ status: 'busy', progress });
    try {
      return await run();
    } catch (err) {
      ui.say(`${progress.replace(/\u2026$/, '')} failed: ${errText(err)}`, 'danger');
      return undefined;
    } finally {
      patch({ status: 'idle', progress: undefined });
    }
  }

  function show(inc: Incident): void {
    const same = shown()?.id === inc.id;
    patch({
      open: inc,
      suggestions: flow.suggestions(inc, consoleUser()),
      resume: flow.resumeNotes(inc),
      ...(same ? {} : { step: undefined, said: [], keyspace: undefined, persistNotes: undefined }),
    });
  }

  function reload(): void {
    const list: IncidentListRow[] = disk()
      .list()
      .map((e) =>
        'incident' in e
          ? {
              id: e.id,
              incident: e.incident,
              ...(e.incident.closedAt ? {} : { at: nextStep(e.incident)?.phase ?? 'close' }),
            }
          : { id: e.id, error: e.error },
      );
    // Open ones first (newest first within each group, as the store lists them).
    patch({ list: [...list.filter((r) => r.at), ...list.filter((r) => !r.at)] });
  }

  /** Marks the step shown (done or skipped): no server is asked; a closed incident says why not. */
  function mark(change: (inc: Incident, step: Phase) => Incident, said: (step: Phase) => string): void {
    const inc = shown();
    if (!inc) return;
    const step = store.get().incident.step ?? inc.phase;
    try {
      show(change(inc, step));
      patch({ step: undefined });
      ui.say(said(step), 'ok');
    } catch (err) {
      ui.say(errText(err), 'danger');
    }
  }

  /** An operation of the open incident, confirmed: its result said, a generated password shown once. */
  async function run(op: SuggestedOperation, what = 'running'): Promise<OperationResult | undefined> {
    const inc = shown();
    const t = connected();
    if (!inc || !t) return undefined;
    const out = await busy(`${what}…`, () => flow.runIncidentOperation(deps(t), inc, op, true));
    if (!out) return undefined;
    show(out.incident);
    const r = out.result;
    const text = describeResult(r);
    ui.say(text, r.status === 'done' ? 'ok' : r.status === 'partial' ? 'warning' : 'danger');
    // Kept under the step's view too (the status line is the next message's).
    const step = store.get().incident.step ?? out.incident.phase;
    say(
      step,
      [...(store.get().incident.said.find((x) => x.step === step)?.lines ?? []), `${op.id}: ${text}`].slice(
        -4,
      ),
    );
    if (r.generated)
      ui.open({
        kind: 'secret',
        title: `The new password of ${toDisplay(typeof op.params.user === 'string' ? op.params.user : '?')} (shown once):`,
        secret: r.generated,
        note:
          'Move the applications to it now, then drop the old passwords (O). It is not stored anywhere: ' +
          'not in the incident, the journal or the report. Enter or Esc closes it.',
      });
    return r;
  }

  return {
    reload,
    /** A connection opened or closed: the evidence and the operations are about it. */
    onTarget(target: Target | undefined, c?: ResolvedConnection): void {
      conn = target ? c : undefined;
    },
    enter(): void {
      reload();
    },
    /** Shows incident `id` in the pane (Enter on the list, a resume, `incident resume ID`). */
    open(id: string): boolean {
      try {
        show(disk().load(id));
        ui.goPane('incident');
        return true;
      } catch (err) {
        ui.say(errText(err), 'danger');
        return false;
      }
    },
    back(): void {
      const id = shown()?.id;
      patch({ open: undefined, step: undefined, said: [], resume: [] });
      reload();
      // Back on the list at the incident just left.
      ui.select(
        'incident',
        Math.max(
          0,
          store.get().incident.list.findIndex((r) => r.id === id),
        ),
      );
    },
    viewStep(step: Phase | undefined): void {
      patch({ step });
    },
    /** `n`, or an ACL Log event's `I`: a new incident on the connected target, evidence first. */
    async start(title?: string, suspects?: Suspects): Promise<Incident | undefined> {
      const t = connected();
      if (!t) return undefined;
      ui.goPane('incident');
      const nodes = Math.max(1, t.nodeIds().length);
      const s = store.get();
      const profile = s.profiles.list.find((p) => p.name === s.session.profile);
      const inc = await busy(`taking evidence from ${plural(nodes, 'node')}…`, () =>
        flow.openIncident(deps(t), {
          ...(title ? { title } : {}),
          ...(suspects ? { suspects } : {}),
          spec: conn?.spec ?? { host: t.address },
          timeoutMs: EVIDENCE_TIMEOUT_MS,
          knownNetworks: profile?.expectedNetworks ?? [],
        }),
      );
      reload();
      if (!inc) return undefined;
      show(inc);
      ui.say(
        `Incident ${inc.id} opened: evidence taken, ${plural(inc.findings.length, 'finding')}.`,
        inc.findings.some((f) => f.severity === 'critical' || f.severity === 'high') ? 'danger' : 'ok',
      );
      return inc;
    },
    run,
    /** `w`: ACL SAVE / CONFIG REWRITE on every node, so a restart keeps what was changed. */
    async persist(): Promise<void> {
      const t = connected();
      if (!t || !shown()) return;
      const planned = await busy('reading how each node persists…', () => flow.persistOperations(t));
      if (!planned) return;
      patch({ persistNotes: planned.notes });
      const said: string[] = [...planned.notes];
      for (const op of planned.ops) {
        const r = await run(op, `${op.id} on ${toDisplay(String(op.params.node))}`);
        if (r) said.push(describeResult(r));
      }
      say('remediate', said.length ? said : ['nothing to persist']);
    },
    async monitor(seconds: number): Promise<void> {
      const inc = shown();
      const t = connected();
      if (!inc || !t) return;
      const out = await busy(`MONITOR for ${seconds} s on ${plural(t.nodeIds().length, 'node')}…`, () =>
        later.monitorStep(deps(t), inc, { seconds, maxLines: MONITOR_MAX_LINES }),
      );
      if (!out) return;
      show(out.incident);
      // Raw: the step's view and the status line escape what they show.
      const lines = out.samples.map(
        ({ node, sample }) =>
          `${node}: ${plural(sample.lines.length, 'line')} taken` +
          (sample.endedBy === 'error' ? ` (${sample.error?.message ?? 'it broke off'})` : ''),
      );
      say('contain', ['MONITOR sample kept as evidence:', ...lines]);
      ui.say(`MONITOR sample kept: ${lines.join('; ')}`, 'ok');
    },
    async keyspace(): Promise<void> {
      const inc = shown();
      const t = connected();
      if (!inc || !t) return;
      const before = disk().keyspaceBefore(inc);
      const out = await busy('reading the key space…', () => later.keyspaceStep(deps(t), inc, before));
      if (!out) return;
      show(out.incident);
      patch({ keyspace: out.rows satisfies KeyspaceLine[] });
    },
    done(): void {
      mark(
        (inc, step) => flow.finishStep(local(), inc, step),
        (step) => `Step ${step} done.`,
      );
    },
    skip(reason: string): void {
      mark(
        (inc, step) => flow.skipStep(local(), inc, step, reason),
        (step) => `Step ${step} skipped.`,
      );
    },
    note(text: string): void {
      const inc = shown();
      if (!inc || !text.trim()) return;
      show(flow.addNote({ store: disk(), env: env() }, inc, text));
      ui.say('Note added to the timeline.', 'ok');
    },
    close(outcome: string, followUps: string[]): void {
      const inc = shown();
      if (!inc) return;
      try {
        show(flow.closeIncident(local(), inc, outcome, followUps));
        reload();
        ui.say(`Incident ${inc.id} closed.`, 'ok');
      } catch (err) {
        ui.say(errText(err), 'danger');
      }
    },
    /** The report as `incident report` prints it, with the evidence's hashes checked now. */
    report(): string[] {
      const inc = shown();
      if (!inc) return [];
      return reportText(inc, disk().verify(inc), false).split('\n');
    },
    /** Remediation's lines that need no server: firewall and TLS, for the incident's nodes. */
    /** The two phases of a user's rotation (add a generated password, drop the old ones). */
    rotation: rotationOps,
    remediation(inc: Incident): { users: string[]; firewall: string[]; tls: string[] } {
      const s = store.get();
      const profile = s.profiles.list.find((p) => p.name === s.session.profile);
      const networks = inc.known?.networks.length ? inc.known.networks : (profile?.expectedNetworks ?? []);
      return {
        users: affectedUsers(inc),
        firewall: firewallLines(inc.target.nodes, networks),
        tls: tlsLines(inc.target.nodes, Boolean(conn?.spec.tls)),
      };
    },
    monitorWarning: later.MONITOR_WARNING,
    monitorMaxSeconds: later.MONITOR_LIMITS.seconds,
    /** At start: each open incident asked about, newest first (y opens it, n goes on). */
    openOnes: (): { id: string; at: string }[] =>
      disk()
        .open()
        .map((o) => ({ id: o.incident.id, at: o.at })),
    reset(): void {
      patch(initialIncident());
    },
  };
}

export type IncidentActions = ReturnType<typeof incidentActions>;
