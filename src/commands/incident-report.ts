// `redis-warden incident report ID [--markdown | --json]`: what happened when (UTC timeline),
// the evidence manifest with hashes (and whether they still match), findings, actions with
// their results, notes, outcome, follow-ups. Built from incident.json only, which holds no
// secret (the evidence files are cited by name and hash, never quoted beyond the findings'
// excerpts), and passed through redact() besides: a note typed with a password in it.
import { redactDeep } from '../domain/redact.js';
import { reportText } from '../ops/incident-report-text.js';
import { IncidentStore } from '../ops/incident-store.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { INCIDENT_JSON_VERSION } from './incident.js';
import type { IncidentFlags } from './incident.js';
import { print, printJson } from './output.js';

export function incidentReport(_ctx: CommandContext, id: string, flags: IncidentFlags): number {
  if (flags.json && flags.markdown) throw new UsageError('--json and --markdown: pick one');
  const store = new IncidentStore();
  const inc = store.load(id);
  const tampered = store.verify(inc);
  if (flags.json) printJson({ version: INCIDENT_JSON_VERSION, incident: redactDeep(inc), tampered });
  else {
    const md = Boolean(flags.markdown);
    print(reportText(inc, tampered, md));
  }
  return tampered.length ? 1 : 0;
}
