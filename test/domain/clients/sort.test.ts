// Sorting clients: numeric and text orders, exact 64-bit ids, ties by node then id, stability,
// and the error a bad `--sort` gets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNumeric, fieldByName } from '../../../src/domain/clients/fields.js';
import { SORT_FIELDS, sortClients } from '../../../src/domain/clients/sort.js';
import type { ClientInfo } from '../../../src/domain/clients/types.js';
import { arbClient, client } from './fixture.js';

const ids = (rows: ClientInfo[]) => rows.map((r) => r.id);

describe('sortClients', () => {
  it('orders ids numerically, exactly past 2^53', () => {
    const rows = ['10', '9', '9007199254740993', '9007199254740992', '100'].map((id) => client({ id }));
    expect(ids(sortClients(rows, 'id', false))).toEqual([
      '9',
      '10',
      '100',
      '9007199254740992',
      '9007199254740993',
    ]);
    expect(ids(sortClients(rows, 'id', true))).toEqual([
      '9007199254740993',
      '9007199254740992',
      '100',
      '10',
      '9',
    ]);
  });

  it('orders numbers numerically and text by code unit, not by locale', () => {
    const rows = [
      client({ id: '1', totMem: 900, user: 'b' }),
      client({ id: '2', totMem: 10_000, user: 'B' }),
      client({ id: '3', totMem: 80, user: 'é' }),
      client({ id: '4', totMem: 900, user: 'a' }),
    ];
    expect(ids(sortClients(rows, 'tot-mem', false))).toEqual(['3', '1', '4', '2']);
    expect(ids(sortClients(rows, 'mem', true))).toEqual(['2', '1', '4', '3']);
    expect(ids(sortClients(rows, 'user', false))).toEqual(['2', '4', '1', '3']);
  });

  it('breaks ties by node, then id, in either direction', () => {
    const rows = [
      client({ id: '5', node: 'b:1', idle: 3 }),
      client({ id: '2', node: 'b:1', idle: 3 }),
      client({ id: '7', node: 'a:1', idle: 3 }),
      client({ id: '1', node: 'a:1', idle: 9 }),
    ];
    expect(sortClients(rows, 'idle', false).map((r) => `${r.node}/${r.id}`)).toEqual([
      'a:1/7',
      'b:1/2',
      'b:1/5',
      'a:1/1',
    ]);
    expect(sortClients(rows, 'idle', true).map((r) => `${r.node}/${r.id}`)).toEqual([
      'a:1/1',
      'a:1/7',
      'b:1/2',
      'b:1/5',
    ]);
  });

  it('sorts by a derived field and leaves its input alone', () => {
    const rows = [client({ id: '1', addr: '10.0.0.9:1' }), client({ id: '2', addr: '10.0.0.10:1' })];
    const before = [...rows];
    expect(ids(sortClients(rows, 'host', false))).toEqual(['2', '1']);
    expect(rows).toEqual(before);
  });

  it('refuses an unknown field, listing the valid ones', () => {
    expect(() => sortClients([], 'bogus', false)).toThrow(
      /cannot sort by "bogus": use one of id, node, addr/,
    );
    expect(() => sortClients([], 'tot-mem', false)).not.toThrow();
  });

  it('cycles through columns the registry knows', () => {
    expect(SORT_FIELDS).toEqual([
      'id',
      'node',
      'addr',
      'name',
      'user',
      'age',
      'idle',
      'db',
      'cmd',
      'tot-mem',
      'omem',
      'qbuf',
    ]);
    for (const f of SORT_FIELDS) expect(fieldByName(f)).toBeDefined();
  });

  it('returns an ordered permutation for every sort field', () => {
    const key = (r: ClientInfo) => `${r.node}\u0000${r.id}`;
    fc.assert(
      fc.property(
        fc.array(arbClient, { maxLength: 30 }),
        fc.constantFrom(...SORT_FIELDS, 'host', 'flags'),
        fc.boolean(),
        (rows, field, reverse) => {
          const out = sortClients(rows, field, reverse);
          expect(out.map(key).sort()).toEqual(rows.map(key).sort());
          const f = fieldByName(field)!;
          const numeric = f.kind !== 'text' && f.kind !== 'flags';
          for (let i = 1; i < out.length; i++) {
            const [a, b] = [f.get(out[i - 1]!), f.get(out[i]!)];
            const cmp = numeric
              ? compareNumeric(a, b)
              : String(a) < String(b)
                ? -1
                : String(a) > String(b)
                  ? 1
                  : 0;
            expect(reverse ? cmp >= 0 : cmp <= 0).toBe(true);
            if (cmp === 0) {
              const [x, y] = [out[i - 1]!, out[i]!];
              expect(x.node < y.node || (x.node === y.node && compareNumeric(x.id, y.id) <= 0)).toBe(true);
            }
          }
        },
      ),
    );
  });
});
