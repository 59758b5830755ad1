// `redis-warden incident contain|monitor|keyspace|remediate|step`: the headless twins of the
// Incident pane's steps (issue 16). Each loads the incident, refuses a closed one, connects as
// `incident start` does and runs the step through the flow's functions (src/ops/incident-flow.ts):
// nothing here writes to a server or to the incident by itself. Exit: 0 done; 1 an action failed,
// is unknown or was refused (no --yes included); 2 usage, could not connect, no such incident.
import { toDisplay } from '../domain/display.js';
import { isOpen, nextStep } from '../domain/incident/model.js';
import { PHASES } from '../domain/incident/types.js';
import { affectedUsers, firewallLines, rotationOps, tlsLines } from '../domain/incident/remediation.js';
import type { Incident, Phase, SuggestedOperation } from '../domain/incident/types.js';
import { gatedResults } from '../domain/audit/gate.js';
import { runAudit } from '../ops/audit.js';
import {
  finishStep,
  persistOperations,
  resumeNotes,
  runIncidentOperation,
  skipStep,
  suggestions,
} from '../ops/incident-flow.js';
import { keyspaceStep, monitorStep } from '../ops/incident-later.js';
import type { FlowDeps, Suggestion } from '../ops/incident-flow.js';
import { IncidentStore } from '../ops/incident-store.js';
import { describeResult } from '../ops/mutation.js';
import { describeOperation, parseOperation } from '../ops/operations/run.js';
import { MONITOR_LIMITS, MONITOR_WARNING } from '../redis/monitor-sample.js';
import { withAcl } from './acl-session.js';
import type { AclSession } from './acl-session.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import type { IncidentFlags } from './incident.js';
import { print } from './output.js';

export interface StepFlags extends IncidentFlags {
  yes?: boolean;
  all?: boolean;
  again?: boolean;
  force?: boolean;
  dir?: string;
  dbfilename?: string;
  seconds?: string;
  maxLines?: string;
  rotate?: string;
  phase?: string;
  persist?: boolean;
  reason?: string;
  /** commander's --no-audit */
  audit?: boolean;
}

const NO_YES = 'Nothing was sent: add --yes to run it.';

/** A closed incident takes notes only: every step is refused (exit 1), said on stderr. */
function refusedClosed(ctx: CommandContext, inc: Incident): boolean {
  if (isOpen(inc)) return false;
  ctx.warn(`redis-warden: incident ${inc.id} is closed (${inc.closedAt ?? ''}): nothing more is done in it`);
  return true;
}

/** Loads the incident (exit 2 when there is none), refuses a closed one, then connects. */
async function withIncident(
  ctx: CommandContext,
  id: string,
  flags: StepFlags,
  body: (d: FlowDeps, inc: Incident, s: AclSession) => Promise<number>,
): Promise<number> {
  const store = new IncidentStore();
  const inc = store.load(id);
  if (refusedClosed(ctx, inc)) return 1;
  return withAcl(ctx, flags, async (s) => {
    if (s.target.address !== inc.target.address)
      ctx.warn(
        toDisplay(`Warning: incident ${id} is about ${inc.target.address}; this runs on ${s.target.address}`),
      );
    for (const note of resumeNotes(inc)) ctx.warn(`Note: ${note}`);
    return body({ store, target: s.target, env: s.env, journal: ctx.journal }, inc, s);
  });
}

/** Runs `op` through the flow and says its result and what the re-read found per node. */
async function runOne(
  d: FlowDeps,
  inc: Incident,
  op: SuggestedOperation,
): Promise<{ incident: Incident; ok: boolean; generated?: string }> {
  const { incident, result } = await runIncidentOperation(d, inc, op, true);
  print(toDisplay(describeResult(result)));
  for (const r of result.results)
    print(
      r.outcome === 'ok'
        ? `  ${toDisplay(r.target)}: ${result.checked ? 're-read, the change is there' : 'answered OK (this operation has no re-read of its own)'}`
        : `  ${toDisplay(`${r.target}: ${r.outcome}: ${r.error.message}`)}`,
    );
  return {
    incident,
    ok: result.status === 'done',
    ...(result.generated === undefined ? {} : { generated: result.generated }),
  };
}

const suggestionLine = (s: Suggestion) =>
  `${s.key}  ${s.status === 'pending' ? 'unknown (pending)' : s.status.toUpperCase()}  ${s.describe}`;

/** What `contain` runs for one suggestion, or why it will not. */
function planOf(s: Suggestion, flags: StepFlags): { op: SuggestedOperation } | { refused: string } {
  if (s.status === 'ok' && !flags.again)
    return { refused: `${s.key} is done already (ok): not sent again (--again to send it again)` };
  if (s.warning && !flags.force) return { refused: `${s.key}: ${s.warning} (--force to run it anyway)` };
  if (!s.asks) return { op: s.operation };
  if (!flags.dir || !flags.dbfilename)
    return {
      refused:
        `${s.key}: the saved /var/lib/redis and dump.rdb are placeholders: give this server's own ` +
        'with --dir DIR --dbfilename FILE',
    };
  return {
    op: { ...s.operation, params: { ...s.operation.params, dir: flags.dir, dbfilename: flags.dbfilename } },
  };
}

export async function incidentContain(
  ctx: CommandContext,
  id: string,
  keys: readonly string[],
  flags: StepFlags,
): Promise<number> {
  return withIncident(ctx, id, flags, async (d, first, s) => {
    const all = suggestions(first, s.me ?? flags.user ?? 'default');
    if (keys.length === 0 && !flags.all) {
      if (all.length === 0) print('nothing to contain: no finding or suspect suggests an operation');
      for (const sug of all) {
        print(suggestionLine(sug));
        if (sug.detail) print(`    last result: ${sug.detail}`);
        if (sug.warning) print(`    warning: ${sug.warning}`);
      }
      return 0;
    }
    const unknownKeys = keys.filter((k) => !all.some((x) => x.key === k));
    if (unknownKeys.length)
      throw new UsageError(
        `incident contain: no suggestion ${unknownKeys.join(', ')} (redis-warden incident contain ${id} lists them)`,
      );
    const chosen = flags.all ? all : all.filter((x) => keys.includes(x.key));
    let exit = 0;
    const runs: { sug: Suggestion; op: SuggestedOperation }[] = [];
    for (const sug of chosen) {
      const p = planOf(sug, flags);
      if ('op' in p) runs.push({ sug, op: p.op });
      else {
        print(`not run: ${p.refused}`);
        // Done already is not a failure: the point of a re-run is that nothing is sent twice.
        if (sug.status !== 'ok') exit = 1;
      }
    }
    if (!flags.yes) {
      for (const r of runs) print(`would run ${r.sug.key}: ${describeOperation(parseOperation(r.op))}`);
      if (runs.length) print(NO_YES);
      return runs.length ? 1 : exit;
    }
    let inc = first;
    for (const r of runs) {
      print(`${r.sug.key}: ${describeOperation(parseOperation(r.op))}`);
      if (r.sug.status === 'pending')
        print(
          '  its earlier attempt was cut short before its result was seen: sent again (the same change ' +
            'twice leaves the same state) and re-read',
        );
      const done = await runOne(d, inc, r.op);
      inc = done.incident;
      if (!done.ok) exit = 1;
    }
    return exit;
  });
}

function intFlag(name: string, value: string | undefined, dflt: number | undefined, max: number): number {
  if (value === undefined && dflt !== undefined) return dflt;
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`${name}: "${value ?? ''}" is not a whole number from 1 to ${max}`);
  return n;
}

export async function incidentMonitor(ctx: CommandContext, id: string, flags: StepFlags): Promise<number> {
  const seconds = intFlag('--seconds', flags.seconds, undefined, MONITOR_LIMITS.seconds);
  const maxLines = intFlag('--max-lines', flags.maxLines, 1000, MONITOR_LIMITS.lines);
  new IncidentStore().load(id); // no such incident: exit 2 before any warning
  ctx.warn(`Warning: ${MONITOR_WARNING}`);
  if (!flags.yes) {
    print(`would take a MONITOR sample of ${seconds} s (at most ${maxLines} lines) on every node`);
    print('Nothing was taken: add --yes to take it.');
    return 1;
  }
  return withIncident(ctx, id, flags, async (d, inc) => {
    const { incident, samples } = await monitorStep(d, inc, { seconds, maxLines });
    for (const { node, sample } of samples)
      print(
        toDisplay(
          `${node}: ${sample.lines.length} line(s), ended by ${sample.endedBy}${sample.error ? `: ${sample.error.message}` : ''}`,
        ),
      );
    return saidLater(incident, samples.every((x) => x.sample.endedBy !== 'error') ? 0 : 1);
  });
}

/** The later evidence just taken: its manifest and hash. */
function saidLater(inc: Incident, exit: number): number {
  const last = inc.later?.at(-1);
  if (last) print(`evidence ${last.what}: ${last.manifestFile} SHA-256 ${last.manifestSha256}`);
  return exit;
}

export async function incidentKeyspace(ctx: CommandContext, id: string, flags: StepFlags): Promise<number> {
  return withIncident(ctx, id, flags, async (d, inc) => {
    const { incident, rows } = await keyspaceStep(d, inc, d.store.keyspaceBefore(inc));
    for (const r of rows) {
      const change =
        r.before !== undefined && r.after !== undefined
          ? ` (${r.after - r.before >= 0 ? '+' : ''}${r.after - r.before})`
          : '';
      print(
        toDisplay(
          `${r.node}: keys before ${r.before ?? 'not known'}, now ${r.after ?? `not known: ${r.error ?? ''}`}${change}`,
        ),
      );
    }
    return saidLater(incident, rows.some((r) => r.error !== undefined) ? 1 : 0);
  });
}

const opLine = (op: SuggestedOperation) => `  ${describeOperation(parseOperation(op))}`;

export async function incidentRemediate(ctx: CommandContext, id: string, flags: StepFlags): Promise<number> {
  if (flags.rotate !== undefined && flags.phase !== 'add' && flags.phase !== 'drop')
    throw new UsageError('incident remediate --rotate USER: --phase add or --phase drop is required');
  if (flags.rotate !== undefined && flags.persist)
    throw new UsageError('--rotate and --persist: one at a time');
  return withIncident(ctx, id, flags, async (d, inc, s) => {
    if (flags.rotate !== undefined) {
      const op = rotationOps(flags.rotate)[flags.phase === 'add' ? 0 : 1];
      if (!flags.yes) {
        print(`would run: ${describeOperation(parseOperation(op))}`);
        print(NO_YES);
        return 1;
      }
      const done = await runOne(d, inc, op);
      // Shown once, here: never journaled nor saved in the incident (OperationResult.generated).
      if (done.generated !== undefined)
        print(
          `new password of ${toDisplay(flags.rotate)} (shown once, not saved anywhere): ${done.generated}\n` +
            `move the applications to it, then: redis-warden incident remediate ${id} --rotate ${toDisplay(flags.rotate)} --phase drop --yes`,
        );
      return done.ok ? 0 : 1;
    }
    const persist = await persistOperations(s.target);
    if (flags.persist) {
      if (!flags.yes) {
        for (const op of persist.ops) print(`would run:${opLine(op)}`);
        print(NO_YES);
        return 1;
      }
      let exit = 0;
      let current = inc;
      for (const op of persist.ops) {
        const done = await runOne(d, current, op);
        current = done.incident;
        if (!done.ok) exit = 1;
      }
      for (const n of persist.notes) print(n);
      return exit;
    }
    const users = affectedUsers(inc);
    const known = [
      ...(inc.known?.networks ?? []),
      ...(flags.knownNetwork ?? []).flatMap((v) => v.split(',')),
    ];
    print(
      [
        'ROTATE the credentials of the affected users (two phases: add a password, move the applications, drop the old):',
        ...(users.length === 0 ? ['  none named by the findings or suspects'] : []),
        ...users.flatMap((u) => [
          ...rotationOps(u).map(opLine),
          `  redis-warden incident remediate ${id} --rotate ${toDisplay(u)} --phase add --yes`,
          `  redis-warden incident remediate ${id} --rotate ${toDisplay(u)} --phase drop --yes`,
        ]),
        '',
        'PERSIST the changes on every node:',
        ...persist.ops.map(opLine),
        ...persist.notes.map((n) => `  ${n}`),
        ...(persist.ops.length ? [`  redis-warden incident remediate ${id} --persist --yes`] : []),
        '',
        'FIREWALL:',
        ...firewallLines(inc.target.nodes, known).map((l) => `  ${toDisplay(l)}`),
        '',
        'TLS:',
        ...tlsLines(inc.target.nodes, Boolean(s.spec.tls)).map((l) => `  ${toDisplay(l)}`),
      ].join('\n'),
    );
    if (flags.audit === false) return 0;
    const report = await runAudit(s.target, {
      spec: s.spec,
      timeoutMs: Math.max(100, s.bound.left() ?? 5000),
      secrets: s.target.secrets,
      journal: ctx.journal.read({ kind: 'mutation' }),
    });
    const failing = gatedResults(report).filter((r) => r.status === 'fail');
    print(['', `AUDIT: ${failing.length} failing check(s)`].join('\n'));
    for (const r of failing)
      print(toDisplay(`  ${r.id} ${r.severity}${r.node ? ` ${r.node}` : ''}: ${r.title}: ${r.detail}`));
    return 0;
  });
}

/** `incident step ID done|skip PHASE [--reason R]`: the operator's word on a step; no server needed. */
export function incidentStep(
  ctx: CommandContext,
  id: string,
  verb: string,
  phase: string,
  flags: StepFlags,
): number {
  if (verb !== 'done' && verb !== 'skip')
    throw new UsageError(`incident step: "${verb}" is not done or skip`);
  if (!(PHASES as readonly string[]).includes(phase))
    throw new UsageError(`incident step: "${phase}" is not a step (${PHASES.join(', ')})`);
  const reason = flags.reason?.trim();
  if (verb === 'skip' && !reason) throw new UsageError('incident step skip: --reason TEXT is required');
  if (verb === 'done' && phase === 'evidence')
    throw new UsageError('incident step: the evidence is done by taking it (incident start)');
  const store = new IncidentStore();
  const inc = store.load(id);
  if (refusedClosed(ctx, inc)) return 1;
  const step = inc.steps.find((s) => s.phase === phase);
  if (step && step.state !== 'todo') {
    print(`step ${phase} is ${step.state} already (${step.at ?? ''})`);
    return 1;
  }
  const d = { store, env: { secrets: [] } };
  const next =
    verb === 'done' ? finishStep(d, inc, phase as Phase) : skipStep(d, inc, phase as Phase, reason ?? '');
  print(
    `incident ${id}: step ${phase} ${verb === 'done' ? 'done' : 'skipped'}; next: ${nextStep(next)?.title ?? 'nothing'}`,
  );
  return 0;
}
