// The Certs wizard on a 3+3 cluster: a deployment gets a node certificate for every node the
// Target reads, each named for its address, and the preview lists them all (a window at 24 rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-cluster.js';
import { tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';

let cluster: ClusterHandle;
beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);
afterAll(() => cluster.stop());

const { start } = tuiPerTest();
const atStep = (t: Tui, n: number) => t.waitFor((f) => f.includes(`step ${n} of 8`), `step ${n}`);

describe('the Certs wizard on a cluster', () => {
  it('makes one node certificate per node, none uncovered', async () => {
    const t = await start({ connection: { spec: { ...cluster.seed, cluster: true }, readOnly: false } });
    await t.waitFor((f) => f.includes('6 nodes'), 'every node', 20_000);
    t.press('pane.certs');
    await t.waitFor((f) => f.includes('the wizard'), 'the pane');
    t.press('certs.new');
    await atStep(t, 1);
    t.key('return');
    await atStep(t, 2);
    t.key('return');
    const f = await atStep(t, 3);
    for (let i = 1; i <= 6; i++) expect(f).toContain(`node-${i}`);
    expect(f).not.toContain('No SAN covers');
    const plan = t.app.store.get().certs.plan!;
    const servers = plan.leaves.filter((l) => l.role === 'server');
    expect(servers).toHaveLength(6);
    expect(servers.every((l) => l.ipAddresses.includes(cluster.seed.host))).toBe(true);
  });
});
