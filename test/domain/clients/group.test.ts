// Grouping clients by user, source address or last command.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostOf } from '../../../src/domain/clients/cidr.js';
import { groupClients } from '../../../src/domain/clients/group.js';
import type { ClientGroupBy } from '../../../src/domain/clients/types.js';
import { arbClient, client } from './fixture.js';

const rows = [
  client({
    node: 'n2',
    id: '1',
    user: 'app',
    addr: '10.0.0.1:5000',
    cmd: 'get',
    totMem: 100,
    omem: 1,
    idle: 5,
    age: 50,
  }),
  client({
    node: 'n1',
    id: '2',
    user: 'app',
    addr: '10.0.0.1:5001',
    cmd: 'set',
    totMem: 200,
    omem: 2,
    idle: 9,
    age: 20,
  }),
  client({
    node: 'n1',
    id: '3',
    user: 'ops',
    addr: '[::1]:6000',
    cmd: 'get',
    totMem: 50,
    omem: 0,
    idle: 1,
    age: 90,
  }),
  client({
    node: 'n1',
    id: '4',
    user: 'bot',
    addr: '/tmp/r.sock:0',
    cmd: 'get',
    totMem: 10,
    omem: 0,
    idle: 0,
    age: 1,
  }),
];

describe('groupClients', () => {
  it('groups by user with sums, maxima and members', () => {
    expect(groupClients(rows, 'user')).toEqual([
      {
        key: 'app',
        count: 2,
        nodes: ['n1', 'n2'],
        totMem: 300,
        omem: 3,
        maxIdle: 9,
        minAge: 20,
        members: [
          { node: 'n2', id: '1' },
          { node: 'n1', id: '2' },
        ],
      },
      {
        key: 'bot',
        count: 1,
        nodes: ['n1'],
        totMem: 10,
        omem: 0,
        maxIdle: 0,
        minAge: 1,
        members: [{ node: 'n1', id: '4' }],
      },
      {
        key: 'ops',
        count: 1,
        nodes: ['n1'],
        totMem: 50,
        omem: 0,
        maxIdle: 1,
        minAge: 90,
        members: [{ node: 'n1', id: '3' }],
      },
    ]);
  });

  it('groups by source address without the port, and by last command', () => {
    expect(groupClients(rows, 'addr').map((g) => [g.key, g.count])).toEqual([
      ['10.0.0.1', 2],
      ['/tmp/r.sock', 1],
      ['::1', 1],
    ]);
    expect(groupClients(rows, 'cmd').map((g) => [g.key, g.count])).toEqual([
      ['get', 3],
      ['set', 1],
    ]);
    expect(groupClients([], 'user')).toEqual([]);
  });

  it('partitions the rows: counts add up, every member once, in its own group', () => {
    const keyOf = {
      user: (c: { user: string }) => c.user,
      addr: (c: { addr: string }) => hostOf(c.addr),
      cmd: (c: { cmd: string }) => c.cmd,
    };
    fc.assert(
      fc.property(
        fc.array(arbClient, { maxLength: 40 }),
        fc.constantFrom<ClientGroupBy>('user', 'addr', 'cmd'),
        (list, by) => {
          const groups = groupClients(list, by);
          expect(groups.reduce((n, g) => n + g.count, 0)).toBe(list.length);
          expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
          for (let i = 1; i < groups.length; i++) {
            const [a, b] = [groups[i - 1]!, groups[i]!];
            expect(a.count > b.count || (a.count === b.count && a.key < b.key)).toBe(true);
          }
          for (const g of groups) {
            const mine = list.filter((c) => keyOf[by](c) === g.key);
            expect(g.members).toEqual(mine.map((c) => ({ node: c.node, id: c.id })));
            expect(g.count).toBe(mine.length);
            expect(g.totMem).toBe(mine.reduce((n, c) => n + c.totMem, 0));
            expect(g.maxIdle).toBe(Math.max(...mine.map((c) => c.idle)));
            expect(g.minAge).toBe(Math.min(...mine.map((c) => c.age)));
            expect(g.nodes).toEqual([...new Set(mine.map((c) => c.node))].sort());
          }
        },
      ),
    );
  });
});
