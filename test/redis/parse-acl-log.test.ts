// ACL LOG parsing: 7.0 replies as ioredis hands them over (strings from call(), Buffers from
// callBuffer()), hand-built 7.2 replies, malformed replies, raw bytes and client-info lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAclLog, parseClientInfo } from '../../src/redis/parse/acl-log.js';
import { decodeServerBytes, rawBytes } from '../../src/domain/bytes.js';

const CINFO =
  'id=8 addr=127.0.0.1:49920 laddr=127.0.0.1:6391 fd=7 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=34 qbuf-free=20440 argv-mem=12 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=37668 events=r cmd=auth user=default redir=-1 resp=2';
// Exactly as Redis 7.0.15 sent it (age-seconds is a %.17g double).
const v70 = (cinfo = CINFO) => [
  'count',
  3,
  'reason',
  'auth',
  'context',
  'toplevel',
  'object',
  'AUTH',
  'username',
  'bob',
  'age-seconds',
  '0.049000000000000002',
  'client-info',
  cinfo,
];

describe('parseAclLog', () => {
  it('reads a 7.0 reply', () => {
    expect(parseAclLog([v70()])).toEqual([
      {
        count: 3,
        reason: 'auth',
        context: 'toplevel',
        object: 'AUTH',
        username: 'bob',
        ageSeconds: 0.049,
        clientInfo: CINFO,
      },
    ]);
    expect(parseAclLog([])).toEqual([]);
  });

  it('reads the same reply as Buffers (callBuffer), keys included', () => {
    const buffers = v70().map((v) => (typeof v === 'string' ? Buffer.from(v) : v));
    expect(parseAclLog([buffers])).toEqual(parseAclLog([v70()]));
  });

  it('reads the 7.2 fields when present', () => {
    const [entry] = parseAclLog([
      [
        ...v70(),
        'entry-id',
        41,
        'timestamp-created',
        1_700_000_000_123,
        'timestamp-last-updated',
        Buffer.from('1700000005000'),
      ],
    ]);
    expect(entry).toMatchObject({
      entryId: 41,
      timestampCreated: 1_700_000_000_123,
      timestampLastUpdated: 1_700_000_005_000,
    });
  });

  it('ignores fields a later Redis may add', () => {
    expect(parseAclLog([[...v70(), 'shiny-new-field', 'x']])).toEqual(parseAclLog([v70()]));
  });

  it('throws, naming the entry and the field, on a reply it does not understand', () => {
    expect(() => parseAclLog('OK')).toThrow(/ACL LOG: expected an array, got string/);
    expect(() => parseAclLog([v70(), 'x'])).toThrow(/ACL LOG entry 2: expected a key\/value array/);
    expect(() => parseAclLog([v70().slice(0, 13)])).toThrow(/entry 1: key\/value array has an odd length/);
    expect(() => parseAclLog([v70().slice(2)])).toThrow(/entry 1: the "count" field is missing/);
    expect(() => parseAclLog([v70().slice(0, 12)])).toThrow(/the "client-info" field is missing/);
    const bad = (i: number, v: unknown) => v70().map((x, j) => (j === i ? v : x));
    expect(() => parseAclLog([bad(1, 'many')])).toThrow(/entry 1 count: expected a non-negative integer/);
    expect(() => parseAclLog([bad(11, 'soon')])).toThrow(/entry 1 age-seconds: expected a number of seconds/);
    expect(() => parseAclLog([bad(9, null)])).toThrow(/entry 1 username: expected a string, got null/);
    expect(() => parseAclLog([[...v70(), 'entry-id', -1]])).toThrow(
      /entry-id: expected a non-negative integer/,
    );
  });
});

describe('raw bytes', () => {
  it('keeps valid UTF-8 as text and each invalid byte as U+DC00 + byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('é\u202e\x1b[2J'),
      Buffer.from([0xff, 0xc3, 0x41, 0xed, 0xa0, 0x80]),
    ]);
    const text = decodeServerBytes(bytes);
    expect(text).toBe('é\u202e\x1b[2J\udcff\udcc3A\udced\udca0\udc80');
    expect(rawBytes(text)).toEqual(bytes);
  });

  it('round-trips any bytes, and agrees with UTF-8 where the bytes are valid', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(rawBytes(decodeServerBytes(bytes))).toEqual(Buffer.from(bytes));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeServerBytes(Buffer.from(s))).toBe(s);
      }),
    );
  });
});

describe('parseClientInfo', () => {
  it('picks the fields the tail shows, an empty name included', () => {
    expect(parseClientInfo(CINFO)).toEqual({
      id: '8',
      addr: '127.0.0.1:49920',
      laddr: '127.0.0.1:6391',
      name: '',
      cmd: 'auth',
      user: 'default',
    });
    expect(parseClientInfo('')).toEqual({});
  });

  it('keeps raw bytes, splits on the first = only, and lets no later field override', () => {
    const line =
      'id=1 addr=[::1]:6000 name=a=b\x1b]52;c;aGk=\x07 user=\udcff\u202e cmd=get name=spoof user=admin';
    expect(parseClientInfo(line)).toEqual({
      id: '1',
      addr: '[::1]:6000',
      name: 'a=b\x1b]52;c;aGk=\x07',
      user: '\udcff\u202e',
      cmd: 'get',
    });
  });

  it('recovers any values without spaces', () => {
    const value = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes(' '));
    fc.assert(
      fc.property(value, value, (name, user) => {
        expect(parseClientInfo(`id=3 name=${name} age=1 user=${user} cmd=x`)).toMatchObject({ name, user });
      }),
    );
  });
});
