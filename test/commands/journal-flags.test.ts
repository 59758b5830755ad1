// `redis-warden journal` flags, parsed before the file is read: a time without a zone is UTC
// (the table's), whatever the machine's zone; a duration counts back from now.
import { afterEach, describe, expect, it } from 'vitest';
import { parseQuery, parseSince } from '../../src/commands/journal.js';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('journal --since', () => {
  it('reads an ISO time without a zone as UTC, on a machine in another zone', () => {
    process.env.TZ = 'America/New_York';
    expect(parseSince('2026-12-07T03:00').toISOString()).toBe('2026-12-07T03:00:00.000Z');
    expect(parseSince('2026-12-07 03:00:30').toISOString()).toBe('2026-12-07T03:00:30.000Z');
    expect(parseSince('2026-12-07').toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(parseSince('2026-12-07T03:00+01:00').toISOString()).toBe('2026-12-07T02:00:00.000Z');
  });

  it('counts a duration back from now; anything else is a usage error', () => {
    const now = Date.parse('2026-12-07T03:00:00Z');
    expect(parseSince('15m', now).toISOString()).toBe('2026-12-07T02:45:00.000Z');
    expect(parseSince('7d', now).toISOString()).toBe('2026-11-30T03:00:00.000Z');
    for (const bad of ['yesterday', '15', '2026-13-45', '-2h'])
      expect(() => parseSince(bad, now), bad).toThrow(/neither a duration nor an ISO time|--since/);
  });

  it('checks --action and --node before reading', () => {
    expect(() => parseQuery({ action: 'acl.setusr' })).toThrow(/acl\.setuser, acl\.deluser/);
    expect(() => parseQuery({ node: 'nowhere' })).toThrow(/--node/);
    expect(parseQuery({ action: 'acl.', node: '127.0.0.1:6380' })).toEqual({
      action: 'acl.',
      node: '127.0.0.1:6380',
    });
  });
});
