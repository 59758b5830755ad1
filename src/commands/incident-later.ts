// What `incident show` and `incident report` say beside the first evidence (issue 16): the
// evidence taken later (a MONITOR sample, the key space after), each with its own manifest and
// hash, and the actions whose result the console never saw. Kept apart from the report's text
// (reportText) so that moves without these.
import { toDisplay } from '../domain/display.js';
import type { Incident } from '../domain/incident/types.js';
import { redact } from '../domain/redact.js';
import { resumeNotes } from '../ops/incident-flow.js';

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

/**
 * The report with the later evidence at the end of its manifest section and the pending actions
 * first: `report` is reportText's, `heading` its manifest section's heading line.
 */
export function withLater(report: string, inc: Incident, heading: string, md: boolean): string {
  const lines = report.split('\n');
  const at = lines.indexOf(heading);
  if (at >= 0) {
    let end = at + 1;
    while (end < lines.length && lines[end] !== '') end++;
    lines.splice(end, 0, ...laterEvidenceLines(inc, md));
  }
  const pending = pendingLines(inc);
  if (pending.length) lines.splice(2, 0, ...pending.map((p) => (md ? `- **${p}**` : p)), '');
  return lines.join('\n');
}
