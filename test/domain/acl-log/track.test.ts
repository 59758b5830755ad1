// track() on hand-built replies: the 7.2 path (ids, never served by this machine's 7.0.15)
// and the 7.0 grouping cases one at a time. The model-driven properties are in
// track-property.test.ts; real-server polls in test/redis/acl-log.test.ts.
import { describe, expect, it } from 'vitest';
import { entryKey, groupKey, track } from '../../../src/domain/acl-log/track.js';
import type { TrackContext, TrackState } from '../../../src/domain/acl-log/track.js';
import type { AclLogEntry } from '../../../src/domain/acl-log/types.js';
import { AclLogModel } from './acl-log-model.js';

const T0 = 1_700_000_000_000;
const base = {
  reason: 'auth',
  context: 'toplevel',
  object: 'AUTH',
  clientInfo: 'id=9 addr=10.1.2.3:4567 name= cmd=auth user=default',
};
const e = (
  username: string,
  count: number,
  ageSeconds: number,
  more: Partial<AclLogEntry> = {},
): AclLogEntry => ({
  ...base,
  username,
  count,
  ageSeconds,
  ...more,
});
/** A 7.2 entry: created `createdAgo` ms before T0, last updated at T0 + `updated`. */
const e72 = (id: number, username: string, count: number, updated = 0): AclLogEntry =>
  e(username, count, 0, {
    entryId: id,
    timestampCreated: T0 - 1000 + id,
    timestampLastUpdated: T0 + updated,
  });
const ctx = (now: number, more: Partial<TrackContext> = {}): TrackContext => ({
  node: 'n1',
  now,
  runId: 'r1',
  maxLen: 128,
  ...more,
});
const total = (events: { count: number }[]) => events.reduce((n, x) => n + x.count, 0);

describe('first poll', () => {
  it('returns the log as history, oldest first, each with its whole count', () => {
    const out = track(undefined, [e('b', 2, 1.5), e('a', 5, 30)], ctx(T0));
    expect(out.events.map((x) => [x.username, x.count, x.history])).toEqual([
      ['a', 5, true],
      ['b', 2, true],
    ]);
    expect(out.events[0]!.client).toEqual({
      id: '9',
      addr: '10.1.2.3:4567',
      name: '',
      cmd: 'auth',
      user: 'default',
    });
    expect(out.events[0]!.lastSeen).toBe(T0 - 30_000);
    expect(out.notices).toEqual([]);
  });

  it('keys 7.2 entries by id and creation time, 7.0 entries by their group', () => {
    expect(entryKey(e72(7, 'x', 1))).toBe(`id:7:${T0 - 1000 + 7}`);
    expect(entryKey(e('x', 1, 0))).toBe(groupKey(e('x', 9, 3)));
    expect(entryKey(e('x', 1, 0, { object: 'auth' }))).not.toBe(entryKey(e('x', 1, 0)));
  });
});

describe('Redis 7.0 (no ids)', () => {
  const poll = (
    prev: TrackState | undefined,
    entries: AclLogEntry[],
    at: number,
    more: Partial<TrackContext> = {},
  ) => track(prev, entries, ctx(at, more));

  it('a count increase is that many new events under the same key', () => {
    const p1 = poll(undefined, [e('a', 3, 2), e('z', 1, 5)], T0);
    const p2 = poll(p1.state, [e('a', 5, 0.2), e('z', 1, 6)], T0 + 1000);
    expect(p2.events.map((x) => [x.username, x.count])).toEqual([['a', 2]]);
    expect(p2.events[0]!.key).toBe(p1.events.find((x) => x.username === 'a')!.key);
    expect(p2.events[0]!.lastSeen).toBe(T0 + 800);
    expect(p2.notices).toEqual([]);
    const p3 = poll(p2.state, [e('a', 5, 1.2), e('z', 1, 7)], T0 + 2000);
    expect(p3.events).toEqual([]);
  });

  it('a repeat more than 60 s after the last one is a new entry of the same group', () => {
    const p1 = poll(undefined, [e('a', 3, 59), e('z', 1, 70)], T0);
    // 'a' was 59 s old: a repeat 2 s later could not join it (61 s), so this is new.
    const p2 = poll(p1.state, [e('a', 4, 0), e('a', 3, 61), e('z', 1, 72)], T0 + 2000);
    expect(p2.events.map((x) => x.count)).toEqual([4]);
    expect(p2.events[0]!.key).not.toBe(p1.events.find((x) => x.username === 'a')!.key);
  });

  it('an entry past the 10 newest cannot grow: a same-group entry above it is new', () => {
    const others = Array.from({ length: 10 }, (_, i) => e(`u${i}`, 1, 1 + i / 100));
    const p1 = poll(undefined, [...others, e('a', 2, 2), e('z', 1, 3)], T0);
    const p2 = poll(
      p1.state,
      [
        e('a', 3, 0),
        ...others.map((x) => ({ ...x, ageSeconds: x.ageSeconds + 1 })),
        e('a', 2, 3),
        e('z', 1, 4),
      ],
      T0 + 1000,
    );
    expect(p2.events.map((x) => [x.username, x.count])).toEqual([['a', 3]]);
  });

  it('a reset is said, and an entry that comes back after it counts in full', () => {
    const p1 = poll(undefined, [e('a', 5, 1), e('b', 1, 2)], T0);
    const p2 = poll(p1.state, [e('a', 2, 0.1)], T0 + 1000);
    expect(p2.notices.map((n) => n.kind)).toEqual(['reset']);
    expect(p2.notices[0]!.text).toMatch(/ACL LOG RESET/);
    expect(p2.events.map((x) => x.count)).toEqual([2]);
    // Still the entry of after the reset: it grows by one, not by seven.
    const p3 = poll(p2.state, [e('a', 3, 0.1)], T0 + 2000);
    expect(total(p3.events)).toBe(1);
  });

  it('a reset of a log whose every entry regrew bigger is indistinguishable from growth (counted low, never twice)', () => {
    const p1 = poll(undefined, [e('a', 5, 1)], T0);
    const p2 = poll(p1.state, [e('a', 7, 0.1)], T0 + 1000);
    expect(total(p2.events)).toBe(2);
  });

  it('a restart (new run id) is said and the new log counts in full, not as history', () => {
    const p1 = poll(undefined, [e('a', 5, 1)], T0);
    const p2 = poll(p1.state, [e('a', 9, 0.1)], T0 + 1000, { runId: 'r2' });
    expect(p2.notices.map((n) => n.kind)).toEqual(['restart']);
    expect(p2.events.map((x) => [x.count, x.history])).toEqual([[9, undefined]]);
  });

  it('a full log with no entry left unchanged may have lost events: it says so, without a number', () => {
    const p1 = poll(undefined, [e('a', 1, 1), e('b', 1, 2)], T0, { maxLen: 2 });
    const p2 = poll(p1.state, [e('d', 1, 0.1), e('c', 1, 0.2)], T0 + 1000, { maxLen: 2 });
    expect(p2.notices).toHaveLength(1);
    expect(p2.notices[0]!.kind).toBe('gap');
    expect(p2.notices[0]!.lost).toBeUndefined();
    expect(p2.notices[0]!.text).toMatch(/may have been lost.*CONFIG SET acllog-max-len 1024/);
    expect(total(p2.events)).toBe(2);
  });

  it('a full log that kept an old entry unchanged lost nothing', () => {
    const p1 = poll(undefined, [e('a', 1, 1), e('b', 1, 2)], T0, { maxLen: 2 });
    const p2 = poll(p1.state, [e('c', 1, 0.1), e('a', 1, 2)], T0 + 1000, { maxLen: 2 });
    expect(p2.notices).toEqual([]);
    expect(total(p2.events)).toBe(1);
  });

  it('entries too young to vouch (a burst just filled the log) leave one "may", then none', () => {
    const at = (ms: number, entries: AclLogEntry[], prev?: TrackState) =>
      poll(prev, entries, T0 + ms, { maxLen: 2, serverTime: T0 + ms });
    const p1 = at(0, [e('b', 1, 0.005), e('a', 1, 0.01)]);
    const p2 = at(100, [e('b', 1, 0.105), e('a', 1, 0.11)], p1.state);
    expect([p2.events, p2.notices.map((n) => n.kind)]).toEqual([[], ['gap']]);
    const p3 = at(200, [e('b', 1, 0.205), e('a', 1, 0.21)], p2.state);
    expect([p3.events, p3.notices]).toEqual([[], []]);
  });

  it('why 7.0 cannot count what was lost: two histories, one losing two violations, give the same replies', () => {
    const replies = (extra: boolean) => {
      const m = new AclLogModel(2, false);
      const g = (username: string) => ({ reason: 'auth', context: 'toplevel', object: 'AUTH', username });
      m.violate(g('a'), 'id=1');
      m.violate(g('b'), 'id=1');
      const first = m.reply();
      m.advance(500);
      if (extra) ['x', 'y'].forEach((u) => m.violate(g(u), 'id=1'));
      m.advance(100);
      ['c', 'd'].forEach((u) => m.violate(g(u), 'id=1'));
      m.advance(400);
      return [first, m.reply()];
    };
    expect(replies(true)).toEqual(replies(false));
  });

  it('a log the server does not keep (acllog-max-len 0) is said once', () => {
    const p1 = poll(undefined, [], T0, { maxLen: 0 });
    expect(p1.notices.map((n) => n.text)).toEqual([expect.stringMatching(/acllog-max-len is 0/)]);
    expect(poll(p1.state, [], T0 + 1000, { maxLen: 0 }).notices).toEqual([]);
  });

  it('without acllog-max-len (no +config|get) a possible rollover names what to grant', () => {
    const p1 = poll(undefined, [e('a', 1, 1)], T0, { maxLen: undefined });
    const p2 = poll(p1.state, [e('b', 1, 0.1)], T0 + 1000, { maxLen: undefined });
    expect(p2.notices[0]!.text).toMatch(/\+config\|get/);
  });
});

describe('Redis 7.2+ (entry-id, timestamp-created, timestamp-last-updated)', () => {
  const p1 = track(undefined, [e72(2, 'b', 1), e72(1, 'a', 3)], ctx(T0));

  it('keys by id, counts growth from the count, takes times from the server', () => {
    const p2 = track(p1.state, [e72(1, 'a', 4, 900), e72(3, 'c', 2, 800), e72(2, 'b', 1)], ctx(T0 + 1000));
    expect(p2.events.map((x) => [x.key, x.count, x.firstSeen, x.lastSeen])).toEqual([
      [`id:3:${T0 - 997}`, 2, T0 - 997, T0 + 800],
      [`id:1:${T0 - 999}`, 1, T0 - 999, T0 + 900],
    ]);
    expect(p2.notices).toEqual([]);
  });

  it('entry ids never seen are at least that many lost events, with the fix', () => {
    const p2 = track(p1.state, [e72(9, 'i', 1, 5), e72(8, 'h', 1, 4)], ctx(T0 + 1000, { maxLen: 2 }));
    expect(p2.notices.map((n) => [n.kind, n.lost])).toEqual([['gap', 5]]);
    expect(p2.notices[0]!.text).toMatch(
      /^at least 5 events lost between polls.*CONFIG SET acllog-max-len 1024/,
    );
    expect(total(p2.events)).toBe(2);
  });

  it('a reset: known ids vanished from a log that is not full', () => {
    const p2 = track(p1.state, [e72(3, 'a', 1, 5)], ctx(T0 + 1000));
    expect(p2.notices.map((n) => n.kind)).toEqual(['reset']);
    expect(total(p2.events)).toBe(1);
  });

  it('a restart without a run id: ids started again', () => {
    const p2 = track(
      p1.state,
      [e(`a`, 1, 0, { entryId: 0, timestampCreated: T0 + 500, timestampLastUpdated: T0 + 500 })],
      ctx(T0 + 1000, { runId: undefined }),
    );
    expect(p2.notices.map((n) => n.kind)).toEqual(['restart']);
    expect(p2.notices[0]!.text).toMatch(/entry ids started again/);
    expect(total(p2.events)).toBe(1);
  });
});
