// The journal as the operator reads it (src/journal/view.ts): names written as shown are shown
// escaped once, raw control characters escaped, queries by action, prefix, node and time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDisplay } from '../../src/domain/display.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import { actionProblem, journalRow, matchesQuery, readable } from '../../src/journal/view.js';

const entry = (over: Partial<JournalEntry> = {}): JournalEntry => ({
  ts: '2026-12-07T03:04:05.678Z',
  kind: 'mutation',
  actor: 'op',
  nodes: ['127.0.0.1:7000'],
  action: 'acl.setuser',
  args: ['ACL', 'SETUSER', 'u\\xffbad', 'off'],
  outcome: 'ok',
  ...over,
});

const shown = (e: JournalEntry) => journalRow(readable(e)).map((c) => toDisplay(c));

describe('journal rows', () => {
  it('shows a name the journal holds as shown escaped once, and a raw control escaped', () => {
    expect(shown(entry())).toEqual([
      '2026-12-07 03:04:05',
      'op',
      'acl.setuser',
      '127.0.0.1:7000',
      'ok',
      'ACL SETUSER u\\xffbad off',
    ]);
    const failed = entry({ outcome: 'error', profile: 'prod', detail: { message: 'no\x1b[2J' } });
    expect(shown(failed).slice(1)).toEqual([
      'op (prod)',
      'acl.setuser',
      '127.0.0.1:7000',
      'error',
      'ACL SETUSER u\\xffbad off: no\\x1b[2J',
    ]);
  });

  it('a string written as shown reads back as shown, whatever it held', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = readable(entry({ args: [toDisplay(s)] }));
        expect(toDisplay((e.args as string[])[0])).toBe(toDisplay(s));
      }),
    );
  });
});

describe('journal queries', () => {
  it('takes an id or a prefix ending in a dot; anything else names the ids', () => {
    expect(actionProblem('acl.setuser')).toBeUndefined();
    expect(actionProblem('client.')).toBeUndefined();
    expect(actionProblem('acl')).toContain('acl.setuser');
    expect(actionProblem('nope.')).toContain('the ids');
  });

  it('matches by action, prefix, node (raw or shown) and time', () => {
    const e = entry({ nodes: ['unix:/tmp/r\x1b.sock'] });
    expect(matchesQuery(e, { action: 'acl.setuser' })).toBe(true);
    expect(matchesQuery(e, { action: 'acl.' })).toBe(true);
    expect(matchesQuery(e, { action: 'acl.set' })).toBe(false);
    expect(matchesQuery(e, { action: 'client.' })).toBe(false);
    expect(matchesQuery(e, { node: 'unix:/tmp/r\\x1b.sock' })).toBe(true);
    expect(matchesQuery(e, { node: '127.0.0.1:7000' })).toBe(false);
    expect(matchesQuery(e, { since: new Date('2026-12-07T03:04:05.678Z') })).toBe(true);
    expect(matchesQuery(e, { since: new Date('2026-12-07T03:04:06Z') })).toBe(false);
    // An entry with a target and no per-node list (incident evidence of one address).
    expect(
      matchesQuery(entry({ nodes: undefined, target: '10.0.0.5:6379' }), { node: '10.0.0.5:6379' }),
    ).toBe(true);
  });
});
