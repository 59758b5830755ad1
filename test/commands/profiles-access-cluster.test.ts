// `profiles test -c` asks every node what the console's user may do: ACL users are per node
// (a cluster does not propagate ACL SETUSER), so a grant missing on one node is named with
// that node, one table stands when every node agrees, and a node down is said to be unknown.
// On a real 3+3 cluster (slow: one per file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { callOnce } from '../support/resp-client.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

const WATCH = [
  'on',
  '>watch-pw',
  'resetkeys',
  'resetchannels',
  '-@all',
  ...'+ping +info +acl|whoami +acl|dryrun +acl|log +acl|list +client|list +cluster|nodes +cluster|slots +cluster|info'.split(
    ' ',
  ),
];

interface Need {
  what: string;
  can: string;
}
interface NodeAccess {
  node: string;
  state: string;
  panes: { pane: string; needs: Need[] }[];
}
interface Report {
  warnings: string[];
  access: { user: string; agree: boolean; panes: { pane: string; needs: Need[] }[]; nodes: NodeAccess[] };
}

const canOf = (panes: NodeAccess['panes'], what: RegExp) =>
  panes.flatMap((p) => p.needs).find((n) => what.test(n.what))?.can;

describe('profiles test on a cluster (slow)', () => {
  let cluster: ClusterHandle;
  let xdg: XdgDirs;
  const id = (i: number) => `127.0.0.1:${cluster.nodes[i]?.port}`;
  const setUser = (i: number, rules: string[]) => {
    const n = cluster.nodes[i];
    if (!n) throw new Error(`no node ${i}`);
    return callOnce({ host: n.host, port: n.port }, ['ACL', 'SETUSER', 'watch', ...rules]);
  };
  const test = (json = false) =>
    cli(
      [
        'profiles',
        'test',
        '-c',
        '-p',
        String(cluster.seed.port),
        '--user',
        'watch',
        '--timeout',
        '4000',
        ...(json ? ['--json'] : []),
      ],
      { REDISCLI_AUTH: 'watch-pw' },
    );

  beforeAll(async () => {
    xdg = tempXdg();
    cluster = await startCluster();
    for (let i = 0; i < cluster.nodes.length; i++) await setUser(i, WATCH);
  });
  afterAll(async () => {
    await cluster?.stop();
    xdg.cleanup();
  });

  it('a grant missing on one replica only: that node is named with what it lacks', async () => {
    await setUser(4, ['-acl|log']);
    const r = await test();
    expect(r.stdout).toContain('What watch may do on 6 nodes (asked with ACL DRYRUN): the nodes differ:');
    expect(r.stdout).toMatch(/^ACL Log +NO 1\/6 +the log \(ACL LOG\) +\+acl\|log$/m);
    expect(r.stdout).toMatch(/^Users +yes +users and their rules \(ACL LIST\)$/m);
    expect(r.stdout).toContain(`  ${id(4)}: NO the log (ACL LOG); NO action: reset the log (ACL LOG RESET)`);
    expect(r.stdout).toContain(
      `SEC003 watch may not read what ACL Log needs on ${id(4)}: grant it: ACL SETUSER watch +acl|log`,
    );
    expect(r.stdout).not.toContain(`  ${id(0)}: `);

    const j = JSON.parse((await test(true)).stdout) as Report;
    expect(j.access.agree).toBe(false);
    expect(j.access.nodes.map((n) => [n.node, n.state]).sort()).toEqual(
      cluster.nodes.map((_, i) => [id(i), 'checked']).sort(),
    );
    for (const n of j.access.nodes)
      expect(canOf(n.panes, /^the log \(ACL LOG\)/), n.node).toBe(n.node === id(4) ? 'no' : 'yes');
    // The Target as a whole: the least any node may.
    expect(canOf(j.access.panes, /^the log \(ACL LOG\)/)).toBe('no');
    expect(j.warnings.join('\n')).toContain(`on ${id(4)}`);
  });

  it('every node agrees: one table, no node named', async () => {
    await setUser(4, ['+acl|log']);
    const r = await test();
    expect(r.stdout).toContain('What watch may do on 6 nodes (asked with ACL DRYRUN):\n');
    expect(r.stdout).toMatch(/^ACL Log +yes +the log \(ACL LOG\)$/m);
    expect(r.stdout).not.toContain('Where the nodes differ');
    const j = JSON.parse((await test(true)).stdout) as Report;
    expect(j.access.agree).toBe(true);
    expect(j.access.nodes).toHaveLength(6);
  });

  it('a node down: reported as down, its answers unknown; the others are still asked', async () => {
    const down = cluster.nodes[5];
    if (!down) throw new Error('no sixth node');
    await down.kill();
    const r = await test();
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('What watch may do on 5 of 6 nodes (asked with ACL DRYRUN):');
    expect(r.stdout).toMatch(/^ACL Log +yes +the log \(ACL LOG\)$/m);
    expect(r.stdout).toContain(`could not tell what watch may do on ${id(5)}: not connected (`);
    const j = JSON.parse((await test(true)).stdout) as Report;
    const gone = j.access.nodes.find((n) => n.node === id(5));
    expect(gone?.state).toBe('down');
    expect(gone?.panes.flatMap((p) => p.needs).every((n) => n.can === 'unknown')).toBe(true);
    expect(j.access.nodes.filter((n) => n.state === 'checked')).toHaveLength(5);
  });
});
