// The tail's output and filters without a server: any bytes in any field keep the table's
// width and never reach stdout raw, in the table or in JSON; durations parse strictly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AclLogEvent } from '../../src/domain/acl-log/types.js';
import { displayJson, displayWidth, toDisplay } from '../../src/domain/display.js';
import { decodeServerBytes, rawBytes } from '../../src/domain/bytes.js';
import { jsonLine } from '../../src/commands/output.js';
import { matchesEvent, parseDuration, parseFilter } from '../../src/commands/tail-filter.js';
import {
  compactCount,
  eventJson,
  normaliseEvent,
  tableHeader,
  tableLayout,
  tableRow,
} from '../../src/commands/tail-format.js';

const RAW = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd\ud800-\udfff]/u;
const NASTY = [
  '\x1b[2J',
  '\x1b]52;c;aGk=\x07',
  '\u202e',
  '\r',
  '\u009b',
  '\u200b',
  '界',
  '👍🏽',
  'e\u0301',
  '\\',
];

// Server strings as the parser makes them: arbitrary bytes, invalid UTF-8 kept as U+DC80-DCFF.
const serverString = fc.oneof(
  fc.uint8Array({ maxLength: 40 }).map((b) => decodeServerBytes(b)),
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 6 })), {
      maxLength: 12,
    })
    .map((a) => a.join('')),
);

const event = fc
  .record({
    node: serverString,
    reason: serverString,
    context: serverString,
    object: serverString,
    username: serverString,
    clientInfo: serverString,
    addr: serverString,
    name: serverString,
    cmd: serverString,
    count: fc.integer({ min: 0, max: 2 ** 40 }),
    lastSeen: fc.integer({ min: 1, max: 4_102_444_800_000 }),
  })
  .map((r): AclLogEvent => ({
    ...r,
    key: 'k',
    firstSeen: r.lastSeen,
    client: { addr: r.addr, name: r.name, cmd: r.cmd, user: r.username },
  }));

describe('tail output', () => {
  it('every row is exactly as wide as the header and holds nothing a terminal would act on', () => {
    fc.assert(
      fc.property(event, fc.constantFrom(80, 120, 333), fc.constantFrom(0, 14, 21, 30), (e, width, nodeW) => {
        const layout = tableLayout(width, nodeW);
        const header = tableHeader(layout);
        const row = tableRow(layout, e);
        expect(displayWidth(row)).toBe(displayWidth(header));
        // Only a very long node id at 80 cells makes the line wider than the terminal.
        if (nodeW <= 21) expect(displayWidth(header)).toBe(width);
        expect(row).not.toMatch(RAW);
      }),
      { numRuns: 400 },
    );
  });

  it('JSON: stable fields, every string escaped as the table escapes it, names also as hex', () => {
    fc.assert(
      fc.property(event, fc.boolean(), (e, history) => {
        const line = jsonLine(eventJson(e, history));
        const j = JSON.parse(line) as Record<string, unknown> & { client: Record<string, unknown> };
        expect(Object.keys(j)).toEqual([
          'time',
          'first_seen',
          'node',
          'reason',
          'context',
          'object',
          'object_hex',
          'username',
          'username_hex',
          'count',
          'client',
          'client_info',
          'history',
        ]);
        // Escaped after parsing too: `jq -r` must not get a raw control back.
        expect(JSON.stringify(j)).not.toMatch(RAW);
        expect(line).not.toMatch(RAW);
        expect(j.username).toBe(toDisplay(e.username));
        expect(Buffer.from(j.username_hex as string, 'hex')).toEqual(rawBytes(e.username));
        expect(Buffer.from(j.client.name_hex as string, 'hex')).toEqual(rawBytes(e.client.name ?? ''));
      }),
      { numRuns: 300 },
    );
  });

  it('invalid bytes show as \\xNN, a backslash doubled, an absent client field null', () => {
    const shown = (s: string) => displayJson(s);
    expect(shown(decodeServerBytes(Buffer.from([0x61, 0xff, 0xc3, 0x28])))).toBe('a\\xff\\xc3(');
    expect(shown('a\\x1b')).toBe('a\\\\x1b');
    const e = normaliseEvent({ node: 'n', count: 'NaN', client: 7 } as unknown as AclLogEvent);
    expect(eventJson(e, true)).toMatchObject({ time: null, count: 0, client: { id: null, addr: null } });
  });

  it('counts stay in their column', () => {
    expect([999_999, 1_234_567, 45_000_000, 7_500_000_000].map(compactCount)).toEqual([
      '999999',
      '1.2M',
      '45M',
      '7.5G',
    ]);
  });
});

describe('tail filters', () => {
  it('durations: whole numbers with s, m, h, d, summed; anything else refused', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    for (const bad of ['', '10', '0s', '1.5h', '-1h', '1w', 'h', '1 h', '99999999d'])
      expect(() => parseDuration(bad), bad).toThrow(/--since/);
    // The message names the sums it takes.
    expect(() => parseDuration('1w')).toThrow(/alone or summed: .*1h30m/);
    expect(() => parseFilter({ reason: 'nope' })).toThrow(/--reason/);
  });

  it('--username matches the raw name or the name as shown', () => {
    const e = { username: 'a\x1bb', reason: 'auth', node: 'n:1', lastSeen: 1000 } as AclLogEvent;
    expect(matchesEvent({ username: 'a\x1bb' }, e, 1000)).toBe(true);
    expect(matchesEvent({ username: 'a\\x1bb' }, e, 1000)).toBe(true);
    expect(matchesEvent({ username: 'ab' }, e, 1000)).toBe(false);
    expect(matchesEvent({ sinceMs: 500 }, e, 1400)).toBe(true);
    expect(matchesEvent({ sinceMs: 500 }, e, 1600)).toBe(false);
  });
});
