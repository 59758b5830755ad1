// The incident report's text (plain or Markdown), shared by `incident report` and the Incident
// pane's report overlay: built from incident.json only, which holds no secret (the evidence files
// are cited by name and hash, never quoted beyond the findings' excerpts), and passed through
// redact() besides: a note typed with a password in it.
import type { Incident, TimelineEntry } from '../domain/incident/types.js';
import { displayJson, toDisplay } from '../domain/display.js';
import { redact } from '../domain/redact.js';
import { resumeNotes } from './incident-flow.js';

/** An operation's params on one line, escaped as `--json` is (commands/output.ts's jsonLine). */
const jsonLine = (v: unknown): string => JSON.stringify(displayJson(v));

/** A pending action is one whose result the console never saw: said as unknown, with why. */
const actionResult = (r: string) =>
  r === 'pending' ? 'unknown (the console stopped before it saw the result; re-read the server)' : r;

function timelineLine(t: TimelineEntry): string {
  switch (t.kind) {
    case 'opened':
      return `opened: ${t.title}`;
    case 'evidence':
      return `evidence taken: ${t.artefacts} artefact(s), ${t.missing} missing, manifest SHA-256 ${t.manifestSha256}`;
    case 'finding':
      return `finding (${t.severity}): ${t.title}`;
    case 'action':
      return `action ${t.operation.id} ${jsonLine(t.operation.params)}: ${actionResult(t.result)}${t.detail ? ` (${t.detail})` : ''}${t.journal ? ` [journal ${t.journal}]` : ''}`;
    case 'more-evidence':
      return `evidence taken (${t.what}): ${t.artefacts} artefact(s), manifest SHA-256 ${t.manifestSha256}`;
    case 'note':
      return `note: ${t.text}`;
    case 'skipped':
      return `step ${t.phase} skipped: ${t.reason}`;
    case 'closed':
      return `closed: ${t.outcome}`;
  }
}

/** Each later evidence's manifest and hash, then its artefacts (file and SHA-256, or why missing). */
export function laterEvidenceLines(inc: Incident, md: boolean): string[] {
  const item = (s: string, depth = 0) =>
    `${md ? `${'  '.repeat(depth)}- ` : `${'    '.repeat(depth)}  `}${toDisplay(redact(s))}`;
  return (inc.later ?? []).flatMap((l) => [
    item(`${l.at} later evidence (${l.what}): ${l.manifestFile} sha256 ${l.manifestSha256}`),
    ...l.entries.map((m) =>
      'file' in m
        ? item(`${m.node} ${m.what}: ${m.file} sha256 ${m.sha256} (${m.bytes} bytes)`, 1)
        : item(
            `${m.node} ${m.what}: missing: ${m.missing.reason}${m.missing.grant ? ` (needs ${m.missing.grant})` : ''}`,
            1,
          ),
    ),
  ]);
}

/** The actions left pending (a kill -9 mid-write): unknown until the server is re-read. */
export const pendingLines = (inc: Incident): string[] =>
  resumeNotes(inc).map((n) => `UNKNOWN: ${toDisplay(n)}`);

/** The report as Markdown (`md`) or plain text: one builder, two headings styles. */
export function reportText(inc: Incident, tampered: readonly string[], md: boolean): string {
  const h = (s: string) => (md ? `## ${s}` : `${s.toUpperCase()}`);
  const item = (s: string) => `${md ? '- ' : '  '}${toDisplay(redact(s))}`;
  const code = (s: string) => (md ? `\`${s}\`` : s);
  const actions = inc.timeline.filter((t) => t.kind === 'action');
  const notes = inc.timeline.filter((t) => t.kind === 'note');
  return [
    md
      ? `# Incident ${inc.id}: ${toDisplay(redact(inc.title))}`
      : `INCIDENT ${inc.id}: ${toDisplay(redact(inc.title))}`,
    '',
    // Actions whose result was never seen (a kill -9 mid-write) come first: they are unknown.
    ...pendingLines(inc).flatMap((p, i, all) => [
      md ? `- **${p}**` : p,
      ...(i === all.length - 1 ? [''] : []),
    ]),
    item(
      `target: ${inc.target.profile ? `profile ${inc.target.profile}, ` : ''}${inc.target.address} (${inc.target.nodes.join(', ')})`,
    ),
    item(`opened: ${inc.openedAt}${inc.closedAt ? `, closed: ${inc.closedAt}` : ' (still open)'}`),
    item(`manifest SHA-256: ${inc.manifestSha256 ?? '(no evidence taken)'}`),
    '',
    h('Timeline (UTC)'),
    ...inc.timeline.map((t) => item(`${t.at}  ${timelineLine(t)}`)),
    '',
    h('Evidence manifest'),
    ...inc.manifest.map((m) =>
      'file' in m
        ? item(`${m.node} ${m.what}: ${m.file} sha256 ${m.sha256} (${m.bytes} bytes)`)
        : item(
            `${m.node} ${m.what}: missing: ${m.missing.reason}${m.missing.grant ? ` (needs ${m.missing.grant})` : ''}`,
          ),
    ),
    ...laterEvidenceLines(inc, md),
    ...(tampered.length
      ? ['', h('Evidence changed since it was taken'), ...tampered.map(item)]
      : ['', item(`every artefact still matches its ${code('sha256')}`)]),
    '',
    h('Findings'),
    ...(inc.findings.length === 0 ? [item('none')] : []),
    ...inc.findings.flatMap((f) => [
      item(`${f.severity.toUpperCase()}${f.node ? ` ${f.node}` : ''}: ${f.title}`),
      ...f.evidence.map(
        (e) => `${md ? '  - ' : '      '}evidence ${toDisplay(e.artefact)}: ${toDisplay(redact(e.excerpt))}`,
      ),
      ...f.suggests.map(
        (o) => `${md ? '  - ' : '      '}suggests ${code(`${o.id} ${redact(jsonLine(o.params))}`)}`,
      ),
    ]),
    '',
    h('Actions'),
    ...(actions.length ? actions.map((t) => item(`${t.at}  ${timelineLine(t)}`)) : [item('none yet')]),
    '',
    h('Notes'),
    ...(notes.length ? notes.map((t) => item(`${t.at}  ${timelineLine(t)}`)) : [item('none')]),
    '',
    h('Outcome'),
    item(inc.outcome ?? '(open)'),
    '',
    h('Follow-ups'),
    ...(inc.followUps.length ? inc.followUps.map(item) : [item('none')]),
  ].join('\n');
}
