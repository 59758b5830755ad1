// The default alerts: a burst of failed AUTHs from one address, a rate well above the last
// hour's (with a floor), a set rate (0: off), raised once per crossing, said escaped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTH_BURST,
  authBursts,
  baselinePerMinute,
  evaluateAlerts,
  hostOf,
  newlyRaised,
  RATE_FLOOR,
} from '../../../src/domain/acl-log/alerts.js';
import type { AlertEvent } from '../../../src/domain/acl-log/alerts.js';
import { alertBadge, alertLine } from '../../../src/domain/acl-log/alert-text.js';
import { addToMinutes, ratePerMinute } from '../../../src/domain/acl-log/rate.js';

const NOW = 1_800_000_030_000; // 30 s into a minute
const HOUR = 3_600_000;
const ev = (p: Partial<AlertEvent> & { addr?: string } = {}): AlertEvent => ({
  node: p.node ?? '127.0.0.1:7000',
  reason: p.reason ?? 'auth',
  username: p.username ?? 'admin',
  client: { addr: p.addr ?? '10.0.0.5:50000' },
  count: p.count ?? 1,
  lastSeen: p.lastSeen ?? NOW - 1000,
});
const input = (events: AlertEvent[], rate?: number, perMinute = addToMinutes({}, events, NOW)) => ({
  perMinute,
  events,
  now: NOW,
  since: NOW - 2 * HOUR,
  settings: rate === undefined ? {} : { rate },
});

describe('auth burst', () => {
  it('fires at AUTH_BURST failed AUTHs from one host within a minute, whatever the ports', () => {
    const nine = Array.from({ length: 9 }, (_, i) => ev({ addr: `10.0.0.5:${50000 + i}` }));
    expect(authBursts(nine, NOW)).toEqual([]);
    const ten = [...nine, ev({ addr: '10.0.0.5:60000', username: 'root' })];
    const [a] = authBursts(ten, NOW);
    expect(a).toMatchObject({ kind: 'auth-burst', addr: '10.0.0.5', rate: 10, threshold: AUTH_BURST });
    expect(a!.usernames).toEqual(['admin', 'root']);
  });

  it("counts an entry's count (Redis groups repeats), not rows; only auth, only the last minute", () => {
    expect(authBursts([ev({ count: 12 })], NOW)).toHaveLength(1);
    expect(authBursts([ev({ count: 12, reason: 'command' })], NOW)).toEqual([]);
    expect(authBursts([ev({ count: 12, lastSeen: NOW - 61_000 })], NOW)).toEqual([]);
    // Two addresses with 6 each: no one address reached it.
    expect(authBursts([ev({ count: 6 }), ev({ count: 6, addr: '10.0.0.6:1' })], NOW)).toEqual([]);
  });

  it('sums one address over nodes and names them', () => {
    const [a] = authBursts([ev({ count: 5 }), ev({ count: 5, node: '127.0.0.1:7001' })], NOW);
    expect(a!.nodes).toEqual(['127.0.0.1:7000', '127.0.0.1:7001']);
  });

  it('host of an address', () => {
    expect(hostOf('10.0.0.5:6379')).toBe('10.0.0.5');
    expect(hostOf('[::1]:6379')).toBe('[::1]');
    expect(hostOf('/tmp/redis.sock:0')).toBe('/tmp/redis.sock');
    expect(hostOf('weird')).toBe('weird');
  });
});

describe('rate', () => {
  const busy = (n: number) => [ev({ reason: 'command', count: n, lastSeen: NOW - 1000 })];

  it('no configuration: a quiet server is no alert, a rate at the floor is', () => {
    expect(evaluateAlerts(input(busy(3)))).toEqual([]);
    const [a] = evaluateAlerts(input(busy(RATE_FLOOR)));
    expect(a).toMatchObject({ kind: 'rate', rate: RATE_FLOOR, threshold: RATE_FLOOR, basis: 'default' });
  });

  it("above the floor, it takes 3x the last hour's rate", () => {
    // 40 a minute for the last hour: 100 now is under 120.
    let pm: Record<number, number> = {};
    for (let m = 2; m <= 60; m++) pm = addToMinutes(pm, [{ count: 40, lastSeen: NOW - m * 60_000 }], NOW);
    const now = addToMinutes(pm, busy(100), NOW);
    expect(evaluateAlerts(input(busy(100), undefined, now))).toEqual([]);
    const more = addToMinutes(pm, busy(130), NOW);
    expect(evaluateAlerts(input(busy(130), undefined, more))[0]).toMatchObject({
      threshold: 120,
      baseline: 40,
    });
  });

  it('a baseline needs 5 minutes of watching', () => {
    expect(baselinePerMinute({}, NOW, NOW - 3 * 60_000)).toBeUndefined();
    expect(baselinePerMinute({}, NOW, NOW - 10 * 60_000)).toBe(0);
  });

  it('a set rate replaces the default; 0 turns the rate alert off, not the burst', () => {
    expect(evaluateAlerts(input(busy(1), 1))[0]).toMatchObject({ kind: 'rate', basis: 'set', threshold: 1 });
    expect(evaluateAlerts(input(busy(500), 0))).toEqual([]);
    expect(evaluateAlerts(input([ev({ count: 50 })], 0)).map((a) => a.kind)).toEqual(['auth-burst']);
  });

  it('property: never an alert below both thresholds, always one at a set rate reached', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ count: fc.integer({ min: 1, max: 20 }), ago: fc.integer({ min: 0, max: 59_000 }) }),
        ),
        fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
        (raw, rate) => {
          const events = raw.map((r) =>
            ev({ count: r.count, lastSeen: NOW - r.ago, addr: `10.0.0.5:${r.ago}` }),
          );
          const alerts = evaluateAlerts(input(events, rate));
          const total = events.reduce((n, e) => n + e.count, 0);
          const shown = ratePerMinute(addToMinutes({}, events, NOW), NOW);
          // All in the last minute, from one host: the burst holds from AUTH_BURST on.
          expect(alerts.some((a) => a.kind === 'auth-burst')).toBe(total >= AUTH_BURST);
          const rateAlert = alerts.some((a) => a.kind === 'rate');
          if (rate === 0) expect(rateAlert).toBe(false);
          else if (rate !== undefined) expect(rateAlert).toBe(shown >= rate);
          else expect(rateAlert).toBe(shown >= RATE_FLOOR); // two hours watched, none before
        },
      ),
    );
  });
});

describe('raised once per crossing', () => {
  it('is raised when it starts to hold, not again while it holds, again after it cleared', () => {
    const [a] = authBursts([ev({ count: 10 })], NOW);
    let r = newlyRaised(new Set(), [a!]);
    expect(r.raised).toHaveLength(1);
    r = newlyRaised(r.active, [a!]);
    expect(r.raised).toEqual([]);
    r = newlyRaised(r.active, []);
    expect(newlyRaised(r.active, [a!]).raised).toHaveLength(1);
  });
});

describe('alert text', () => {
  it('says what, how many, from where and as whom, escaped', () => {
    const [a] = authBursts([ev({ count: 12, username: 'x\x1b[2Jy\u202e' })], NOW);
    const line = alertLine(a!);
    expect(line).toBe(
      'auth burst: 12 failed AUTHs in a minute from 10.0.0.5 (at 10 or more a minute from one address; users x\\x1b[2Jy\\u202e; on 127.0.0.1:7000)',
    );
    expect(alertBadge(a!)).toBe('AUTH BURST 10.0.0.5');
    const [long] = authBursts([ev({ count: 10, addr: `/run/${'r'.repeat(40)}/redis.sock:0` })], NOW);
    expect(alertBadge(long!)).toBe(`AUTH BURST /run/${'r'.repeat(18)}…`);
    const [r] = evaluateAlerts(input([ev({ reason: 'key', count: 5 })], 2));
    expect(alertLine(r!)).toMatch(
      /^rate: 5 ACL LOG events\/min \(over the set 2\/min; busiest 10\.0\.0\.5; users admin/,
    );
  });
});
