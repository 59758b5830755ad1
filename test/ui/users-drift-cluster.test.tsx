// The Users pane on a real 3+3 cluster whose nodes disagree: every node is read, so a user
// that exists only on one replica is listed (with where), a risk on one node names it, the
// header counts the drift, and D shows the users x nodes matrix.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { tuiPerTest } from '../helpers/tui.js';

const { start } = tuiPerTest();

describe('the Users pane on a cluster with drift (slow)', () => {
  let cluster: ClusterHandle;
  const id = (i: number) => `127.0.0.1:${cluster.nodes[i]!.port}`;
  // As `default` until setup turns it off; then as admin.
  const on = async (i: number, args: string[], admin = false) => {
    const n = cluster.nodes[i]!;
    const login = admin ? { username: 'admin', password: 'admin-pw-1' } : {};
    const c = new Redis({ host: n.host, port: n.port, protocol: 2, ...login });
    await c.call('ACL', args);
    c.disconnect();
  };
  beforeAll(async () => {
    cluster = await startCluster();
    await Promise.all(
      cluster.nodes.map(async (_, i) => {
        await on(i, ['SETUSER', 'admin', 'on', '>admin-pw-1', '~*', '&*', '+@all']);
        await on(i, ['SETUSER', 'app', 'on', '>app-pw-1', '~app:*', '+@read']);
      }),
    );
    // A user only on replica 4; `default` left nopass on node 1 (on, as Redis starts it).
    await on(4, ['SETUSER', 'drift', 'on', '>drift-pw', '~*', '+@all']);
    await on(1, ['SETUSER', 'default', 'on', 'nopass']);
    await Promise.all([0, 2, 3, 4, 5].map((i) => on(i, ['SETUSER', 'default', 'off'])));
  }, 120_000);
  afterAll(async () => {
    await cluster.stop();
  });

  async function openUsers() {
    const seed = cluster.nodes[0]!;
    const t = await start({
      connection: {
        spec: { host: seed.host, port: seed.port, user: 'admin', cluster: true },
        password: 'admin-pw-1',
        readOnly: false,
      },
    });
    await t.waitFor((f) => f.includes('● ready'), 'ready');
    t.press('pane.users');
    await t.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'users listed');
    return t;
  }

  // The headline counts what was read so far: a node still connecting is said below the list.
  const everyNodeRead = (f: string) => f.includes('ACL drift:') && !f.includes('Users not read on');

  /** The drift view (D) on a terminal `columns` wide, once every node was read. */
  async function openDrift(columns: number) {
    const t = await openUsers();
    t.resize(columns, 24);
    await t.waitFor(everyNodeRead, 'drift read on every node', 20_000);
    t.press('users.drift');
    return t;
  }

  it('lists a user that exists only on one replica, counts the drift in the header, names the risky node', async () => {
    const t = await openUsers();
    const f = await t.waitFor(everyNodeRead, 'drift headline, every node read', 20_000);
    expect(f).toContain('ACL drift: 2 users on 2 nodes');
    expect(f).toMatch(/drift .*≠1 nodes/);
    t.press('list.filter');
    t.type('default');
    t.key('return');
    const d = await t.waitFor((f) => f.includes('/default'), 'filtered');
    expect(d).toContain(`on ${id(1)}`);
    // The detail names the node it differs on, not only how many.
    t.press('users.open');
    const o = await t.waitFor((f) => f.includes('User default'), 'detail');
    expect(o).toContain(`differs on ${id(1)}`);
  }, 60_000);

  it("D shows the users x nodes matrix at 80x24, Enter a node's rules beside the majority's", async () => {
    const t = await openDrift(80);
    // Every node read: a node whose read is still on its way is a `?` cell until it lands.
    const m = await t.waitFor(
      // (the footer's `… ? more`, the last line, is not a cell)
      (f) =>
        f.includes('DIFFERS') && f.includes('missing') && !/ \? /.test(f.split('\n').slice(0, -1).join('\n')),
      'matrix, every node read',
      20_000,
    );
    const port = (i: number) => `:${cluster.nodes[i]!.port}`;
    // The matrix read back as words: node columns in the target's order, drifted users first.
    const words = (first: string) =>
      (m.split('\n').find((l) => l.startsWith(`│ ${first} `)) ?? '').replace(/│/g, '').trim().split(/ +/);
    const head = words('USER').slice(1);
    expect([...head].sort()).toEqual(cluster.nodes.map((_, i) => port(i)).sort());
    const cells = (user: string) => Object.fromEntries(head.map((p, i) => [p, words(user)[i + 1]]));
    const expected = (odd: number, there: string, elsewhere: string) =>
      Object.fromEntries(head.map((p) => [p, p === port(odd) ? there : elsewhere]));
    expect(cells('default')).toEqual(expected(1, 'DIFFERS', 'same'));
    expect(cells('drift')).toEqual(expected(4, 'same', 'missing'));
    expect(m.indexOf('│ default ')).toBeLessThan(m.indexOf('│ admin '));
    expect(m.indexOf('│ drift ')).toBeLessThan(m.indexOf('│ admin '));
    for (const line of m.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // To node 1's column on the `default` row (the first row), then Enter.
    for (let i = 0; i < head.indexOf(port(1)); i++) t.key('right');
    t.key('return');
    const r = await t.waitFor((f) => f.includes('This node'), 'node rules');
    expect(r).toContain(`default on ${id(1)}: DIFFERS`);
    expect(r).toMatch(/This node[^\n]*\n[^\n]*│ on nopass/);
    expect(r).toContain('Majority (5 of 6 nodes)');
    expect(r).toMatch(/Majority[^\n]*\n[^\n]*│ off /);
    t.key('escape');
    await t.waitFor((f) => f.includes('DIFFERS') && !f.includes('This node'), 'back to the matrix');
  }, 60_000);

  it('the node columns scroll when they do not fit', async () => {
    const t = await openDrift(60);
    const m = await t.waitFor((f) => f.includes('USER') && f.includes('▶'), 'more columns to the right');
    const shown = (f: string) =>
      (f.split('\n').find((l) => l.startsWith('│ USER ')) ?? '').match(/:\d+/g) ?? [];
    const before = shown(m);
    expect(before.length).toBeLessThan(6);
    for (let i = 0; i < 5; i++) t.key('right');
    const after = await t.waitFor((f) => f.includes('◀'), 'scrolled right');
    expect(shown(after)).not.toEqual(before);
    expect(shown(after)).toHaveLength(before.length);
    for (const line of after.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  }, 60_000);

  // Last: it changes the cluster. A node that refuses ACL LIST is named, never taken as "the same".
  it('a node whose users cannot be read is named under the list', async () => {
    await on(5, ['SETUSER', 'admin', '-acl|list'], true);
    const t = await openUsers();
    // Nodes still connecting are named too, then read as they come up: node 5 stays named.
    const f = await t.waitFor(
      (f) => f.includes(`Users not read on ${id(5)}`) && !f.includes('not connected'),
      'unreadable node named',
      20_000,
    );
    expect(f).toContain(`Users not read on ${id(5)}: `);
  }, 60_000);
});
