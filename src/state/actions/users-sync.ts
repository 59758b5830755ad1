// The drift view's sync: a user, or all users, of one node (or an ACL file) made true on every
// node. The same operations as `acl sync` / `acl apply` (src/ops): a plan per node shown first,
// then the mutation path with per-node results, then ACL SAVE or CONFIG REWRITE per node, then
// every node re-read (the drift view and its header follow).
import { Deadline } from '../../redis/deadline.js';
import type { Target } from '../../redis/target.js';
import type { AclOps, Planned } from '../../ops/acl-desired.js';
import type { MutationEnv } from '../../ops/mutation.js';
import type { AppState, Overlay } from '../app-state.js';
import type { Session } from '../session.js';
import type { Store } from '../store.js';
import type { SyncReport } from '../users-slice.js';
import type { UiActions } from './ui.js';
import type { UserActions } from './users.js';

export type SyncSource = { from: 'node'; node: string; user?: string } | { from: 'file'; path: string };

export interface SyncDeps {
  store: Store<AppState>;
  session: Session;
  ui: UiActions;
  users: UserActions;
  env: () => MutationEnv;
  /** Hashes of the plan: redacted from the journal from now on (a hash is crackable). */
  remember: (...secrets: string[]) => void;
}

// The confirmation fits a 24-row screen; the rest of a long plan is one command away.
const PLAN_LINES = 12;
// How long a re-read waits for a node whose write was lost to come back.
const SETTLE_MS = 5_000;

const ops = async () => ({
  ...(await import('../../ops/acl-desired.js')),
  ...(await import('../../ops/acl-apply.js')),
  ...(await import('../../ops/acl-apply-text.js')),
  ...(await import('../../ops/acl-plan-text.js')),
  ...(await import('../../ops/acl-sync.js')),
  ...(await import('../../ops/input-error.js')),
  ...(await import('../../ops/mutation.js')),
});

/** Every node that was up at the start ready again (or failed), within SETTLE_MS: Target.settled. */
const settled = (target: Target, down: Set<string>) =>
  target.settled({
    only: target.nodeIds().filter((id) => !down.has(id)),
    deadline: new Deadline(SETTLE_MS),
  });

/** What the plan shows and what `acl ...` prints it in full. */
const described = (s: SyncSource) =>
  s.from === 'file'
    ? { label: s.path, what: `every node to ${s.path}`, full: `redis-warden acl plan ${s.path} -c` }
    : {
        label: `node ${s.node}`,
        what: `${s.user === undefined ? 'all users' : `user ${s.user}`} of ${s.node} to every node`,
        full: `redis-warden acl sync --from ${s.node}${s.user === undefined ? '' : ` ${s.user}`} -c`,
      };

export function syncActions({ store, session, ui, users, env, remember }: SyncDeps) {
  const report = (r: SyncReport | undefined) => store.set((s) => ({ ...s, users: { ...s.users, sync: r } }));

  /** The session's target as an operation's context; undefined (and said) when not connected. */
  function context(): AclOps | undefined {
    const target = session.current;
    const ready = target?.status().nodes.find((n) => n.state === 'ready');
    const node = ready && target?.node(ready.id);
    if (!target || !node) {
      ui.say('Not connected: nothing was synced.', 'warning');
      return undefined;
    }
    const down = target.status().nodes.filter((n) => n.state !== 'ready');
    return {
      target,
      node,
      failed: down,
      env: env(),
      me: store.get().users.me,
      settle: async () => {
        await settled(target, new Set(down.map((n) => n.id)));
      },
    };
  }

  /** Applies the confirmed plan, persists on every node, re-reads, and reports per node. */
  async function run(
    s: AclOps,
    p: Planned,
    source: SyncSource,
    prune: boolean,
    back: Overlay,
  ): Promise<void> {
    const o = await ops();
    const { label } = described(source);
    // Back to the view the sync started from (the confirmation replaced it).
    ui.open(back);
    const lines: string[] = [];
    report({ running: true, lines: ['Syncing…'], tone: 'info' });
    remember(...o.hashesOf(o.nodePlans(p).map((n) => n.plan)));
    const out = await o.applyPlanned(s, p, {
      confirmed: true,
      prune,
      via: source.from === 'file' ? 'acl apply' : 'acl sync',
      onStep: (step, r) => {
        lines.push(...o.describeStep(step, r));
        report({ running: true, lines: [...lines], tone: 'info' });
      },
    });
    if (out.status !== 'applied') {
      const why = out.status === 'refused' ? out.reason : 'not confirmed';
      report({ running: false, lines: [`Refused: ${why}; nothing was changed.`], tone: 'warning' });
      ui.say(`Refused: ${why}; nothing was changed.`, 'warning');
      return;
    }
    const a = out.report;
    lines.push(...o.outcomeLines(a, label));
    let ok = o.appliedCode(a) === 0;
    if (a.applied + a.inEffect > 0) {
      const saved = await o.persistEveryNode(s);
      lines.push(...saved.writes.map((w) => o.describeResult(w)), ...saved.notes.map((n) => n.text));
      ok &&= saved.ok;
      if (saved.ok) store.set((st) => ({ ...st, users: { ...st.users, unsaved: false } }));
    }
    await users.load();
    report({ running: false, lines, tone: ok ? 'ok' : 'danger' });
    ui.say(
      ok ? `Synced ${described(source).what}.` : `Sync of ${described(source).what}: see the results.`,
      ok ? 'ok' : 'danger',
    );
  }

  /** Plans first and asks; nothing is written before the operator confirms this plan. */
  /** `back`: the overlay to reopen after the confirmation (the drift view, opened by its pane). */
  async function plan(source: SyncSource, back: Overlay, prune = false): Promise<void> {
    if (store.get().session.readOnly) {
      ui.say(
        'Refused: read-only mode: changes are switched off (--read-only or the profile setting); nothing was synced.',
        'warning',
      );
      return;
    }
    const s = context();
    if (!s) return;
    const o = await ops();
    const { label, what, full } = described(source);
    const warnings: string[] = [];
    let p: Planned;
    try {
      const desired =
        source.from === 'file'
          ? o.loadDesired(source.path, (l) => warnings.push(l))
          : await o.usersOf(s, source.node, source.user === undefined ? undefined : [source.user]);
      p = await o.planFile(s, label, desired, { prune }, (l) => warnings.push(l));
    } catch (err) {
      const text =
        err instanceof o.InputError
          ? [err.message, ...warnings, ...err.details].join(' ')
          : o.errorText(err, s.target.secrets);
      ui.say(`Not synced: ${text}`, 'danger');
      return;
    }
    const unread = o.unreadableLines(p);
    if (o.allEmpty(p)) {
      ui.say(
        `Nothing to do: every node read matches ${label}${unread.length ? ` (${unread.join('; ')})` : ''}.`,
        unread.length ? 'warning' : 'ok',
      );
      return;
    }
    const lockout = o.lockoutOf(p);
    if (lockout.length) {
      ui.say(
        `Refused: this plan could lock the console (or everyone) out (${lockout.join('; ')}); nothing was changed.`,
        'danger',
      );
      return;
    }
    const text = [...o.nodePlansText(p, label)].join('').split('\n').filter(Boolean);
    const shown =
      text.length > PLAN_LINES
        ? [
            ...text.slice(0, PLAN_LINES - 1),
            `… ${text.length - PLAN_LINES + 1} more lines: ${full} prints them all`,
          ]
        : text;
    const canPrune = !prune && (source.from === 'file' || source.user === undefined);
    ui.open({
      kind: 'confirm',
      request: {
        title: `Sync ${what}${prune ? ' (prune: delete what it lacks)' : ''}?`,
        lines: [
          ...warnings,
          ...unread,
          ...shown,
          'Then ACL SAVE or CONFIG REWRITE on every node (each as it persists), and every node re-read.',
        ],
        confirmLabel: 'sync',
        onConfirm: () => run(s, p, source, prune, back),
        alternatives: canPrune
          ? [
              {
                key: 'p',
                label: `plan with prune (delete users ${source.from === 'file' ? 'not in the file' : 'the node lacks'})`,
                run: () => plan(source, back, true),
              },
            ]
          : undefined,
      },
    });
  }

  return {
    plan,
    /** The report is the view's: closing the view forgets it. */
    clear() {
      if (!store.get().users.sync?.running) report(undefined);
    },
  };
}

export type SyncActions = ReturnType<typeof syncActions>;
