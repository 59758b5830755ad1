// What a capture already holds is never recorded again: counted per group, subtracted oldest first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countByGroup,
  withoutCapturedHistory,
  withoutCapturedSince,
} from '../../../src/domain/acl-log/captured.js';
import { groupKey } from '../../../src/domain/acl-log/match.js';

const ev = (username: string, count: number, history?: boolean) => ({
  reason: 'auth',
  context: 'toplevel',
  object: 'AUTH',
  username,
  count,
  ...(history ? { history } : {}),
});

describe('captured', () => {
  it('counts per group', () => {
    const m = countByGroup([ev('a', 2), ev('b', 1), ev('a', 3)]);
    expect(m.get(groupKey(ev('a', 0)))).toBe(5);
    expect(m.get(groupKey(ev('b', 0)))).toBe(1);
  });

  it('since a saved position: each group less what the capture got beyond it, oldest first', () => {
    const held = countByGroup([ev('a', 4)]);
    expect(withoutCapturedSince([ev('a', 3), ev('b', 2), ev('a', 3), ev('a', 1)], held)).toEqual([
      ev('b', 2),
      ev('a', 2),
      ev('a', 1),
    ]);
  });

  it('history: an entry the capture holds as many of is dropped; a new event never is', () => {
    const held = countByGroup([ev('a', 4)]);
    expect(withoutCapturedHistory([ev('a', 4, true), ev('a', 1), ev('b', 1, true)], held)).toEqual([
      ev('a', 1),
      ev('b', 1, true),
    ]);
  });

  it('subtracting keeps, per group, exactly what was not captured yet', () => {
    const user = fc.constantFrom('a', 'b', 'c\u001b', 'd\udcff');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(user, fc.integer({ min: 1, max: 50 }))),
        fc.array(fc.tuple(user, fc.integer({ min: 1, max: 50 }))),
        (events, before) => {
          const held = countByGroup(before.map(([u, n]) => ev(u, n)));
          const all = countByGroup(events.map(([u, n]) => ev(u, n)));
          const out = withoutCapturedSince(
            events.map(([u, n]) => ev(u, n)),
            held,
          );
          const got = countByGroup(out);
          for (const [g, n] of all) expect(got.get(g) ?? 0).toBe(Math.max(0, n - (held.get(g) ?? 0)));
          expect(out.every((e) => e.count > 0)).toBe(true);
        },
      ),
    );
  });
});
