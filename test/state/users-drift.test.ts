// The Users pane's rows on a cluster: the first node's rows, with the union's drift, where a
// user exists and the nodes of a per-node risk; then the users only other nodes have.
import { describe, expect, it } from 'vitest';
import { aclUnion } from '../../src/domain/acl/per-node.js';
import { unionRows } from '../../src/state/users-drift.js';
import type { UserRow } from '../../src/state/users-slice.js';
import { user } from '../domain/acl/acl-fixtures.js';

const app = user({ name: 'app', keys: ['~app:*'], commands: '-@all +get' });
const def = user({ name: 'default', passwords: ['a'.repeat(64)], keys: ['~*'], commands: '+@all' });
const nopassDef = { ...def, nopass: true, passwords: [], flags: ['on', 'nopass'] };

describe('unionRows', () => {
  const union = aclUnion([
    { node: 'n1', users: [def, app] },
    { node: 'n2', users: [nopassDef, app] },
    { node: 'n3', users: [def, app, user({ name: 'drift' })] },
  ]);
  const first: UserRow[] = [def, app].map((u) => ({
    name: u.name,
    user: u,
    risks: [],
    drift: [],
    clients: 1,
  }));
  const rows = unionRows(first, union);
  const row = (name: string) => rows.find((r) => r.name === name);

  it('lists a user only another node has, with where it exists', () => {
    expect(rows.map((r) => r.name)).toEqual(['default', 'app', 'drift']);
    expect(row('drift')).toMatchObject({ where: ['n3'], drift: ['n3'] });
    expect(row('app')).toMatchObject({ drift: [], where: undefined, clients: 1 });
  });

  it('names the nodes of a risk that holds on some only', () => {
    const d = row('default')!;
    expect(d.drift).toEqual(['n2']);
    expect(d.risks.map((r) => r.id)).toContain('nopass');
    expect(d.riskNodes?.nopass).toEqual(['n2']);
  });

  it('leaves a single server as read', () => {
    expect(unionRows(first, aclUnion([{ node: 'n1', users: [def, app] }]))).toEqual(first);
  });
});
