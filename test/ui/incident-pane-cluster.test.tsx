// The Incident pane on a 3+3 cluster: the evidence is taken from all six nodes, the findings
// name their node, persisting runs per node, a node down is said, and it all fits 80x24.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { tuiPerTest } from '../helpers/tui.js';
import { incidentsOf, overflow } from '../helpers/incident-tui.js';

let cluster: ClusterHandle;
beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);
afterAll(() => cluster.stop());

const { start } = tuiPerTest();

describe('the Incident pane on a cluster', () => {
  it('takes the evidence of every node and shows the findings by node, in 80x24', async () => {
    const t = await start({ connection: { spec: { ...cluster.seed, cluster: true }, readOnly: false } });
    await t.waitFor((f) => f.includes('● ready 6/6'), '6 nodes ready', 15_000);
    t.resize(80, 24);
    t.press('pane.incident');
    await t.waitFor((f) => f.includes('No incident yet'), 'the empty list');
    t.press('incident.new');
    await t.waitFor((f) => f.includes('New incident: its title'), 'the title prompt');
    t.type('cluster check');
    t.key('return');
    const f = await t.waitFor(
      (f) => f.includes('INCIDENT') && f.includes('FINDINGS ('),
      'the findings',
      30_000,
    );
    expect(t.allFrames()).toContain('taking evidence from 6 nodes…');
    expect(overflow(f, 80, 24)).toEqual([]);
    const inc = incidentsOf()[0]!;
    expect(inc.title).toBe('cluster check');
    expect(new Set(inc.manifest.map((m) => m.node)).size).toBe(6);
    // Remediate: the firewall lines name every port, the cluster bus too.
    for (let i = 0; i < 3; i++) t.press('incident.step-next');
    const r = await t.waitFor((f) => f.includes('REMEDIATE:'), 'the remediate view');
    expect(overflow(r, 80, 24)).toEqual([]);
    t.press('incident.save');
    await t.waitFor((f) => f.includes('Persist what was changed?'), 'the persist confirmation');
    t.type('y');
    const said = await t.waitFor(
      (f) => /Done: (CONFIG REWRITE|ACL SAVE)|no aclfile/.test(f),
      'persisted',
      20_000,
    );
    expect(overflow(said, 80, 24)).toEqual([]);
  }, 90_000);
});
