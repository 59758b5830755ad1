// The field registry shared by filter, sort, group and `--sort`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_FIELDS,
  compareNumeric,
  fieldByName,
  FIELD_NAMES,
} from '../../../src/domain/clients/fields.js';
import { client } from './fixture.js';

describe('CLIENT_FIELDS', () => {
  it('names every ClientInfo field as CLIENT LIST prints it, plus host', () => {
    expect(FIELD_NAMES).toEqual(
      expect.arrayContaining(
        'id node addr laddr fd name age idle flags db sub psub ssub multi qbuf qbuf-free argv-mem multi-mem obl oll omem tot-mem events cmd user redir resp lib-name lib-ver host'.split(
          ' ',
        ),
      ),
    );
    expect(new Set(FIELD_NAMES).size).toBe(FIELD_NAMES.length);
    for (const f of CLIENT_FIELDS) expect(f.description.length).toBeGreaterThan(5);
  });

  it('reads each value from the right property', () => {
    const c = client({
      id: '18446744073709551615',
      addr: '[::1]:5000',
      qbufFree: 7,
      argvMem: 8,
      multiMem: 9,
      totMem: 10,
      libName: 'redis-py',
      libVer: '5.0',
      ssub: 3,
    });
    const get = (name: string) => fieldByName(name)!.get(c);
    expect(get('id')).toBe('18446744073709551615');
    expect(get('host')).toBe('::1');
    expect(get('ip')).toBe('::1');
    expect([get('qbuf-free'), get('argv-mem'), get('multi-mem'), get('tot-mem'), get('mem')]).toEqual([
      7, 8, 9, 10, 10,
    ]);
    expect([get('lib-name'), get('lib'), get('lib-ver'), get('ssub')]).toEqual([
      'redis-py',
      'redis-py',
      '5.0',
      3,
    ]);
  });

  it('gives each field its kind', () => {
    const kind = (n: string) => fieldByName(n)!.kind;
    expect(['age', 'idle'].map(kind)).toEqual(['duration', 'duration']);
    expect(['qbuf', 'qbuf-free', 'argv-mem', 'multi-mem', 'omem', 'tot-mem', 'obl'].map(kind)).toEqual(
      Array(7).fill('bytes'),
    );
    expect(['id', 'fd', 'db', 'oll', 'multi', 'resp', 'redir'].map(kind)).toEqual(Array(7).fill('number'));
    expect(['node', 'addr', 'host', 'name', 'user', 'cmd', 'events', 'lib-name'].map(kind)).toEqual(
      Array(8).fill('text'),
    );
    expect(kind('flags')).toBe('flags');
  });
});

describe('fieldByName', () => {
  it('is case-insensitive and knows the aliases', () => {
    expect(fieldByName('TOT-MEM')?.name).toBe('tot-mem');
    expect(fieldByName('Mem')?.name).toBe('tot-mem');
    expect(fieldByName('IP')?.name).toBe('host');
    expect(fieldByName('lib')?.name).toBe('lib-name');
    expect(fieldByName('totMem')).toBeUndefined();
    expect(fieldByName('constructor')).toBeUndefined();
    expect(fieldByName('')).toBeUndefined();
  });
});

describe('compareNumeric', () => {
  it('orders 64-bit ids exactly, past 2^53', () => {
    expect(compareNumeric('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareNumeric('10', '9')).toBeGreaterThan(0);
    expect(compareNumeric('007', '7')).toBe(0);
    expect(compareNumeric('18446744073709551615', 5)).toBeGreaterThan(0);
    expect(compareNumeric(-1, 0)).toBeLessThan(0);
  });

  it('agrees with BigInt order on decimal strings', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n }), fc.bigInt({ min: 0n, max: 2n ** 64n }), (a, b) => {
        expect(Math.sign(compareNumeric(String(a), String(b)))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});
