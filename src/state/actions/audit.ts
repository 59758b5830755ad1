// The Audit pane: runAudit (src/ops/audit.ts, the one audit) over every node when the pane is
// first entered for a connection and on `r`, never on its own in a loop (it reads CONFIG GET *,
// ACL LIST and ACL DRYRUN of 12 commands per user on every node); the view settings; and `f`,
// an online fix through the mutation path (ops/audit.ts applyFix), followed by a re-run.
import type { CheckResult } from '../../domain/audit/types.js';
import type { AuditOptions } from '../../ops/audit.js';
import { describeResult } from '../../ops/mutation.js';
import type { MutationEnv } from '../../ops/mutation.js';
import type { Target } from '../../redis/target.js';
import type { AppState } from '../app-state.js';
import { allResults, initialAudit, resultKey } from '../audit-slice.js';
import type { AuditSlice, AuditView } from '../audit-slice.js';
import type { ResolvedConnection, Session } from '../session.js';
import type { Store } from '../store.js';
import { applyFix } from '../../ops/audit.js';
import type { UiActions } from './ui.js';

export interface AuditDeps {
  store: Store<AppState>;
  session: Session;
  ui: UiActions;
  env: () => MutationEnv;
  /** The journal's mutations, oldest first: when the console last gave each user a password (AUTH-009). */
  journal: () => AuditOptions['journal'];
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function auditActions({ store, session, ui, env, journal }: AuditDeps) {
  const patch = (p: Partial<AuditSlice>) => store.set((s) => ({ ...s, audit: { ...s.audit, ...p } }));
  let conn: ResolvedConnection | undefined;
  // The connection the last run was for: entering the pane runs the audit once per connection.
  let ranFor: Target | undefined;
  let running: { target: Target; done: Promise<void> } | undefined;

  /** What every audit of this connection is run with (the run and a fix's re-judge alike). */
  const optionsFor = (t: Target): AuditOptions => ({
    spec: conn?.spec ?? { host: t.address },
    ...(conn?.profileName ? { name: conn.profileName } : {}),
    secrets: [...t.secrets, ...(conn?.password ? [conn.password] : [])],
    journal: journal(),
  });

  async function runOnce(t: Target): Promise<void> {
    const nodes = t.nodeIds().length;
    patch({
      status: 'running',
      progress: `auditing ${plural(Math.max(1, nodes), 'node')}…`,
      error: undefined,
      // A fix's outcome is said again by the fix once its re-run is in.
      lastFix: undefined,
    });
    try {
      const { runAudit } = await import('../../ops/audit.js');
      const report = await runAudit(t, optionsFor(t));
      // Another server was opened meanwhile: this report is not about it.
      if (session.current !== t) return;
      patch({ status: 'idle', report, ranAt: Date.now(), progress: undefined });
    } catch (err) {
      if (session.current !== t) return;
      patch({
        status: 'idle',
        progress: undefined,
        error: `The audit did not run: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }

  /** Runs the audit; a run already going is joined, not doubled. */
  function run(): Promise<void> {
    const t = session.current;
    if (!t) {
      patch({ error: 'Not connected: pick a profile (7) or start with -h/-p.' });
      return Promise.resolve();
    }
    // A run for a server since closed is left to finish unseen (runOnce drops its report).
    if (running?.target === t) return running.done;
    ranFor = t;
    const mine: { target: Target; done: Promise<void> } = {
      target: t,
      done: runOnce(t).finally(() => {
        if (running === mine) running = undefined;
      }),
    };
    running = mine;
    return mine.done;
  }

  return {
    run,
    /** The pane is shown: the first time for this connection, the audit runs. */
    enter(): void {
      if (session.current && ranFor !== session.current) void run();
    },
    /** A connection opened or closed: the last report was about another server. */
    onTarget(target: Target | undefined, c?: ResolvedConnection): void {
      conn = target ? c : undefined;
      ranFor = undefined;
      const { failuresOnly, view } = store.get().audit;
      store.set((s) => ({ ...s, audit: { ...initialAudit(), failuresOnly, view } }));
      // Opened while the pane is shown: that is entering it for this connection.
      if (target && store.get().ui.pane === 'audit') void run();
    },
    toggleFailures(): void {
      patch({ failuresOnly: !store.get().audit.failuresOnly });
    },
    setView(view: AuditView): void {
      patch({ view, open: undefined });
    },
    open(r: CheckResult): void {
      patch({ open: resultKey(r) });
    },
    close(): void {
      patch({ open: undefined });
    },
    /** F, confirmed: the fix through the mutation path, then the audit again to show the outcome. */
    async fix(r: CheckResult): Promise<void> {
      const t = session.current;
      if (!t) return ui.say('Not connected.', 'warning');
      // No re-read of its own: the whole audit runs again below (level and counts change too).
      const outcome = await applyFix(t, env(), r, true, optionsFor(t), false);
      const said = outcome.runs.map(describeResult).join(' · ') || `${r.id}: nothing to apply`;
      const tone = outcome.status === 'done' ? 'ok' : outcome.status === 'partial' ? 'warning' : 'danger';
      patch({ lastFix: { text: said, tone } });
      ui.say(said, tone);
      // Nothing was sent: the report still holds.
      if (!outcome.runs.some((x) => x.results.length)) return;
      // A run begun before the fix read the server before it: wait for it, then read again.
      if (running?.target === t) await running.done;
      await run();
      const after = allResults(store.get().audit.report).find((x) => resultKey(x) === resultKey(r));
      const status = after?.status;
      if (!status) return;
      const text = `${said} · re-run: ${r.id} is now ${status}`;
      patch({ lastFix: { text, tone: status === 'pass' ? 'ok' : 'warning' } });
      ui.say(text, status === 'pass' ? 'ok' : 'warning');
    },
  };
}

export type AuditActions = ReturnType<typeof auditActions>;
