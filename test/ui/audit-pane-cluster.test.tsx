// The Audit pane on a 3+3 cluster: every node audited, the level of each node on its own line,
// the node named in the list (the cluster-wide checks as `cluster`), and all of it in 80x24.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/domain/display.js';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { tuiPerTest } from '../helpers/tui.js';

let cluster: ClusterHandle;
beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);
afterAll(() => cluster.stop());

const { start } = tuiPerTest();

describe('the Audit pane on a cluster', () => {
  it('shows each node with its level, names the node per row, and fits 80x24', async () => {
    const t = await start({ connection: { spec: { ...cluster.seed, cluster: true }, readOnly: false } });
    await t.waitFor((f) => f.includes('● ready 6/6'), '6 nodes ready', 15_000);
    t.resize(80, 24);
    t.press('pane.audit');
    const f = await t.waitFor((f) => /Level: /.test(f), 'the report', 20_000);
    // Every node's level on one line: ports only, all on one host.
    const ports = cluster.nodes.map((n) => String(n.port));
    const nodeLine = f.split('\n').find((l) => l.startsWith(`${cluster.seed.host}: `));
    expect(nodeLine).toMatch(/^\S+: below Basic( \d+){6}$/);
    expect(nodeLine!.split(' ').slice(-6).sort()).toEqual(ports.sort());
    expect(f).toMatch(/ST\s+AREA\s+CHECK\s+LEVEL\s+NODE\s+TITLE/);
    // The cross-node check (the same users on every node) is the cluster's, once.
    t.press('list.filter');
    t.type('REP-004');
    t.key('return');
    const rep = await t.waitFor((f) => /REP-004\s+\S+\s+cluster\s/.test(f), 'the cluster-wide row');
    for (const l of rep.split('\n')) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    expect(rep.split('\n').length).toBeLessThanOrEqual(24);
    t.key('escape');
    await t.waitFor((f) => !f.includes('/REP-004'), 'filter cleared');
    t.press('list.filter');
    t.type('NET-001');
    t.key('return');
    const net = await t.waitFor((f) => (f.match(/NET-001/g) ?? []).length >= 6, 'NET-001 on every node');
    for (const n of cluster.nodes) expect(net).toContain(`${n.host}:${n.port}`);
  });
});
