// Identical violations are one row with the summed count and first/last seen; anything that
// differs (node, reason, object, user, client host or name) stays apart; nothing is lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupRows, violationKey } from '../../../src/domain/acl-log/group.js';

interface Row {
  id: number;
  node: string;
  reason: string;
  context: string;
  object: string;
  username: string;
  client: { addr?: string; name?: string; id?: string };
  count: number;
  firstSeen: number;
  lastSeen: number;
}

let n = 0;
const row = (p: Partial<Row> = {}): Row => ({
  id: ++n,
  node: 'n1',
  reason: 'command',
  context: 'toplevel',
  object: 'set',
  username: 'ro',
  client: { addr: '10.0.0.5:5000', name: 'app', id: String(n) },
  count: 1,
  firstSeen: 1000,
  lastSeen: 1000,
  ...p,
});
const id = (r: Row) => String(r.id);

describe('groupRows', () => {
  it('15 identical "readonly set" rows are one, with count, first and last seen of the newest', () => {
    const rows = Array.from({ length: 15 }, (_, i) =>
      row({
        firstSeen: 1000 + i * 10_000,
        lastSeen: 1000 + i * 10_000,
        client: { addr: `10.0.0.5:${5000 + i}`, name: 'app', id: String(i) },
      }),
    ).reverse();
    const g = groupRows(rows, id);
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({ count: 15, members: 15, firstSeen: 1000, lastSeen: 141_000 });
    // Acting on the row acts on the newest member's client.
    expect(g[0]!.client.id).toBe('14');
    // The oldest member names the group: a new member does not move the selection.
    expect(g[0]!.groupId).toBe(id(rows[14]!));
    expect(groupRows([row({ lastSeen: 200_000 }), ...rows], id)[0]!.groupId).toBe(g[0]!.groupId);
  });

  it('keeps apart what differs', () => {
    const base = row();
    const others = [
      row({ node: 'n2' }),
      row({ reason: 'key' }),
      row({ object: 'get' }),
      row({ username: 'rw' }),
      row({ client: { addr: '10.0.0.6:5000', name: 'app' } }),
      row({ client: { addr: '10.0.0.5:5000', name: 'other' } }),
      row({ context: 'lua' }),
    ];
    expect(groupRows([base, ...others], id)).toHaveLength(8);
    for (const o of others) expect(violationKey(o)).not.toBe(violationKey(base));
  });

  it('property: counts are kept whole, groups are unique and newest first', () => {
    const arb = fc.record({
      username: fc.constantFrom('a', 'b', 'c\u001b', 'd\udcff'),
      object: fc.constantFrom('set', 'get'),
      addr: fc.constantFrom('10.0.0.5:1', '10.0.0.5:2', '10.0.0.6:1'),
      count: fc.integer({ min: 1, max: 100 }),
      t: fc.integer({ min: 0, max: 1e6 }),
    });
    fc.assert(
      fc.property(fc.array(arb), (raw) => {
        const rows = raw
          .map((r) =>
            row({
              username: r.username,
              object: r.object,
              client: { addr: r.addr },
              count: r.count,
              firstSeen: r.t,
              lastSeen: r.t,
            }),
          )
          .sort((a, b) => b.lastSeen - a.lastSeen);
        const g = groupRows(rows, id);
        expect(g.reduce((s, x) => s + x.count, 0)).toBe(rows.reduce((s, x) => s + x.count, 0));
        expect(g.reduce((s, x) => s + x.members, 0)).toBe(rows.length);
        expect(new Set(g.map(violationKey)).size).toBe(g.length);
        for (let i = 1; i < g.length; i++) expect(g[i - 1]!.lastSeen).toBeGreaterThanOrEqual(g[i]!.lastSeen);
        for (const x of g) {
          const members = rows.filter((r) => violationKey(r) === violationKey(x));
          expect(x.firstSeen).toBe(Math.min(...members.map((m) => m.firstSeen)));
          expect(x.lastSeen).toBe(Math.max(...members.map((m) => m.lastSeen)));
        }
      }),
    );
  });
});
