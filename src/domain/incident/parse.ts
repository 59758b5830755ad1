// incident.json -> Incident, checked field by field: a saved incident is read after a crash or
// a hand edit, and a bad field must be a clear error that names it, never an incident that
// half-works. serializeIncident is its inverse (parse(serialize(x)) equals x).
import type { Incident, ManifestEntry, TimelineEntry } from './types.js';
import { ACTION_RESULTS, PHASES, SEVERITIES } from './types.js';
import { INCIDENT_ID } from './model.js';

export class IncidentParseError extends Error {
  override readonly name = 'IncidentParseError';
}

type Obj = Record<string, unknown>;

const fail = (path: string, what: string): never => {
  throw new IncidentParseError(`${path}: ${what}`);
};

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'expected an object');
  return v as Obj;
}

function str(o: Obj, key: string, path: string, optional = false): string | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') fail(`${path}.${key}`, 'expected a string');
  return v as string;
}

function arr(o: Obj, key: string, path: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(`${path}.${key}`, 'expected an array');
  return v as unknown[];
}

function oneOf<T extends string>(o: Obj, key: string, values: readonly T[], path: string): T {
  const v = o[key];
  if (typeof v !== 'string' || !values.includes(v as T))
    fail(`${path}.${key}`, `expected one of ${values.join(', ')}`);
  return v as T;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
function time(o: Obj, key: string, path: string, optional = false): void {
  const v = str(o, key, path, optional);
  if (v !== undefined && !ISO.test(v)) fail(`${path}.${key}`, 'expected a UTC time (ISO 8601, Z)');
}

function sha(o: Obj, key: string, path: string): void {
  if (!(typeof o[key] === 'string' && /^[0-9a-f]{64}$/.test(o[key])))
    fail(`${path}.${key}`, 'expected 64 hex digits');
}

function strings(o: Obj, key: string, path: string): void {
  arr(o, key, path).forEach((v, i) => {
    if (typeof v !== 'string') fail(`${path}.${key}[${i}]`, 'expected a string');
  });
}

function manifestEntry(v: unknown, path: string): void {
  const m = obj(v, path) as Partial<ManifestEntry> & Obj;
  str(m, 'node', path);
  str(m, 'what', path);
  if ('missing' in m) {
    const miss = obj(m.missing, `${path}.missing`);
    str(miss, 'reason', `${path}.missing`);
    str(miss, 'grant', `${path}.missing`, true);
    return;
  }
  str(m, 'file', path);
  if (!/^[0-9a-f]{64}$/.test(String(m.sha256))) fail(`${path}.sha256`, 'expected 64 hex digits');
  if (!Number.isInteger(m.bytes) || (m.bytes as number) < 0) fail(`${path}.bytes`, 'expected a byte count');
}

const KINDS: readonly TimelineEntry['kind'][] = [
  'opened',
  'evidence',
  'finding',
  'action',
  'note',
  'more-evidence',
  'skipped',
  'closed',
];

function timelineEntry(v: unknown, path: string): void {
  const t = obj(v, path);
  time(t, 'at', path);
  const kind = oneOf(t, 'kind', KINDS, path);
  if (kind === 'note') str(t, 'text', path);
  if (kind === 'finding') oneOf(t, 'severity', SEVERITIES, path);
  if (kind === 'action') {
    const op = obj(t.operation, `${path}.operation`);
    str(op, 'id', `${path}.operation`);
    obj(op.params, `${path}.operation.params`);
    oneOf(t, 'result', ACTION_RESULTS, path);
    if (t.seq !== undefined && !(Number.isInteger(t.seq) && (t.seq as number) > 0))
      fail(`${path}.seq`, 'expected a positive whole number');
  }
  if (kind === 'more-evidence') {
    str(t, 'what', path);
    sha(t, 'manifestSha256', path);
  }
}

function finding(v: unknown, path: string): void {
  const f = obj(v, path);
  str(f, 'kind', path);
  str(f, 'title', path);
  oneOf(f, 'severity', SEVERITIES, path);
  arr(f, 'evidence', path).forEach((e, i) => {
    const ev = obj(e, `${path}.evidence[${i}]`);
    str(ev, 'artefact', `${path}.evidence[${i}]`);
    str(ev, 'excerpt', `${path}.evidence[${i}]`);
  });
  arr(f, 'suggests', path).forEach((s, i) => {
    const op = obj(s, `${path}.suggests[${i}]`);
    str(op, 'id', `${path}.suggests[${i}]`);
    obj(op.params, `${path}.suggests[${i}].params`);
  });
}

/** The incident in `text` (incident.json), or an IncidentParseError naming the first bad field. */
export function parseIncident(text: string): Incident {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new IncidentParseError(`not JSON: ${(err as Error).message}`);
  }
  const p = 'incident';
  const o = obj(raw, p);
  if (o.version !== 1) fail(`${p}.version`, 'expected 1');
  if (!INCIDENT_ID.test(str(o, 'id', p) ?? '')) fail(`${p}.id`, 'expected an id like 2026-12-06-1');
  str(o, 'title', p);
  time(o, 'openedAt', p);
  time(o, 'closedAt', p, true);
  const target = obj(o.target, `${p}.target`);
  str(target, 'address', `${p}.target`);
  str(target, 'profile', `${p}.target`, true);
  arr(target, 'nodes', `${p}.target`).forEach((n, i) => {
    if (typeof n !== 'string') fail(`${p}.target.nodes[${i}]`, 'expected a string');
  });
  oneOf(o, 'phase', PHASES, p);
  const steps = arr(o, 'steps', p);
  if (steps.length !== PHASES.length) fail(`${p}.steps`, `expected ${PHASES.length} steps`);
  steps.forEach((s, i) => {
    const step = obj(s, `${p}.steps[${i}]`);
    if (step.phase !== PHASES[i]) fail(`${p}.steps[${i}].phase`, `expected ${PHASES[i]}`);
    str(step, 'title', `${p}.steps[${i}]`);
    const state = oneOf(step, 'state', ['todo', 'done', 'skipped'], `${p}.steps[${i}]`);
    if (state === 'skipped') str(step, 'reason', `${p}.steps[${i}]`);
    time(step, 'at', `${p}.steps[${i}]`, state === 'todo');
  });
  arr(o, 'timeline', p).forEach((t, i) => timelineEntry(t, `${p}.timeline[${i}]`));
  arr(o, 'manifest', p).forEach((m, i) => manifestEntry(m, `${p}.manifest[${i}]`));
  if (
    o.manifestSha256 !== undefined &&
    !(typeof o.manifestSha256 === 'string' && /^[0-9a-f]{64}$/.test(o.manifestSha256))
  )
    fail(`${p}.manifestSha256`, 'expected 64 hex digits');
  arr(o, 'findings', p).forEach((f, i) => finding(f, `${p}.findings[${i}]`));
  if (o.later !== undefined)
    arr(o, 'later', p).forEach((l, i) => {
      const path = `${p}.later[${i}]`;
      const e = obj(l, path);
      time(e, 'at', path);
      str(e, 'what', path);
      if (!/^manifest-\d+\.json$/.test(str(e, 'manifestFile', path) ?? ''))
        fail(`${path}.manifestFile`, 'expected manifest-N.json');
      sha(e, 'manifestSha256', path);
      arr(e, 'entries', path).forEach((m, j) => manifestEntry(m, `${path}.entries[${j}]`));
    });
  if (o.known !== undefined) {
    const k = obj(o.known, `${p}.known`);
    strings(k, 'masters', `${p}.known`);
    strings(k, 'networks', `${p}.known`);
  }
  if (o.suspects !== undefined) {
    const s = obj(o.suspects, `${p}.suspects`);
    strings(s, 'users', `${p}.suspects`);
    strings(s, 'addresses', `${p}.suspects`);
    str(s, 'from', `${p}.suspects`, true);
  }
  str(o, 'outcome', p, true);
  arr(o, 'followUps', p).forEach((f, i) => {
    if (typeof f !== 'string') fail(`${p}.followUps[${i}]`, 'expected a string');
  });
  return o as unknown as Incident;
}

export const serializeIncident = (inc: Incident): string => `${JSON.stringify(inc, null, 2)}\n`;
