// The incident as data: its steps move only by events, a saved incident parses back to itself
// (any incident the events can make), and a bad field is an error that names it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  newIncident,
  nextActionSeq,
  nextIncidentId,
  nextStep,
  pendingActions,
} from '../../../src/domain/incident/model.js';
import { IncidentParseError, parseIncident, serializeIncident } from '../../../src/domain/incident/parse.js';
import type { Incident, IncidentEvent } from '../../../src/domain/incident/types.js';
import { ACTION_RESULTS, PHASES, SEVERITIES } from '../../../src/domain/incident/types.js';

const AT = '2026-12-06T03:04:05.000Z';
const fresh = () => newIncident('2026-12-06-1', 'odd keys', { address: '127.0.0.1:7000', nodes: [] }, AT);
const SHA = 'a'.repeat(64);

describe('incident model', () => {
  it('numbers incidents per UTC day', () => {
    const now = new Date('2026-12-06T23:59:00Z');
    expect(nextIncidentId(now, [])).toBe('2026-12-06-1');
    expect(nextIncidentId(now, ['2026-12-06-1', '2026-12-06-2', '2026-12-05-3'])).toBe('2026-12-06-3');
  });

  it('starts at the evidence and moves on as steps are done or skipped', () => {
    let inc = fresh();
    expect(nextStep(inc)?.phase).toBe('evidence');
    expect(() => applyEvent(inc, { type: 'findings', at: AT, findings: [] })).toThrow(/evidence/);
    inc = applyEvent(inc, {
      type: 'evidence',
      at: AT,
      manifest: [
        { node: 'n:1', what: 'info', file: 'n/info.txt', sha256: SHA, bytes: 3 },
        { node: 'n:1', what: 'acl-list', missing: { reason: 'NOPERM', grant: '+acl|list' } },
      ],
      manifestSha256: SHA,
      nodes: ['n:1'],
    });
    expect(inc.phase).toBe('findings');
    expect(inc.timeline.at(-1)).toMatchObject({ kind: 'evidence', artefacts: 1, missing: 1 });
    inc = applyEvent(inc, { type: 'done', at: AT, phase: 'findings' });
    inc = applyEvent(inc, { type: 'skip', at: AT, phase: 'contain', reason: 'nothing to contain' });
    expect(inc.steps[2]).toMatchObject({ state: 'skipped', reason: 'nothing to contain' });
    expect(nextStep(inc)?.phase).toBe('investigate');
    inc = applyEvent(inc, { type: 'close', at: AT, outcome: 'false alarm', followUps: ['rotate'] });
    expect(nextStep(inc)).toBeUndefined();
    expect(inc.steps.map((s) => s.state)).toEqual(['done', 'done', 'skipped', 'skipped', 'skipped', 'done']);
    expect(() => applyEvent(inc, { type: 'done', at: AT, phase: 'close' })).toThrow(/closed/);
    expect(applyEvent(inc, { type: 'note', at: AT, text: 'later' }).timeline.at(-1)).toMatchObject({
      kind: 'note',
    });
  });

  it('an action is pending until its result, which keeps when it was sent and comes once', () => {
    const op = { id: 'acl.setuser', params: { change: 'block', user: 'x' } };
    let inc = fresh();
    expect(nextActionSeq(inc)).toBe(1);
    inc = applyEvent(inc, { type: 'action', at: AT, seq: 1, operation: op, result: 'pending' });
    expect(pendingActions(inc)).toHaveLength(1);
    expect(nextActionSeq(inc)).toBe(2);
    const later = '2026-12-06T03:09:00.000Z';
    inc = applyEvent(inc, { type: 'action', at: later, seq: 1, operation: op, result: 'ok', journal: later });
    expect(pendingActions(inc)).toHaveLength(0);
    expect(inc.timeline.filter((t) => t.kind === 'action')).toEqual([
      { at: AT, kind: 'action', seq: 1, operation: op, result: 'ok', journal: later },
    ]);
    expect(() =>
      applyEvent(inc, { type: 'action', at: later, seq: 1, operation: op, result: 'error' }),
    ).toThrow(/has its result already/);
  });

  it('a bad field is an error that names it', () => {
    const good = JSON.parse(serializeIncident(fresh())) as Record<string, unknown>;
    const bad = (patch: (o: Record<string, unknown>) => void) => {
      const o = structuredClone(good);
      patch(o);
      return () => parseIncident(JSON.stringify(o));
    };
    expect(bad((o) => (o.phase = 'party'))).toThrow(/incident\.phase: expected one of evidence/);
    expect(bad((o) => (o.id = '../etc'))).toThrow(/incident\.id/);
    expect(
      bad((o) => ((o.steps as unknown[])[1] = { phase: 'findings', title: 't', state: 'done' })),
    ).toThrow(/incident\.steps\[1\]\.at/);
    expect(
      bad((o) => (o.manifest = [{ node: 'n', what: 'info', file: 'f', sha256: 'x', bytes: 1 }])),
    ).toThrow(/incident\.manifest\[0\]\.sha256/);
    expect(bad((o) => (o.suspects = { users: [1], addresses: [] }))).toThrow(
      /incident\.suspects\.users\[0\]/,
    );
    expect(
      bad(
        (o) =>
          (o.later = [{ at: AT, what: 'monitor', manifestFile: '../x', manifestSha256: SHA, entries: [] }]),
      ),
    ).toThrow(/incident\.later\[0\]\.manifestFile/);
    expect(bad((o) => (o.known = { masters: 'a', networks: [] }))).toThrow(/incident\.known\.masters/);
    expect(() => parseIncident('{"version":1')).toThrow(IncidentParseError);
  });
});

// Events in any order (the ones a state refuses are skipped), with any text.
const text = fc.string({ maxLength: 20 });
const event: fc.Arbitrary<IncidentEvent> = fc.oneof(
  fc.record({
    type: fc.constant('evidence' as const),
    at: fc.constant(AT),
    manifest: fc.array(
      fc.oneof(
        fc.record({
          node: text,
          what: text,
          file: text,
          sha256: fc.constant(SHA),
          bytes: fc.nat(),
        }),
        fc.record({ node: text, what: text, missing: fc.record({ reason: text }) }),
      ),
      { maxLength: 4 },
    ),
    manifestSha256: fc.constant(SHA),
  }),
  fc.record({
    type: fc.constant('findings' as const),
    at: fc.constant(AT),
    findings: fc.array(
      fc.record({
        kind: text,
        severity: fc.constantFrom(...SEVERITIES),
        title: text,
        evidence: fc.array(fc.record({ artefact: text, excerpt: text }), { maxLength: 2 }),
        suggests: fc.array(fc.record({ id: text, params: fc.dictionary(text, text) }), { maxLength: 2 }),
      }),
      { maxLength: 3 },
    ),
  }),
  fc.record({ type: fc.constant('note' as const), at: fc.constant(AT), text }),
  fc.record({ type: fc.constant('done' as const), at: fc.constant(AT), phase: fc.constantFrom(...PHASES) }),
  fc.record({
    type: fc.constant('skip' as const),
    at: fc.constant(AT),
    phase: fc.constantFrom(...PHASES),
    reason: text,
  }),
  fc.record({
    type: fc.constant('action' as const),
    at: fc.constant(AT),
    seq: fc.integer({ min: 1, max: 3 }),
    operation: fc.record({ id: text, params: fc.dictionary(text, text) }),
    result: fc.constantFrom(...ACTION_RESULTS),
  }),
  fc.record({
    type: fc.constant('more-evidence' as const),
    evidence: fc.record({
      at: fc.constant(AT),
      what: text,
      manifestFile: fc.constantFrom('manifest-2.json', 'manifest-3.json'),
      manifestSha256: fc.constant(SHA),
      entries: fc.array(fc.record({ node: text, what: text, missing: fc.record({ reason: text }) }), {
        maxLength: 2,
      }),
    }),
  }),
  fc.record({
    type: fc.constant('suspects' as const),
    at: fc.constant(AT),
    suspects: fc.record({
      users: fc.array(text, { maxLength: 2 }),
      addresses: fc.array(text, { maxLength: 2 }),
    }),
  }),
  fc.record({ type: fc.constant('close' as const), at: fc.constant(AT), outcome: text }),
);

function play(events: IncidentEvent[]): Incident {
  let inc = fresh();
  for (const ev of events) {
    try {
      inc = applyEvent(inc, ev);
    } catch {
      // refused in this state: the incident is unchanged
    }
  }
  return inc;
}

describe('incident serialisation', () => {
  it('parse(serialize(x)) is x for any incident the events make', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const inc = play(events);
        expect(parseIncident(serializeIncident(inc))).toEqual(inc);
      }),
      { numRuns: 200 },
    );
  });

  it('the phase is always the first step still to do (close when none)', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const inc = play(events);
        expect(inc.phase).toBe(nextStep(inc)?.phase ?? 'close');
      }),
    );
  });
});
