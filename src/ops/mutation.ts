// The one path for every change: read-only check -> confirmation (UI) or --yes (headless)
// -> run on every target -> journal (redacted) -> re-read. Panes and commands build a
// plan; nothing else changes state on a server or on disk.
import type { ActionId } from '../domain/actions.js';
import { explain, needsHint } from '../redis/errors.js';
import type { Explained } from '../redis/errors.js';
import type { JournalSink, WriteContext, WriteOutcome } from '../redis/command.js';
import { WriteFence } from '../redis/fence.js';

export interface LocalJournal {
  append(entry: {
    kind: 'profile' | 'mutation';
    action: ActionId;
    profile?: string;
    as?: string;
    target?: string;
    args?: unknown;
    outcome?: 'ok' | 'error' | 'unknown' | 'refused';
    detail?: unknown;
  }): void;
}

export interface MutationEnv {
  readOnly: boolean;
  journal: LocalJournal & JournalSink;
  profile?: string;
  /** The Redis user the console is logged in as: journaled with each change ("as whom"). */
  as?: string;
  secrets?: readonly string[];
  /** Spans a batch of writes (a headless command's session); else each write is its own. */
  fence?: WriteFence;
}

export interface MutationPlan<T> {
  /** Its id in the one table of journal actions (src/domain/actions.ts). */
  action: ActionId;
  /** What happens, for the confirmation and the status line. */
  summary: string;
  /** local: console files (profiles); server: Redis nodes (run must journal through writeOn). */
  scope: 'local' | 'server';
  /** Node ids, or names of local things. */
  targets: string[];
  args?: unknown;
  run: (target: string) => Promise<T>;
  reread?: () => Promise<void> | void;
}

export type TargetOutcome<T> =
  | { target: string; outcome: 'ok'; value: T }
  | { target: string; outcome: 'error' | 'unknown' | 'not-attempted'; error: Explained };

export interface MutationResult<T> {
  status: 'done' | 'partial' | 'failed' | 'refused' | 'needs-confirmation';
  summary: string;
  results: TargetOutcome<T>[];
  reason?: string;
  /**
   * Whether the affected state was re-read after the write (absent: the plan has no re-read).
   * A message may say "the state was re-read" only when this is 'done'.
   */
  reread?: 'done' | 'failed';
  /** True when each node that answered OK was re-read by the plan's check (its `ok` is verified). */
  checked?: boolean;
}

/**
 * Re-reads what the write touched, knowing each node's outcome (so what a lost reply left in
 * doubt can be marked as such first). False, or a throw, when it could not re-read now.
 */
export type Reread = (results: readonly TargetOutcome<unknown>[]) => Promise<boolean | void> | boolean | void;

/** Runs the re-read; a failure leaves the state stale, and the result says so. */
async function rereadAfter(
  reread: Reread | undefined,
  results: readonly TargetOutcome<unknown>[],
): Promise<MutationResult<unknown>['reread']> {
  if (!reread) return undefined;
  try {
    return (await reread(results)) === false ? 'failed' : 'done';
  } catch {
    return 'failed';
  }
}

/** Refuses in read-only mode (journaled) or without confirmation; undefined means go ahead. */
function gate(
  env: MutationEnv,
  plan: { action: ActionId; summary: string; scope: 'local' | 'server'; args?: unknown },
  confirmed: boolean,
): MutationResult<never> | undefined {
  if (env.readOnly) {
    env.journal.append({
      kind: plan.scope === 'local' ? 'profile' : 'mutation',
      action: plan.action,
      profile: env.profile,
      ...(env.as === undefined ? {} : { as: env.as }),
      args: plan.args,
      outcome: 'refused',
      detail: 'read-only mode',
    });
    return {
      status: 'refused',
      summary: plan.summary,
      results: [],
      reason: 'read-only mode: changes are switched off (--read-only or the profile setting)',
    };
  }
  if (!confirmed) return { status: 'needs-confirmation', summary: plan.summary, results: [] };
  return undefined;
}

const statusOf = (results: readonly { outcome: string }[]): MutationResult<unknown>['status'] => {
  const ok = results.filter((r) => r.outcome === 'ok').length;
  return ok === results.length ? 'done' : ok === 0 ? 'failed' : 'partial';
};

export interface ServerWritePlan {
  action: ActionId;
  summary: string;
  /** For the journal when refused; the writes journal their own (redacted) arguments. */
  args?: unknown;
  /** Extra secrets of this write (a typed password), on top of the connection's. */
  secrets?: readonly string[];
  /** The write on every node, through src/redis wrappers (writeOn / writeOnEach). */
  write: (ctx: WriteContext) => Promise<WriteOutcome[]>;
  /**
   * Re-reads one node that answered OK: undefined when the change is there, else what differs
   * (e.g. checkUser in src/redis/acl-verify.ts). OK alone is never "done".
   */
  check?: (node: string) => Promise<string | undefined>;
  reread?: Reread;
}

/**
 * Each node that answered OK is re-read by the plan's check: a change that is not there is a
 * failure (MISMATCH), one that could not be re-read is unknown, and either is journaled as such.
 */
async function checked(env: MutationEnv, plan: ServerWritePlan, outcomes: WriteOutcome[]) {
  const check = plan.check;
  if (!check) return outcomes;
  return Promise.all(
    outcomes.map(async (o): Promise<WriteOutcome> => {
      if (o.outcome !== 'ok') return o;
      let error: Explained;
      try {
        const problem = await check(o.node);
        if (problem === undefined) return o;
        error = {
          name: 'MISMATCH',
          message: problem,
          cause: 'The server answered OK, but the re-read does not show the change on the user named.',
          fix: ['Re-read the users (r) and check the user by name before trying again.'],
          retryable: false,
        };
      } catch (err) {
        const e = explain(err, env.secrets);
        error = { ...e, name: 'UNCHECKED', message: `answered OK, but the re-read failed: ${e.message}` };
      }
      const outcome = error.name === 'MISMATCH' ? 'error' : 'unknown';
      env.journal.append({
        kind: 'mutation',
        action: plan.action,
        profile: env.profile,
        ...(env.as === undefined ? {} : { as: env.as }),
        nodes: [o.node],
        args: plan.args,
        outcome,
        detail: { check: 'after', name: error.name, message: error.message },
      });
      return { node: o.node, outcome, error };
    }),
  );
}

/** The mutation path for a write that runs on every node of the target at once. */
export async function runServerWrite(
  env: MutationEnv,
  plan: ServerWritePlan,
  confirmed: boolean,
): Promise<MutationResult<unknown>> {
  const refused = gate(env, { ...plan, scope: 'server' }, confirmed);
  if (refused) return refused;
  let outcomes: WriteOutcome[];
  try {
    outcomes = await plan.write({
      journal: env.journal,
      action: plan.action,
      profile: env.profile,
      ...(env.as === undefined ? {} : { as: env.as }),
      secrets: [...(env.secrets ?? []), ...(plan.secrets ?? [])],
      fence: env.fence ?? new WriteFence(),
    });
  } catch (err) {
    outcomes = [{ node: 'target', outcome: 'error', error: explain(err, env.secrets) }];
  }
  outcomes = await checked(env, plan, outcomes);
  const results = outcomes.map((o): TargetOutcome<unknown> =>
    o.outcome === 'ok'
      ? { target: o.node, outcome: 'ok', value: o.reply }
      : { target: o.node, outcome: o.outcome, error: o.error },
  );
  const reread = await rereadAfter(plan.reread, results);
  return {
    status: statusOf(results),
    summary: plan.summary,
    results,
    ...(reread && { reread }),
    ...(plan.check && { checked: true }),
  };
}

export async function runMutation<T>(
  env: MutationEnv,
  plan: MutationPlan<T>,
  confirmed: boolean,
): Promise<MutationResult<T>> {
  const refused = gate(env, plan, confirmed);
  if (refused) return refused;
  // Server writes are journaled per node by writeOn; local changes are journaled here.
  const journalLocal = (target: string, outcome: 'ok' | 'error', detail?: string) => {
    if (plan.scope !== 'local') return;
    env.journal.append({
      kind: 'profile',
      action: plan.action,
      profile: env.profile,
      ...(env.as === undefined ? {} : { as: env.as }),
      target,
      args: plan.args,
      outcome,
      detail,
    });
  };
  const results = await Promise.all(
    plan.targets.map(async (target): Promise<TargetOutcome<T>> => {
      try {
        const value = await plan.run(target);
        journalLocal(target, 'ok');
        return { target, outcome: 'ok', value };
      } catch (err) {
        const error = explain(err, env.secrets);
        journalLocal(target, 'error', error.message);
        return { target, outcome: 'error', error };
      }
    }),
  );
  try {
    await plan.reread?.();
  } catch {
    // A failed re-read leaves the state stale; the feeds report that on their own.
  }
  return { status: statusOf(results), summary: plan.summary, results };
}

// Said after a lost reply: "re-read" only when a re-read happened and read the state.
const AFTER_LOST_REPLY = {
  done: 'the state was re-read',
  failed: 'not re-read yet',
  none: 'not re-read: check the state before trying again',
} as const;

// "SEC003 NOPERM ...", but not "ERROR ERR ..." when the message already says what it is.
const label = (e: Explained): string => {
  const l = e.code ?? e.name;
  return e.message.toUpperCase().startsWith(l.slice(0, 3).toUpperCase()) ? '' : `${l} `;
};

/** "done: Delete profile prod" / "partial: 2 of 3 nodes: ..." */
export function describeResult(r: MutationResult<unknown>): string {
  if (r.status === 'refused') return `Refused: ${r.reason ?? ''}`;
  if (r.status === 'needs-confirmation') return `Not done: ${r.summary} needs confirmation (--yes)`;
  const failed = r.results.filter((x) => x.outcome !== 'ok');
  if (!failed.length) return `Done: ${r.summary}`;
  const first = failed[0];
  // A refusal says what to grant, as the headless commands do.
  const why =
    first && 'error' in first
      ? `${first.target}: ${label(first.error)}${first.error.message}${needsHint(first.error)}`
      : '';
  const unknowns = failed.filter((x) => x.outcome === 'unknown');
  const allUnknown = failed.every((x) => x.outcome === 'unknown');
  const after = AFTER_LOST_REPLY[r.reread ?? 'none'];
  const unknown = !unknowns.length
    ? ''
    : unknowns.every((x) => x.outcome === 'unknown' && x.error.name === 'UNCHECKED')
      ? ' (not checked on some nodes: answered OK, but the re-read failed)'
      : allUnknown && r.status === 'failed'
        ? ` (${after})` // the head says "Outcome unknown" already
        : ` (outcome unknown on some nodes: the reply was lost; ${after})`;
  // "Failed" would say it did not run: a lost reply only says nobody knows.
  const head = allUnknown ? 'Outcome unknown' : 'Failed';
  return `${r.status === 'failed' ? head : `Partly done (${r.results.length - failed.length}/${r.results.length})`}: ${r.summary} — ${why}${unknown}`;
}
