// `redis-warden incident ...`: the incident flow's headless twin (issue 16, first part):
// start (evidence, then findings; exit 1 when one is high or critical, 2 could not connect),
// list, show, note, close. The report is incident-report.ts. Nothing here writes to a server:
// containment comes as operations (src/ops/operations) and the pane later.
import { hasSevere } from '../domain/incident/findings.js';
import { applyEvent, nextStep } from '../domain/incident/model.js';
import type { Finding, Incident, IncidentEvent } from '../domain/incident/types.js';
import { toDisplay } from '../domain/display.js';
import { redact } from '../domain/redact.js';
import { openIncident } from '../ops/incident-flow.js';
import { IncidentStore } from '../ops/incident-store.js';
import { timeoutOf, withAcl } from './acl-session.js';
import type { AclFlags } from './acl-session.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { laterEvidenceLines, pendingLines } from '../ops/incident-report-text.js';
import { jsonLine, print, printJson } from './output.js';

export interface IncidentFlags extends AclFlags {
  title?: string;
  expectedMaster?: string[];
  knownNetwork?: string[];
  outcome?: string;
  followUp?: string[];
  markdown?: boolean;
}

/** The --json documents' version: a field removed or renamed bumps it. */
export const INCIDENT_JSON_VERSION = 1;

const list = (values?: readonly string[]) => (values ?? []).flatMap((v) => v.split(',')).filter(Boolean);

export function findingLines(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ['no findings'];
  return findings.flatMap((f) => [
    `${f.severity.toUpperCase().padEnd(8)} ${f.node ? `${toDisplay(f.node)}  ` : ''}${toDisplay(f.title)}`,
    ...f.evidence
      .slice(0, 3)
      .map((e) => `           evidence: ${toDisplay(e.artefact)}: ${toDisplay(e.excerpt)}`),
    ...(f.evidence.length > 3 ? [`           (${f.evidence.length - 3} more in the evidence)`] : []),
    ...f.suggests.map((o) => `           suggests: ${o.id} ${jsonLine(o.params)}`),
  ]);
}

export async function incidentStart(ctx: CommandContext, flags: IncidentFlags): Promise<number> {
  const store = new IncidentStore();
  const timeoutMs = timeoutOf(flags);
  // An incident left open (a console killed, a link dropped) is said before a new one starts.
  for (const o of store.open())
    ctx.warn(
      `Note: incident ${o.incident.id} is open at step ${o.at} (redis-warden incident show ${o.incident.id})`,
    );
  return withAcl(ctx, flags, async (s) => {
    const incident = await openIncident(
      { store, target: s.target, env: s.env, journal: ctx.journal },
      {
        ...(flags.title ? { title: flags.title } : {}),
        spec: s.spec,
        timeoutMs: Math.max(500, s.bound.left() ?? timeoutMs),
        expectedMasters: list(flags.expectedMaster),
        knownNetworks: list(flags.knownNetwork),
      },
    );
    const title = incident.title;
    const exit = hasSevere(incident.findings) ? 1 : 0;
    if (flags.json) {
      printJson({
        version: INCIDENT_JSON_VERSION,
        exit,
        incident: incident.id,
        dir: store.dirOf(incident.id),
        manifestSha256: incident.manifestSha256,
        manifest: incident.manifest,
        findings: incident.findings,
      });
      return exit;
    }
    const missing = incident.manifest.filter((m) => 'missing' in m);
    print(
      [
        `incident ${incident.id} opened: ${toDisplay(title)}`,
        `evidence: ${incident.manifest.length - missing.length} artefact(s) from ${incident.target.nodes.length} node(s) in ${toDisplay(store.dirOf(incident.id))}`,
        `manifest SHA-256: ${incident.manifestSha256 ?? ''}`,
        ...missing.map((m) =>
          'missing' in m
            ? `  missing: ${toDisplay(m.node)} ${m.what}: ${toDisplay(m.missing.reason)}${m.missing.grant ? ` (needs ${m.missing.grant})` : ''}`
            : '',
        ),
        '',
        `findings (${incident.findings.length}):`,
        ...findingLines(incident.findings),
        '',
        `next: ${nextStep(incident)?.title ?? 'nothing'} (redis-warden incident show ${incident.id})`,
      ].join('\n'),
    );
    return exit;
  });
}

export function incidentList(_ctx: CommandContext, flags: IncidentFlags): number {
  const store = new IncidentStore();
  const all = store.list();
  if (flags.json) {
    printJson({
      version: INCIDENT_JSON_VERSION,
      incidents: all.map((e) =>
        'incident' in e
          ? {
              id: e.id,
              title: e.incident.title,
              openedAt: e.incident.openedAt,
              open: e.incident.closedAt === undefined,
              at: nextStep(e.incident)?.phase ?? 'close',
              findings: e.incident.findings.length,
            }
          : { id: e.id, error: e.error },
      ),
    });
    return 0;
  }
  if (all.length === 0) {
    print('no incidents');
    return 0;
  }
  print(
    all
      .map((e) =>
        'incident' in e
          ? e.incident.closedAt === undefined
            ? `${e.id}  OPEN at step ${nextStep(e.incident)?.phase ?? 'close'}  ${toDisplay(e.incident.title)}`
            : `${e.id}  closed ${e.incident.closedAt}  ${toDisplay(e.incident.title)}`
          : `${e.id}  unreadable: ${toDisplay(e.error)}`,
      )
      .join('\n'),
  );
  return 0;
}

export function incidentShow(_ctx: CommandContext, id: string, flags: IncidentFlags): number {
  const store = new IncidentStore();
  const inc = store.load(id);
  const tampered = store.verify(inc);
  if (flags.json) {
    printJson({ version: INCIDENT_JSON_VERSION, incident: inc, tampered });
    return 0;
  }
  print(
    [
      `incident ${inc.id}: ${toDisplay(inc.title)} (${inc.closedAt ? `closed ${inc.closedAt}` : 'open'})`,
      `target: ${toDisplay(inc.target.profile ?? inc.target.address)} (${inc.target.nodes.map(toDisplay).join(', ')})`,
      `opened: ${inc.openedAt}`,
      'steps:',
      ...inc.steps.map(
        (s) =>
          `  [${s.state === 'done' ? 'x' : s.state === 'skipped' ? '-' : ' '}] ${s.title}${s.reason ? ` (skipped: ${toDisplay(s.reason)})` : ''}`,
      ),
      ...pendingLines(inc),
      `evidence: ${inc.manifest.length} artefact(s), manifest SHA-256 ${inc.manifestSha256 ?? '(not taken)'}`,
      ...laterEvidenceLines(inc, false),
      ...(tampered.length
        ? ['EVIDENCE CHANGED SINCE IT WAS TAKEN:', ...tampered.map((t) => `  ${toDisplay(t)}`)]
        : []),
      `findings (${inc.findings.length}):`,
      ...findingLines(inc.findings),
      ...(inc.outcome ? [`outcome: ${toDisplay(inc.outcome)}`] : []),
    ].join('\n'),
  );
  return tampered.length ? 1 : 0;
}

function update(id: string, event: (inc: Incident) => IncidentEvent): Incident {
  const store = new IncidentStore();
  const inc = store.load(id);
  const next = applyEvent(inc, event(inc));
  store.save(next);
  return next;
}

export function incidentNote(ctx: CommandContext, id: string, text: string): number {
  if (!text.trim()) throw new UsageError('incident note: the note is empty');
  // A note is the operator's words, kept as written but for what looks like a password.
  update(id, () => ({ type: 'note', at: new Date().toISOString(), text: redact(text) }));
  print(`note added to incident ${id}`);
  return 0;
}

export function incidentClose(_ctx: CommandContext, id: string, flags: IncidentFlags): number {
  const outcome = flags.outcome?.trim();
  if (!outcome) throw new UsageError('incident close: --outcome TEXT is required');
  const inc = new IncidentStore().load(id);
  if (inc.closedAt) throw new UsageError(`incident ${id} is closed already (${inc.closedAt})`);
  update(id, () => ({
    type: 'close',
    at: new Date().toISOString(),
    outcome: redact(outcome),
    followUps: (flags.followUp ?? []).map((f) => redact(f)),
  }));
  print(`incident ${id} closed: ${toDisplay(outcome)}`);
  return 0;
}
