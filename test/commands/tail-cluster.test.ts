// `redis-warden tail -c` on a real 3+3 cluster: ACL LOG is per node, so every node is read
// and shown in a NODE column; a node that is down is named and the others are still tailed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/domain/display.js';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';
import { failAuth, follow, freshState } from './tail-cli.js';

describe('tail on a cluster (slow)', () => {
  let cluster: ClusterHandle;
  let xdg: XdgDirs;
  let state: ReturnType<typeof freshState>;
  const seed = () => ['-c', '-p', String(cluster.seed.port), '--timeout', '5000'];
  const id = (i: number) => `127.0.0.1:${cluster.nodes[i]!.port}`;

  beforeAll(async () => {
    xdg = tempXdg();
    state = freshState();
    cluster = await startCluster();
    for (const i of [0, 4]) await failAuth(cluster.nodes[i]!.port, `intruder-on-${i}`);
  });
  afterAll(async () => {
    await cluster?.stop();
    state.cleanup();
    xdg.cleanup();
  });

  it('every node: a NODE column, each event on its node', async () => {
    const r = await cli(['tail', ...seed()], state.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^LAST\s+NODE\s+REASON\s+OBJECT\s+USER\s+N\s+CLIENT\s+CMD\s*$/);
    for (const i of [0, 4])
      expect(lines.find((l) => l.includes(`intruder-on-${i}`))).toMatch(
        new RegExp(`^\\d\\d:\\d\\d:\\d\\d  ${id(i).replace(/\./g, '\\.')}\\s+auth `),
      );
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
    const one = await cli(['tail', '--json', '--node', id(4), ...seed()], state.env);
    expect(
      one.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { node: string }).node),
    ).toEqual([id(4)]);
  });

  it('a node down: the others are tailed, the down one named on stderr; exit 1 (partial)', async () => {
    const down = cluster.nodes[5]!;
    await down.kill();
    await failAuth(cluster.nodes[1]!.port, 'in-kill');
    const r = await cli(['tail', '--json', ...seed()], state.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`node ${id(5)} is not reachable`);
    // The feed's notice, prefixed with the node.
    expect(r.stderr).toMatch(new RegExp(`^${id(5).replace(/\./g, '\\.')}: \\S`, 'm'));
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const users = lines.filter((e) => 'username' in e).map((e) => [e.node, e.username]);
    expect(users).toEqual(
      expect.arrayContaining([
        [id(0), 'intruder-on-0'],
        [id(4), 'intruder-on-4'],
        [id(1), 'in-kill'],
      ]),
    );
    expect(lines).toContainEqual(expect.objectContaining({ notice: 'error', node: id(5) }));

    // --follow goes on with the nodes that answer, and still ends cleanly.
    const t = follow(seed(), state.env);
    await t.waitFor((_, err) => err.includes('following the ACL LOG of 5 node(s)'), 'start', 15_000);
    expect(t.stderr()).toContain(id(5));
    await failAuth(cluster.nodes[2]!.port, 'in-follow');
    await t.waitFor((out) => out.includes('in-follow'), 'the live event', 5000);
    expect(await t.signal('SIGINT')).toBe(0);
  });
});
