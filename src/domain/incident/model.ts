// The incident's pure helpers: a new one, its next step, and applying an event. Every change
// of an incident goes through applyEvent, so the pane, the headless commands and a resumed
// flow change it the same way, and the saved JSON is always the result of whole events.
import type { Incident, IncidentEvent, IncidentTarget, Phase, Step, TimelineEntry } from './types.js';
import { PHASES } from './types.js';

const STEP_TITLES: Record<Phase, string> = {
  evidence: 'Take the evidence (before anything is changed)',
  findings: 'Review the findings',
  contain: 'Contain',
  investigate: 'Investigate',
  remediate: 'Remediate',
  close: 'Close: outcome and follow-ups',
};

/** `2026-12-06-N`: the UTC day and the first number that day not taken by `existing`. */
export function nextIncidentId(now: Date, existing: readonly string[]): string {
  const day = now.toISOString().slice(0, 10);
  const taken = new Set(existing);
  let n = 1;
  while (taken.has(`${day}-${n}`)) n += 1;
  return `${day}-${n}`;
}

export const INCIDENT_ID = /^\d{4}-\d{2}-\d{2}-[1-9]\d{0,5}$/;

export function newIncident(id: string, title: string, target: IncidentTarget, at: string): Incident {
  return {
    version: 1,
    id,
    title,
    openedAt: at,
    target: { ...target, nodes: [...target.nodes] },
    phase: 'evidence',
    steps: PHASES.map((phase): Step => ({ phase, title: STEP_TITLES[phase], state: 'todo' })),
    timeline: [{ at, kind: 'opened', title }],
    manifest: [],
    findings: [],
    followUps: [],
  };
}

/** The next number for an action of `inc` (1, 2, ...). */
export const nextActionSeq = (inc: Incident): number =>
  1 + Math.max(0, ...inc.timeline.map((t) => (t.kind === 'action' ? (t.seq ?? 0) : 0)));

/** Actions begun and never settled: the console stopped (kill -9, a dropped link) while they ran. */
export const pendingActions = (inc: Incident) =>
  inc.timeline.filter(
    (t): t is Extract<TimelineEntry, { kind: 'action' }> => t.kind === 'action' && t.result === 'pending',
  );

/** The first step still to do, or undefined when every step is done or skipped. */
export const nextStep = (inc: Incident): Step | undefined => inc.steps.find((s) => s.state === 'todo');

export const isOpen = (inc: Incident): boolean => inc.closedAt === undefined;

function settle(inc: Incident, phase: Phase, step: Partial<Step>): Incident {
  const steps = inc.steps.map((s) => (s.phase === phase && s.state === 'todo' ? { ...s, ...step } : s));
  const next = steps.find((s) => s.state === 'todo');
  return { ...inc, steps, phase: next?.phase ?? 'close' };
}

/** The incident after `ev`: a new object (the old one is not changed). A closed incident only takes notes. */
export function applyEvent(inc: Incident, ev: IncidentEvent): Incident {
  if (!isOpen(inc) && ev.type !== 'note') throw new Error(`incident ${inc.id} is closed`);
  switch (ev.type) {
    case 'evidence': {
      const missing = ev.manifest.filter((m) => 'missing' in m).length;
      const withEntry: Incident = {
        ...inc,
        manifest: ev.manifest,
        manifestSha256: ev.manifestSha256,
        target: ev.nodes ? { ...inc.target, nodes: [...ev.nodes] } : inc.target,
        timeline: [
          ...inc.timeline,
          {
            at: ev.at,
            kind: 'evidence',
            artefacts: ev.manifest.length - missing,
            missing,
            manifestSha256: ev.manifestSha256,
          },
        ],
      };
      return settle(withEntry, 'evidence', { state: 'done', at: ev.at });
    }
    case 'findings': {
      if (inc.steps.find((s) => s.phase === 'evidence')?.state !== 'done')
        throw new Error('findings come from the evidence: take it first');
      return {
        ...inc,
        findings: ev.findings,
        timeline: [
          ...inc.timeline,
          ...ev.findings.map((f) => ({
            at: ev.at,
            kind: 'finding' as const,
            severity: f.severity,
            title: f.title,
          })),
        ],
      };
    }
    case 'action': {
      const { type: _t, ...entry } = ev;
      const at =
        ev.seq === undefined ? -1 : inc.timeline.findIndex((t) => t.kind === 'action' && t.seq === ev.seq);
      if (at < 0) return { ...inc, timeline: [...inc.timeline, { ...entry, kind: 'action' }] };
      const before = inc.timeline[at] as Extract<TimelineEntry, { kind: 'action' }>;
      if (before.result !== 'pending')
        throw new Error(`action ${ev.seq} of incident ${inc.id} has its result already`);
      // The result keeps the time the action was begun: the timeline says when it was sent.
      const timeline = inc.timeline.map((t, i) =>
        i === at ? { ...entry, at: before.at, kind: 'action' as const } : t,
      );
      return { ...inc, timeline };
    }
    case 'more-evidence': {
      const e = ev.evidence;
      return {
        ...inc,
        later: [...(inc.later ?? []), e],
        timeline: [
          ...inc.timeline,
          {
            at: e.at,
            kind: 'more-evidence',
            what: e.what,
            artefacts: e.entries.filter((m) => 'file' in m).length,
            manifestSha256: e.manifestSha256,
          },
        ],
      };
    }
    case 'suspects':
      return { ...inc, suspects: ev.suspects };
    case 'note':
      return { ...inc, timeline: [...inc.timeline, { at: ev.at, kind: 'note', text: ev.text }] };
    case 'done':
      return settle(inc, ev.phase, { state: 'done', at: ev.at });
    case 'skip':
      return settle(
        {
          ...inc,
          timeline: [...inc.timeline, { at: ev.at, kind: 'skipped', phase: ev.phase, reason: ev.reason }],
        },
        ev.phase,
        { state: 'skipped', reason: ev.reason, at: ev.at },
      );
    case 'close': {
      const steps = inc.steps.map((s) =>
        s.state === 'todo'
          ? s.phase === 'close'
            ? { ...s, state: 'done' as const, at: ev.at }
            : {
                ...s,
                state: 'skipped' as const,
                reason: 'not marked done before the incident was closed',
                at: ev.at,
              }
          : s,
      );
      return {
        ...inc,
        steps,
        phase: 'close',
        closedAt: ev.at,
        outcome: ev.outcome,
        followUps: [...inc.followUps, ...(ev.followUps ?? [])],
        timeline: [...inc.timeline, { at: ev.at, kind: 'closed', outcome: ev.outcome }],
      };
    }
  }
}
