// The Clients filter: free text, field comparisons by kind, networks, flags, the errors an
// operator sees (with the offset of the bad term), and conjunction as a property.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDisplay } from '../../../src/domain/display.js';
import { parseClientFilter } from '../../../src/domain/clients/filter.js';
import type { ClientInfo } from '../../../src/domain/clients/types.js';
import { arbClient, client } from './fixture.js';

function test(text: string): (c: ClientInfo) => boolean {
  const f = parseClientFilter(text);
  if (!f.ok) throw new Error(`${text}: ${f.error}`);
  return f.test;
}
const matches = (text: string, c: ClientInfo) => test(text)(c);
const error = (text: string) => {
  const f = parseClientFilter(text);
  if (f.ok) throw new Error(`${text} was accepted`);
  return f;
};

const app = client({ id: '42', user: 'app', name: 'Worker-7', cmd: 'config|get', addr: '10.1.2.3:5000' });
const hostile = client({ id: '43', user: '\x1b[2Jroot\udcff', name: 'x', addr: '[::1]:6000', cmd: 'get' });
const local = client({ id: '44', user: 'ops', addr: '/tmp/redis.sock:0', flags: 'U', cmd: 'flushall' });

describe('parseClientFilter', () => {
  it('matches everything when empty or blank', () => {
    for (const text of ['', '   ', '\t']) {
      const f = parseClientFilter(text);
      expect(f).toMatchObject({ ok: true, terms: 0 });
      expect(f.ok && f.test(app)).toBe(true);
    }
    expect(parseClientFilter('a b  c')).toMatchObject({ ok: true, terms: 3 });
  });

  it('free text: a case-insensitive substring of the identifying fields', () => {
    expect(matches('worker', app)).toBe(true);
    expect(matches('CONFIG', app)).toBe(true);
    expect(matches('10.1.2', app)).toBe(true);
    expect(matches('6379', app)).toBe(true); // laddr and node
    expect(matches('42', app)).toBe(true);
    expect(matches('nomatch', app)).toBe(false);
    // Not a field's value across two fields, and not the flags or events.
    expect(matches('app10', app)).toBe(false);
    expect(matches('N', client({ flags: 'N', user: 'x', name: '', cmd: 'get', addr: '1.1.1.1:1' }))).toBe(
      false,
    );
  });

  it('free text also matches the escaped on-screen form of a hostile value', () => {
    expect(matches('\\x1b[2jroot', hostile)).toBe(true);
    expect(matches('\\xff', hostile)).toBe(true);
    expect(matches('\x1b[2J', hostile)).toBe(true);
    expect(matches('\\x1b', app)).toBe(false);
  });

  it('= and != on text: whole-value, case-insensitive glob on the raw or shown form', () => {
    expect(matches('cmd=config*', app)).toBe(true);
    expect(matches('cmd=config', app)).toBe(false);
    expect(matches('cmd=CONFIG|GET', app)).toBe(true);
    expect(matches('addr=10.1.*', app)).toBe(true);
    expect(matches('user=app', app)).toBe(true);
    expect(matches('user=ap', app)).toBe(false);
    expect(matches('user=a?p', app)).toBe(true);
    expect(matches('user!=app', app)).toBe(false);
    expect(matches('user!=ops', app)).toBe(true);
    expect(matches('user=\\x1b[2j*', hostile)).toBe(true);
    expect(matches('user=*\\xff', hostile)).toBe(true);
    expect(matches('name=', client({ name: '' }))).toBe(true);
    expect(matches('name=', app)).toBe(false);
    expect(matches('name=(x)', client({ name: '(x)' }))).toBe(true);
    expect(matches('lib=redis-py', client({ libName: 'redis-py' }))).toBe(true);
    expect(matches('addr=/tmp/*', local)).toBe(true);
  });

  it('a CIDR or address on addr/host/ip means "from that network"', () => {
    expect(matches('addr=10.0.0.0/8', app)).toBe(true);
    expect(matches('addr=192.168.0.0/16', app)).toBe(false);
    expect(matches('addr!=192.168.0.0/16', app)).toBe(true);
    expect(matches('host=10.1.2.3', app)).toBe(true);
    expect(matches('ip=::1', hostile)).toBe(true);
    expect(matches('host=::/0', hostile)).toBe(true);
    // A unix socket is in no network.
    expect(matches('addr=0.0.0.0/0', local)).toBe(false);
    expect(matches('addr!=0.0.0.0/0', local)).toBe(true);
    expect(matches('host=/tmp/redis.sock', local)).toBe(true);
  });

  it('numbers, durations and sizes compare numerically', () => {
    const c = client({
      id: '18446744073709551615',
      idle: 5400,
      age: 90,
      totMem: 3 * 1024 * 1024,
      qbuf: 65536,
      db: 2,
      multi: -1,
    });
    expect(matches('idle>1h', c)).toBe(true);
    expect(matches('idle>=90m', c)).toBe(true);
    expect(matches('idle>2h', c)).toBe(false);
    expect(matches('idle<1d', c)).toBe(true);
    expect(matches('age=90', c) && matches('age=90s', c) && matches('age=1.5m', c)).toBe(true);
    expect(matches('tot-mem>2mb', c) && matches('mem<=3M', c) && matches('mem<1g', c)).toBe(true);
    expect(matches('qbuf>=64k', c) && matches('qbuf=64KB', c) && matches('qbuf=65536', c)).toBe(true);
    expect(matches('db=2', c) && matches('db!=0', c) && !matches('db>2', c)).toBe(true);
    expect(matches('multi=-1', c) && matches('multi<0', c)).toBe(true);
    expect(matches('id>18446744073709551614', c)).toBe(true);
    expect(matches('id=18446744073709551615', c)).toBe(true);
    expect(matches('id<9', c)).toBe(false);
  });

  it('flags= needs every letter, flags!= none of them', () => {
    const c = client({ flags: 'xb' });
    expect(matches('flags=xb', c) && matches('flags=bx', c) && matches('flags=x', c)).toBe(true);
    expect(matches('flags=xP', c)).toBe(false);
    expect(matches('flags!=M', c)).toBe(true);
    expect(matches('flags!=MS', client({ flags: 'S' }))).toBe(false);
    expect(matches('flags=u', client({ flags: 'U' }))).toBe(false);
  });

  it('every term must match', () => {
    expect(matches('user=app idle<1m', app)).toBe(true);
    expect(matches('user=app idle>1m', app)).toBe(false);
    expect(matches('worker user=app cmd=config*', app)).toBe(true);
  });

  it('reports errors in operator words, at the bad term', () => {
    const unknown = error('user=app  bogus=1');
    expect(unknown.at).toBe(10);
    expect(unknown.error).toMatch(/unknown field "bogus"/);
    expect(unknown.error).toMatch(/tot-mem/);
    expect(unknown.error).toMatch(/\bip\b/);
    expect(error('user>app').error).toMatch(/> compares numbers; user is text/);
    expect(error('flags<x').error).toMatch(/use = or !=/);
    expect(error(' idle>soon').at).toBe(1);
    expect(error(' idle>soon').error).toMatch(/idle: "soon" is not a duration/);
    expect(error('mem>lots').error).toMatch(/tot-mem: "lots" is not a size/);
    expect(error('db=two').error).toMatch(/db: "two" is not a number/);
    expect(error('id>-1').error).toMatch(/not a client id/);
    expect(error('idle>').error).toMatch(/needs a value/);
    expect(error('db=').error).toMatch(/needs a value/);
    expect(error('flags=').error).toMatch(/needs flag letters/);
    expect(error('addr=10.0.0.0/33').error).toMatch(/not a valid network/);
    expect(error('host=::1/200').error).toMatch(/not a valid network/);
  });

  it('a term that is not field-op-value is free text', () => {
    expect(matches('10.1.2.3:5000', app)).toBe(true);
    expect(matches('=app', app)).toBe(false);
    expect(parseClientFilter('a.b=c').ok).toBe(true);
  });
});

describe('parseClientFilter (properties)', () => {
  const term = fc.constantFrom(
    'app', 'ROOT', '\\x1b', '10.', 'get', 'user=app', 'user!=app', 'user=a*', 'cmd=config*', 'cmd!=get',
    'addr=10.0.0.0/8', 'host!=::1', 'idle>60', 'idle<=1h', 'age>=1d', 'mem>1m', 'omem=0', 'db=0', 'db!=3',
    'flags=x', 'flags!=MS', 'id>1000', 'name=?', 'lib=ioredis', 'node=n1*',
  ); // prettier-ignore

  it('"a b" matches exactly what "a" and "b" both match', () => {
    fc.assert(
      fc.property(term, term, arbClient, (a, b, c) => {
        expect(matches(`${a} ${b}`, c)).toBe(matches(a, c) && matches(b, c));
      }),
      { numRuns: 1000 },
    );
  });

  it('a client is found by its own user as shown, as free text or as user=', () => {
    fc.assert(
      fc.property(arbClient, (c) => {
        const shown = toDisplay(c.user);
        if (shown !== '') expect(matches(shown, c)).toBe(true);
        // How the group view opens a group: the key as shown, glob characters made `?`.
        expect(matches(`user=${shown.replace(/[*?]/g, '?')}`, c)).toBe(true);
      }),
    );
  });

  it('free text agrees with a naive search of every field, raw and as shown', () => {
    const fields = (c: ClientInfo) => [c.id, c.node, c.addr, c.laddr, c.name, c.user, c.cmd, c.libName];
    const naive = (t: string, c: ClientInfo) =>
      fields(c).some(
        (v) =>
          v.toLowerCase().includes(t.toLowerCase()) || toDisplay(v).toLowerCase().includes(t.toLowerCase()),
      );
    // Pieces of what the screen shows (escapes included) and short random strings.
    const termFor = (c: ClientInfo) =>
      fc.oneof(
        fc
          .constantFrom(...fields(c).map(toDisplay))
          .chain((v) =>
            fc
              .tuple(fc.nat(v.length), fc.nat(v.length))
              .map(([a, b]) => v.slice(Math.min(a, b), Math.max(a, b))),
          ),
        fc.string({ unit: fc.constantFrom(...'ab1.:-|\\x*?'), minLength: 1, maxLength: 4 }),
      );
    fc.assert(
      fc.property(
        arbClient.chain((c) => fc.tuple(fc.constant(c), termFor(c))),
        ([c, t]) => {
          const term = t.trim();
          if (term === '' || /\s/.test(term) || /^[A-Za-z0-9-]+(>=|<=|!=|=|>|<)/.test(term)) return;
          expect(matches(term, c)).toBe(naive(term, c));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('!= is the negation of = on every text field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('user', 'name', 'cmd', 'addr', 'node'),
        fc.constantFrom('app', 'a*', '*', '', '?'),
        arbClient,
        (f, v, c) => {
          expect(matches(`${f}!=${v}`, c)).toBe(!matches(`${f}=${v}`, c));
        },
      ),
    );
  });
});
