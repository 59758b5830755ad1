// CLIENT LIST parsing: real 7.0 and 7.2 line shapes, fields a newer server adds, IPv6 and
// unix-socket addresses, hostile usernames (ESC, invalid UTF-8) and replies we must refuse;
// then a property: any client set written out as CLIENT LIST text parses back to itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientInfo } from '../../src/domain/clients/types.js';
import { decodeServerBytes, rawBytes } from '../../src/domain/bytes.js';
import { parseClientList } from '../../src/redis/parse/client-list.js';

// As Redis 7.0.15 printed them.
const V70 =
  'id=3 addr=127.0.0.1:60188 laddr=127.0.0.1:7991 fd=8 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=37658 events=r cmd=client|list user=default redir=-1 resp=2';
const V70_REPLICA =
  'id=12 addr=10.0.0.7:41234 laddr=10.0.0.1:6379 fd=11 name=backup age=86400 idle=1 flags=S db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=20504 tot-mem=22352 events=r cmd=replconf user=repl redir=-1 resp=2';
// 7.2 adds lib-name and lib-ver; 7.4 watch; 8.0 io-thread and network counters.
const V80 =
  'id=9 addr=[::1]:50412 laddr=[::1]:6379 fd=10 name=worker-1 age=12 idle=3 flags=P db=2 sub=1 psub=2 ssub=3 multi=-1 watch=0 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=5 obl=0 oll=0 omem=0 tot-mem=1928 events=r cmd=subscribe user=app redir=-1 resp=3 lib-name=redis-py lib-ver=5.0.1 io-thread=0 tot-net-in=120 tot-net-out=340 tot-cmds=4';

describe('parseClientList', () => {
  it('maps a 7.0.15 line to ClientInfo, unknown fields kept in extra', () => {
    const [c] = parseClientList(`${V70}\n`, '127.0.0.1:7991');
    expect(c).toEqual({
      node: '127.0.0.1:7991',
      id: '3',
      addr: '127.0.0.1:60188',
      laddr: '127.0.0.1:7991',
      fd: 8,
      name: '',
      age: 0,
      idle: 0,
      flags: 'N',
      db: 0,
      sub: 0,
      psub: 0,
      ssub: 0,
      multi: -1,
      qbuf: 26,
      qbufFree: 20448,
      argvMem: 10,
      multiMem: 0,
      obl: 0,
      oll: 0,
      omem: 0,
      totMem: 37658,
      events: 'r',
      cmd: 'client|list',
      user: 'default',
      redir: -1,
      resp: 2,
      libName: '',
      libVer: '',
      extra: { rbs: '16384', rbp: '16384' },
    } satisfies ClientInfo);
  });

  it('reads several lines (a Buffer, as callBuffer gives it) with the same keys', () => {
    const rows = parseClientList(Buffer.from(`${V70}\n${V70_REPLICA}\n`), 'n1');
    expect(rows.map((r) => [r.id, r.name, r.flags, r.user, r.age, r.omem, r.extra.rbs])).toEqual([
      ['3', '', 'N', 'default', 0, 0, '16384'],
      ['12', 'backup', 'S', 'repl', 86400, 20504, '1024'],
    ]);
  });

  it('reads the 7.2 lib fields and keeps what later versions add, IPv6 addresses as printed', () => {
    const [c] = parseClientList(V80, 'n');
    expect(c).toMatchObject({
      addr: '[::1]:50412',
      laddr: '[::1]:6379',
      libName: 'redis-py',
      libVer: '5.0.1',
      sub: 1,
      psub: 2,
      ssub: 3,
      db: 2,
      resp: 3,
    });
    expect(c!.extra).toEqual({
      watch: '0',
      rbs: '1024',
      rbp: '5',
      'io-thread': '0',
      'tot-net-in': '120',
      'tot-net-out': '340',
      'tot-cmds': '4',
    });
  });

  it('missing fields are empty or 0 (older servers), and rows without extras share one frozen object', () => {
    const rows = parseClientList('id=1 addr=/tmp/r.sock:0 flags=U cmd=ping\nid=2 flags=N\n', 'n');
    expect(rows[0]).toMatchObject({
      addr: '/tmp/r.sock:0',
      flags: 'U',
      laddr: '',
      ssub: 0,
      multi: 0,
      libName: '',
    });
    expect(rows[0]!.extra).toEqual({});
    expect(Object.isFrozen(rows[0]!.extra)).toBe(true);
    expect(rows[0]!.extra).toBe(rows[1]!.extra);
  });

  it('splits a field on its first "=" only', () => {
    const [c] = parseClientList('id=4 name=a=b= user=x==y cmd=set odd==v=\n', 'n');
    expect([c!.name, c!.user, c!.cmd, c!.extra.odd]).toEqual(['a=b=', 'x==y', 'set', '=v=']);
  });

  it('keeps ESC and invalid UTF-8 in a username byte for byte', () => {
    const user = Buffer.concat([
      Buffer.from('\x1b[2J\x1b]52;c;aGk=\x07root'),
      Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
    ]);
    const reply = Buffer.concat([
      Buffer.from(`${V70}\nid=5 addr=10.0.0.1:1 user=`),
      user,
      Buffer.from(' resp=2\n'),
    ]);
    const rows = parseClientList(reply, 'n');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.user).toBe('default');
    expect(rawBytes(rows[1]!.user)).toEqual(user);
    expect(rows[1]!.user.startsWith('\x1b[2J')).toBe(true);
    expect(rows[1]!.resp).toBe(2);
  });

  it('decodes a long reply with one bad line chunk by chunk, the same as decoding it whole', () => {
    const good = Array.from({ length: 600 }, (_, i) =>
      V70.replace('id=3', `id=${i + 10}`).replace('name=', `name=é${i}`),
    );
    const bad = Buffer.concat([Buffer.from('id=1 user='), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    const reply = Buffer.concat([
      Buffer.from(good.slice(0, 300).join('\n') + '\n'),
      bad,
      Buffer.from(good.slice(300).join('\n') + '\n'),
    ]);
    const rows = parseClientList(reply, 'n');
    expect(rows).toHaveLength(601);
    expect(rows[300]!.user).toBe(decodeServerBytes(Buffer.from([0xff, 0xfe])));
    expect(rows[599]!.name).toBe('é598');
  });

  it('ignores an empty trailing line and an empty reply; tolerates CRLF line ends', () => {
    expect(parseClientList('', 'n')).toEqual([]);
    expect(parseClientList(Buffer.alloc(0), 'n')).toEqual([]);
    expect(parseClientList(`${V70}\r\n${V70_REPLICA}\r\n`, 'n').map((r) => r.resp)).toEqual([2, 2]);
  });

  it('refuses a line without an id, naming the line', () => {
    expect(() => parseClientList(`${V70}\naddr=1.2.3.4:5 user=x\n`, 'n')).toThrow(/line 2: no client id/);
    expect(() => parseClientList(`${V70}\nid= user=x\n`, 'n')).toThrow(/line 2: no client id/);
    expect(() => parseClientList('id=abc\n', 'n')).toThrow(/line 1: no client id/);
  });

  it('refuses a field without "=" and a numeric field that is not a number', () => {
    const fields = V70.split(' ').length;
    expect(() => parseClientList(`${V70}\n${V70} garbage\n`, 'n')).toThrow(
      `line 2: field ${fields + 1} has no "="`,
    );
    expect(() => parseClientList('id=1 age=soon\n', 'n')).toThrow(/line 1: age is not a number/);
    expect(() => parseClientList('id=1 multi=-\n', 'n')).toThrow(/multi is not a number/);
  });

  it('takes the last of a repeated key', () => {
    const [c] = parseClientList('id=1 odd=1 name=a odd=2 name=b\n', 'n');
    expect([c!.name, c!.extra]).toEqual(['b', { odd: '2' }]);
  });

  it('shares one frozen extra between rows whose unknown fields are equal', () => {
    const rows = parseClientList(
      'id=1 rbs=1024 rbp=0\nid=2 rbs=1024 rbp=0\nid=3 rbs=1024 rbp=5\nid=4 rbs=1024 rbp=5\n',
      'n',
    );
    expect(rows.map((r) => r.extra)).toEqual([
      { rbs: '1024', rbp: '0' },
      { rbs: '1024', rbp: '0' },
      { rbs: '1024', rbp: '5' },
      { rbs: '1024', rbp: '5' },
    ]);
    expect(rows[0]!.extra).toBe(rows[1]!.extra);
    expect(rows[2]!.extra).toBe(rows[3]!.extra);
    expect(Object.isFrozen(rows[2]!.extra)).toBe(true);
  });

  it('keeps a field named __proto__ as a field', () => {
    const [c] = parseClientList('id=1 __proto__=x\n', 'n');
    expect(Object.getPrototypeOf(c!.extra)).toBe(Object.prototype);
    expect(Object.entries(c!.extra)).toEqual([['__proto__', 'x']]);
  });
});

// --- property: serialise, parse, compare -------------------------------------------------

const NUMERIC: [keyof ClientInfo, string][] = [
  ['fd', 'fd'], ['age', 'age'], ['idle', 'idle'], ['db', 'db'], ['sub', 'sub'], ['psub', 'psub'],
  ['ssub', 'ssub'], ['multi', 'multi'], ['qbuf', 'qbuf'], ['qbufFree', 'qbuf-free'],
  ['argvMem', 'argv-mem'], ['multiMem', 'multi-mem'], ['obl', 'obl'], ['oll', 'oll'], ['omem', 'omem'],
  ['totMem', 'tot-mem'], ['redir', 'redir'], ['resp', 'resp'],
]; // prettier-ignore
const TEXT: [keyof ClientInfo, string][] = [
  ['addr', 'addr'], ['laddr', 'laddr'], ['name', 'name'], ['flags', 'flags'], ['events', 'events'],
  ['cmd', 'cmd'], ['libName', 'lib-name'], ['libVer', 'lib-ver'],
]; // prettier-ignore
const KNOWN = new Set(['id', 'user', ...NUMERIC.map(([, k]) => k), ...TEXT.map(([, k]) => k)]);

// What Redis can print in a value: no whitespace (isspace) and no NUL; anything else, `=` too.
const valueByte = fc.integer({ min: 1, max: 255 }).filter((b) => !(b === 0x20 || (b >= 0x09 && b <= 0x0d)));
const text = fc.oneof(
  fc.constantFrom('', 'N', 'client|list', '10.0.0.1:6379', '[::1]:6379', '/tmp/r.sock:0', 'a=b'),
  fc.string({ unit: fc.constantFrom(...'ab=|:.-_[]*?é\u202e\x1b'), maxLength: 12 }),
);
// A value as bytes: text (UTF-8) or raw bytes that need not be UTF-8.
const value = fc.oneof(
  { weight: 3, arbitrary: text.map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: fc.array(valueByte, { maxLength: 8 }).map((a) => Buffer.from(a)) },
);

interface Generated {
  /** key -> bytes of the value, in the order written. */
  fields: [string, Buffer][];
  userBytes: Buffer;
  expected: Omit<ClientInfo, 'node'>;
}

const client: fc.Arbitrary<Generated> = fc
  .record({
    id: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    user: fc.array(valueByte, { maxLength: 10 }),
    nums: fc.array(fc.option(fc.integer({ min: -1, max: 2 ** 40 }), { freq: 5 }), {
      minLength: NUMERIC.length,
      maxLength: NUMERIC.length,
    }),
    texts: fc.array(fc.option(value, { freq: 5 }), { minLength: TEXT.length, maxLength: TEXT.length }),
    extra: fc.dictionary(
      fc.stringMatching(/^[a-z][a-z-]{0,8}$/).filter((k) => !KNOWN.has(k)),
      text,
      {
        maxKeys: 3,
        noNullPrototype: true,
      },
    ),
    order: fc.infiniteStream(fc.nat()),
  })
  .map(({ id, user, nums, texts, extra, order }) => {
    const fields: [string, Buffer][] = [
      ['id', Buffer.from(String(id))],
      ['user', Buffer.from(user)],
    ];
    const expected = { id: String(id), user: decodeServerBytes(Buffer.from(user)), extra } as Omit<
      ClientInfo,
      'node'
    >;
    const e = expected as unknown as Record<string, unknown>;
    NUMERIC.forEach(([prop, key], i) => {
      const n = nums[i];
      e[prop] = n ?? 0;
      if (n !== null && n !== undefined) fields.push([key, Buffer.from(String(n))]);
    });
    TEXT.forEach(([prop, key], i) => {
      const bytes = texts[i] ?? undefined;
      e[prop] = bytes ? decodeServerBytes(bytes) : '';
      if (bytes) fields.push([key, bytes]);
    });
    for (const [k, v] of Object.entries(extra)) fields.push([k, Buffer.from(v)]);
    // Usually the server's fixed order; sometimes shuffled, which the parser must notice.
    const it = order[Symbol.iterator]();
    if (it.next().value! % 3 === 0)
      for (let i = fields.length - 1; i > 0; i--) {
        const j = it.next().value! % (i + 1);
        [fields[i], fields[j]] = [fields[j]!, fields[i]!];
      }
    return { fields, expected, userBytes: Buffer.from(user) };
  });

// A line may end in CRLF (a reply captured as text).
const serialise = (clients: (Generated & { crlf?: boolean })[]): Buffer =>
  Buffer.concat(
    clients.flatMap((c) => [
      ...c.fields.flatMap(([k, v], i) => [Buffer.from(`${i ? ' ' : ''}${k}=`), v]),
      Buffer.from(c.crlf ? '\r\n' : '\n'),
    ]),
  );

describe('parseClientList (property)', () => {
  it('any client set written as CLIENT LIST text parses back to the same fields', () => {
    fc.assert(
      fc.property(fc.array(client, { maxLength: 12 }), (clients) => {
        const reply = serialise(clients);
        const rows = parseClientList(reply, 'node-1');
        expect(rows).toEqual(clients.map((c) => ({ node: 'node-1', ...c.expected })));
        for (const [i, r] of rows.entries()) expect(rawBytes(r.user)).toEqual(clients[i]!.userBytes);
        // A string reply (already decoded) reads the same.
        expect(parseClientList(reply.toString('latin1'), 'node-1').length).toBe(rows.length);
      }),
      { numRuns: 300 },
    );
  });

  // A feed: the same clients again, idle (new age and idle only), busy (another field changed),
  // gone, repeated or new, in any order, replies of bytes chained through three polls.
  const again = fc.record({
    pick: fc.nat(),
    age: fc.nat(99_999),
    idle: fc.nat(99_999),
    busy: fc.boolean(),
    crlf: fc.boolean(),
  });
  type Again = { pick: number; age: number; idle: number; busy: boolean; crlf: boolean };
  const next = (
    clients: Generated[],
    picks: Again[],
    added: Generated[],
  ): (Generated & { crlf: boolean })[] => [
    ...picks.flatMap((p) => {
      const c = clients[p.pick % Math.max(1, clients.length)];
      if (!c) return [];
      const fields = c.fields.map(([k, v]): [string, Buffer] =>
        k === 'age'
          ? [k, Buffer.from(String(p.age))]
          : k === 'idle'
            ? [k, Buffer.from(String(p.idle))]
            : [k, v],
      );
      if (p.busy) fields.push(['qbuf', Buffer.from('7')]);
      return [{ ...c, fields, crlf: p.crlf }];
    }),
    ...added.map((c) => ({ ...c, crlf: false })),
  ];
  it('parsing a reply with the last rows gives what a fresh parse gives (three polls)', () => {
    fc.assert(
      fc.property(
        fc.array(client, { maxLength: 8 }),
        fc.array(again, { maxLength: 10 }),
        fc.array(again, { maxLength: 10 }),
        fc.array(client, { maxLength: 2 }),
        (first, picks1, picks2, added) => {
          const second = next(first, picks1, added);
          const third = next(second, picks2, []);
          let rows = parseClientList(serialise(first), 'n');
          for (const poll of [second, third]) {
            const reply = serialise(poll);
            const fresh = parseClientList(reply, 'n');
            rows = parseClientList(reply, 'n', rows);
            expect(rows).toEqual(fresh);
            expect(JSON.stringify(rows)).toBe(JSON.stringify(fresh));
            expect(rows.map((r) => rawBytes(r.user))).toEqual(fresh.map((r) => rawBytes(r.user)));
            // Each row once, even for a repeated id.
            expect(new Set(rows).size).toBe(rows.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseClientList with the previous rows (a live feed)', () => {
  const line = (id: number, age: number, idle: number, cmd = 'get', name = `worker-${id}-long-name`) =>
    V70.replace('id=3', `id=${id}`)
      .replace('age=0', `age=${age}`)
      .replace('idle=0', `idle=${idle}`)
      .replace('name=', `name=${name}`)
      .replace('cmd=client|list', `cmd=${cmd}`);

  it('updates a client seen before in place, keeps unchanged strings, and drops the ones that left', () => {
    const first = parseClientList(`${line(1, 5, 5)}\n${line(2, 5, 1)}\n${line(3, 9, 0)}\n`, 'n');
    const names = first.map((c) => c.name);
    const second = parseClientList(
      `${line(1, 6, 6)}\n${line(3, 10, 0, 'config|set')}\n${line(4, 0, 0)}\n`,
      'n',
      first,
    );
    expect(second.map((c) => c.id)).toEqual(['1', '3', '4']);
    // The same objects for the same clients, with the new values.
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[2]);
    expect([second[0]!.age, second[0]!.idle, second[1]!.cmd, second[1]!.age]).toEqual([
      6,
      6,
      'config|set',
      10,
    ]);
    // A value that did not change is the same string, not a copy.
    expect(second[0]!.name).toBe(names[0]);
    // A new client is a new row; every row equals a fresh parse of the same reply.
    expect(first).not.toContain(second[2]);
    const fresh = parseClientList(
      `${line(1, 6, 6)}\n${line(3, 10, 0, 'config|set')}\n${line(4, 0, 0)}\n`,
      'n',
    );
    expect(second).toEqual(fresh);
    expect(JSON.stringify(second)).toBe(JSON.stringify(fresh));
  });

  it('reads a client whose line changed after idle in full, and one out of order by id', () => {
    const first = parseClientList(`${line(1, 5, 5)}\n${line(2, 5, 5)}\n`, 'n');
    const reply = `${line(2, 6, 0, 'flushdb')}\n${line(1, 6, 6)}\n`.replace('tot-mem=37658', 'tot-mem=99');
    const second = parseClientList(reply, 'n', first);
    expect(second[0]).toBe(first[1]);
    expect(second[1]).toBe(first[0]);
    expect(second).toEqual(parseClientList(reply, 'n'));
    expect(second[0]!.cmd).toBe('flushdb');
    expect(second[0]!.totMem).toBe(99);
  });

  it('reads an idle client from bytes (age and idle), and a repeated age or idle key in full', () => {
    const first = parseClientList(Buffer.from(`${line(1, 5, 5)}\nid=2 age=1 idle=2 x=y idle=5\n`), 'n');
    const reply = Buffer.from(`${line(1, 6, 7)}\nid=2 age=2 idle=3 x=y idle=5\n`);
    const second = parseClientList(reply, 'n', first);
    expect(second[0]).toBe(first[0]);
    expect([second[0]!.age, second[0]!.idle]).toEqual([6, 7]);
    // The last of a repeated key counts, as in a fresh parse.
    expect(second[1]!.idle).toBe(5);
    expect(second).toEqual(parseClientList(reply, 'n'));
  });

  it('property: parsing with any previous rows gives what a fresh parse gives', () => {
    const client = fc.record({
      id: fc.integer({ min: 1, max: 30 }),
      age: fc.nat(1000),
      idle: fc.nat(1000),
      cmd: fc.constantFrom('get', 'set', 'config|set', 'client|list'),
      name: fc.constantFrom('', 'a', 'a-much-longer-client-name'),
    });
    const reply = (cs: { id: number; age: number; idle: number; cmd: string; name: string }[]) =>
      [...new Map(cs.map((c) => [c.id, c])).values()]
        .map((c) => line(c.id, c.age, c.idle, c.cmd, c.name))
        .join('\n');
    fc.assert(
      fc.property(fc.array(client, { maxLength: 12 }), fc.array(client, { maxLength: 12 }), (a, b) => {
        const before = parseClientList(reply(a), 'n');
        const after = parseClientList(reply(b), 'n', before);
        expect(after).toEqual(parseClientList(reply(b), 'n'));
      }),
    );
  });
});
