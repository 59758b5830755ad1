// The tail's filter, without a terminal.
import { describe, expect, it } from 'vitest';
import { filterTail } from '../../src/ui/panes/acl-log/filter-tail.js';
import type { TailRow } from '../../src/state/acl-log-slice.js';

const row = (id: number, username: string, object = 'AUTH', addr = '10.0.0.1:5000'): TailRow => ({
  id,
  node: '127.0.0.1:6379',
  key: `k${id}`,
  reason: 'auth',
  context: 'toplevel',
  object,
  username,
  clientInfo: `addr=${addr}`,
  client: { addr },
  count: 1,
  firstSeen: 0,
  lastSeen: 0,
});
const rows = [row(1, 'ev\x1b[31mil'), row(2, 'mallory', 'AUTH', '10.9.9.9:1'), row(3, 'app', 'other:key')];

describe('filterTail', () => {
  it('matches text in any field, raw or as shown on screen', () => {
    expect(filterTail(rows, 'mallory').rows.map((r) => r.id)).toEqual([2]);
    expect(filterTail(rows, 'ev\\x1b').rows.map((r) => r.id)).toEqual([1]);
    expect(filterTail(rows, '10.9.').rows.map((r) => r.id)).toEqual([2]);
    expect(filterTail(rows, 'other:').rows.map((r) => r.id)).toEqual([3]);
  });

  it('takes /regex/ and /regex/i; an invalid one shows no rows and says why', () => {
    expect(filterTail(rows, '/^MAL/i').rows.map((r) => r.id)).toEqual([2]);
    expect(filterTail(rows, '/^a.p$/').rows.map((r) => r.id)).toEqual([3]);
    const bad = filterTail(rows, '/(/');
    expect(bad.rows).toEqual([]);
    expect(bad.error).toMatch(/Not a valid regex/);
  });
});
