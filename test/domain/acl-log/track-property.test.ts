// track() against a model of Redis's ACL LOG driven by random violations, polls, resets,
// restarts and limit changes: it never counts a violation twice, it is exact whenever it
// says nothing, and every lost violation comes with a notice (within what 7.0 can show).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { track } from '../../../src/domain/acl-log/track.js';
import type { TrackState } from '../../../src/domain/acl-log/track.js';
import type { TailNotice } from '../../../src/domain/acl-log/types.js';
import { AclLogModel } from './acl-log-model.js';
import type { Group } from './acl-log-model.js';

const GROUPS: Group[] = [
  { reason: 'auth', context: 'toplevel', object: 'AUTH', username: 'admin' },
  { reason: 'auth', context: 'toplevel', object: 'auth', username: 'admin' },
  { reason: 'auth', context: 'toplevel', object: 'AUTH', username: '\u001b[2Jroot' },
  { reason: 'key', context: 'toplevel', object: 'secret', username: 'app' },
  { reason: 'key', context: 'multi', object: 'secret', username: 'app' },
  { reason: 'command', context: 'toplevel', object: 'flushall', username: 'app' },
];

type Op =
  | { op: 'violate'; group: number; client: number; wait: number }
  | { op: 'poll'; wait: number; jitter: number; stall: number }
  | { op: 'reset' }
  | { op: 'restart' }
  | { op: 'maxLen'; n: number };

const wait = fc.constantFrom(0, 1, 7, 250, 1000, 20_000, 59_999, 60_001, 90_000);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      op: fc.constant('violate' as const),
      group: fc.nat(GROUPS.length - 1),
      client: fc.nat(3),
      wait,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('poll' as const),
      wait,
      jitter: fc.nat(40),
      stall: fc.constantFrom(0, 0, 900, 4000),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'reset' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('maxLen' as const), n: fc.integer({ min: 1, max: 14 }) }),
  },
);

interface Run {
  withIds: boolean;
  knownMaxLen: boolean;
  serverClock: boolean;
  maxLen: number;
  pre: { group: number; wait: number }[];
  ops: Op[];
}

const run = (withIds: boolean, knownMaxLen: boolean): fc.Arbitrary<Run> =>
  fc.record({
    withIds: fc.constant(withIds),
    knownMaxLen: fc.constant(knownMaxLen),
    serverClock: fc.boolean(),
    maxLen: fc.integer({ min: 1, max: 14 }),
    pre: fc.array(fc.record({ group: fc.nat(GROUPS.length - 1), wait }), { maxLength: 20 }),
    ops: fc.array(op, { maxLength: 80 }),
  });

const sum = (xs: { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);

function simulate(r: Run, check: (poll: PollCheck) => void): void {
  const m = new AclLogModel(r.maxLen, r.withIds);
  for (const p of r.pre) {
    m.advance(p.wait);
    m.violate(GROUPS[p.group]!, 'id=1 addr=10.0.0.1:5000 cmd=auth user=default');
  }
  const ctxOf = (jitter: number) => ({
    node: 'n1',
    // The console's clock: a fixed offset from the server's, plus delivery jitter; with the
    // server's clock given, also event-loop stalls between the reply and `now`.
    now: m.now + 3_217 + jitter,
    runId: m.runId,
    maxLen: r.knownMaxLen ? m.maxLen : undefined,
    serverTime: r.serverClock ? m.now : undefined,
  });
  const first = track(undefined, m.reply(), ctxOf(0));
  expect(first.events.every((e) => e.history)).toBe(true);
  expect(sum(first.events)).toBe(sum(m.reply()));
  m.closeInterval();
  let state: TrackState = first.state;
  let limitBefore = m.maxLen;
  let lastPollAt = m.now;
  for (const o of r.ops) {
    if (o.op === 'violate') {
      m.advance(o.wait);
      m.violate(GROUPS[o.group]!, `id=${o.client} addr=10.0.0.${o.client}:5000 name= cmd=auth user=default`);
    } else if (o.op === 'reset') m.reset();
    else if (o.op === 'restart') m.restart();
    else if (o.op === 'maxLen') {
      if (r.knownMaxLen) m.setMaxLen(o.n);
    } else {
      m.advance(o.wait);
      const before = state;
      const elapsed = m.now - lastPollAt;
      lastPollAt = m.now;
      const out = track(before, m.reply(), ctxOf(o.jitter + (r.serverClock ? o.stall : 0)));
      state = out.state;
      const truth = m.closeInterval();
      expect(out.events.every((e) => !e.history && e.count > 0)).toBe(true);
      // Either limit may have applied since the last poll.
      const logFull = m.entries.length >= Math.min(limitBefore, m.maxLen);
      limitBefore = m.maxLen;
      check({ truth, events: sum(out.events), notices: out.notices, before, logFull, m, elapsed });
    }
  }
}

interface PollCheck {
  truth: ReturnType<AclLogModel['closeInterval']>;
  events: number;
  notices: TailNotice[];
  before: TrackState;
  logFull: boolean;
  m: AclLogModel;
  /** Server time between the two polls. */
  elapsed: number;
}

const said = (p: PollCheck) => p.notices.filter((n) => n.kind !== 'recovered' && n.kind !== 'error');
const kinds = (p: PollCheck) => said(p).map((n) => n.kind);

describe('track() over a model of Redis 7.2+ (entry ids)', () => {
  for (const knownMaxLen of [true, false]) {
    it(`counts exactly what is still visible, and every loss is announced (max len ${knownMaxLen ? 'known' : 'unknown'})`, () => {
      fc.assert(
        fc.property(run(true, knownMaxLen), (r) =>
          simulate(r, (p) => {
            // Ids make identity exact: every visible violation, once.
            expect(p.events).toBe(p.truth.violations - p.truth.lost);
            const claimed = said(p).reduce((n, x) => n + (x.lost ?? 0), 0);
            expect(claimed).toBeLessThanOrEqual(p.truth.lost);
            // A reset of a log that was empty at the last poll leaves no trace in ACL LOG.
            const traceless = p.truth.reset && p.before.entries.length === 0;
            if (p.truth.lost > 0 && !traceless) expect(said(p).length).toBeGreaterThan(0);
            if (p.truth.restart) expect(kinds(p)).toContain('restart');
            else if (p.truth.reset && knownMaxLen && !p.logFull && p.before.entries.length > 0)
              expect(kinds(p)).toContain('reset');
          }),
        ),
        { numRuns: 250 },
      );
    });
  }
});

describe('track() over a model of Redis 7.0 (no ids)', () => {
  for (const knownMaxLen of [true, false]) {
    it(`never counts twice; exact when silent; losses announced (max len ${knownMaxLen ? 'known' : 'unknown'})`, () => {
      fc.assert(
        fc.property(run(false, knownMaxLen), (r) =>
          simulate(r, (p) => {
            expect(p.events).toBeLessThanOrEqual(p.truth.violations - p.truth.lost);
            if (p.truth.restart) expect(kinds(p)).toContain('restart');
            // A reset that every old entry's group outgrew looks exactly like growth on 7.0.
            if (p.truth.reset) return;
            if (said(p).length === 0) expect(p.events).toBe(p.truth.violations);
            if (p.truth.lost > 0) expect(kinds(p)).toContain('gap');
          }),
        ),
        { numRuns: 250 },
      );
    });
  }

  it('detects a reset unless every old entry has a look-alike: same group, a bigger count or the same count and age', () => {
    fc.assert(
      fc.property(run(false, true), (r) =>
        simulate(r, (p) => {
          if (!p.truth.reset || p.truth.restart || p.logFull) return;
          const now = p.m.reply();
          const explained = (t: TrackState['entries'][number]) =>
            now.some(
              (e) =>
                `g:${JSON.stringify([e.reason, e.context, e.object, e.username])}` === t.group &&
                (e.count > t.count ||
                  (e.count === t.count &&
                    Math.abs(Math.round(e.ageSeconds * 1000) - t.ageMs - p.elapsed) <= 300)),
            );
          if (p.before.entries.some((t) => !explained(t))) expect(kinds(p)).toContain('reset');
        }),
      ),
      { numRuns: 250 },
    );
  });
});
