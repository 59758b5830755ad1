// Users are per node (Redis does not propagate them): on a real 3+3 cluster with a user only
// on one replica, a nopass `default` on another node and a user whose rules differ on a third,
// every headless view shows all three, plan and apply work per node, sync copies one node to
// every other, and `acl drift` is the cron job's answer (0 none, 1 drift, 2 a node unread).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { callOnce } from '../support/resp-client.js';
import type { RawArg } from '../support/resp-client.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli, scratch } from './acl-cli.js';

const PW = 'drift-cluster-pw';
const AUTH = { REDISCLI_AUTH: PW };

describe('per-node ACL state on a cluster (slow)', () => {
  let cluster: ClusterHandle;
  let xdg: XdgDirs;
  let files: ReturnType<typeof scratch>;
  const seed = () => ['-c', '-p', String(cluster.seed.port)];
  const id = (i: number) => `127.0.0.1:${cluster.nodes[i]!.port}`;
  const raw = (i: number, args: RawArg[]) => {
    const n = cluster.nodes[i]!;
    return callOnce({ host: n.host, port: n.port }, args, { password: PW });
  };
  const onEvery = (args: RawArg[]) => Promise.all(cluster.nodes.map((_, i) => raw(i, args)));
  const drift = () => cli(['acl', 'drift', ...seed()], AUTH);

  /** A user only on replica 4, `default` nopass on node 1, `app` with other keys on node 2. */
  async function makeDrift(): Promise<void> {
    await raw(4, ['ACL', 'SETUSER', 'drift', 'on', '>drift-pw', '~*', '+@all']);
    await raw(1, ['ACL', 'SETUSER', 'default', 'nopass']);
    await raw(2, ['ACL', 'SETUSER', 'app', '~other:*']);
  }

  beforeAll(async () => {
    xdg = tempXdg();
    files = scratch();
    cluster = await startCluster({ password: PW });
    await onEvery(['ACL', 'SETUSER', 'app', 'on', '>app-pw', '~app:*', '+@read']);
    await makeDrift();
  });
  afterAll(async () => {
    await cluster?.stop();
    files.cleanup();
    xdg.cleanup();
  });

  it('acl list -c shows the union: a user on one replica, the nopass node, the differing rules', async () => {
    const r = await cli(['acl', 'list', ...seed()], AUTH);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('ACL drift: 3 users on 3 nodes');
    const line = (name: string) => r.stdout.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
    expect(line('drift')).toContain(`1/6 only on ${id(4)}`);
    expect(line('default')).toContain(`nopass on ${id(1)}`);
    expect(line('default')).toContain(`differs on ${id(1)}`);
    expect(line('app')).toContain(`differs on ${id(2)}`);

    const j = await cli(['acl', 'list', '--json', ...seed()], AUTH);
    const users = JSON.parse(j.stdout) as {
      name: string;
      nodes: {
        missing: string[];
        variants: { nodes: string[]; keys: string[] }[];
        risksByNode: { id: string; nodes: string[] }[];
      };
    }[];
    const by = (n: string) => users.find((u) => u.name === n)!.nodes;
    expect(by('drift').missing).toHaveLength(5);
    expect(by('drift').variants.map((v) => v.nodes)).toEqual([[id(4)]]);
    expect(by('default').risksByNode.find((x) => x.id === 'nopass')?.nodes).toEqual([id(1)]);
    expect(by('app').variants[1]).toMatchObject({ nodes: [id(2)], keys: ['~app:*', '~other:*'] });
    expect(j.stdout).not.toMatch(/[0-9a-f]{64}/); // no hash, in any variant

    // A user the read node does not have is still shown, with where it is.
    const show = await cli(['acl', 'show', 'drift', ...seed()], AUTH);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`nodes      DIFFER\n    as on ${id(4)}\n    missing on`);
    const app = await cli(['acl', 'show', 'app', '--json', ...seed()], AUTH);
    expect((JSON.parse(app.stdout) as { nodes: { differs: boolean } }).nodes.differs).toBe(true);
  });

  it('acl drift names each drifted user and node (exit 1); export refuses without --from', async () => {
    const r = await drift();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`drift:\\n  as on ${id(4)}\\n  missing on (127[^\\n]*){5}\\n`));
    expect(r.stdout).toContain(`risk: nopass on ${id(1)}`);
    expect(r.stdout).toMatch(new RegExp(`differs on ${id(2)}: keys: .*other`));
    expect(r.stdout).toContain('Drift: 3 users on 3 nodes');
    const j = await cli(['acl', 'drift', '--json', ...seed()], AUTH);
    expect(j.code).toBe(1);
    expect((JSON.parse(j.stdout) as { drift: { name: string }[] }).drift.map((d) => d.name).sort()).toEqual([
      'app',
      'default',
      'drift',
    ]);
    const e = await cli(['acl', 'export', ...seed()], AUTH);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('--from NODE');
    const from = await cli(['acl', 'export', '--from', id(4), ...seed()], AUTH);
    expect([from.code, from.stdout]).toEqual([0, expect.stringContaining('user drift on')]);
  });

  it('acl plan -c is per node (exit 1); apply --prune makes every node equal; then nothing to do', async () => {
    const file = files.file('want.acl', [
      `user default on >${PW} ~* &* +@all`,
      'user app on >app-pw ~app:* +@read',
    ]);
    const plan = await cli(['acl', 'plan', file, '--prune', ...seed()], AUTH);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain(`${id(4)}:\n- delete drift`);
    expect(plan.stdout).toMatch(new RegExp(`${id(1)}:\\n~ change default`));
    expect(plan.stdout).toMatch(new RegExp(`${id(2)}:\\n~ change app`));
    expect(plan.stdout).toContain('Plan: 3 of 6 nodes differ');
    const apply = await cli(['acl', 'apply', file, '--prune', '--yes', ...seed()], AUTH);
    // ioredis warns of a password sent to a nopass `default` (node 1): nothing of ours.
    expect(apply.stderr).not.toMatch(/Warning|Refused|Error/);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('deleted drift: ok on 1/1 node');
    expect(apply.stdout).toContain('the server now matches');
    const again = await cli(['acl', 'plan', file, '--prune', ...seed()], AUTH);
    expect([again.code, again.stdout]).toEqual([
      0,
      expect.stringContaining('Nothing to do: all 6 nodes match'),
    ]);
    expect((await drift()).code).toBe(0);
  });

  it('acl sync --from NODE copies its users to every node and persists each; drift then exits 0', async () => {
    await makeDrift();
    expect((await drift()).code).toBe(1);
    const dry = await cli(['acl', 'sync', '--from', id(0), '--prune', ...seed()], AUTH);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain('run again with --yes');
    const r = await cli(['acl', 'sync', '--from', id(0), '--prune', '--yes', ...seed()], AUTH);
    expect(r.stderr).not.toMatch(/Warning|Refused|Error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`node ${id(0)}`);
    expect(r.stdout).toMatch(/CONFIG REWRITE on .*: done|Done/i);
    const d = await drift();
    expect([d.code, d.stdout]).toEqual([0, expect.stringContaining('No drift: all 6 nodes')]);
    for (const n of cluster.nodes) {
      const conf = (await raw(cluster.nodes.indexOf(n), ['CONFIG', 'GET', 'dir'])) as string[];
      expect(conf).toHaveLength(2);
    }
  });

  it('a node down during sync: the others are synced, it is named, and drift still sees it once back', async () => {
    await raw(0, ['ACL', 'SETUSER', 'late', 'on', '>late-pw', '~late:*', '+get']);
    const down = cluster.nodes[5]!;
    await down.kill();
    const r = await cli(
      ['acl', 'sync', '--from', id(0), 'late', '--yes', '--timeout', '5000', ...seed()],
      AUTH,
    );
    expect(r.code).toBe(1);
    // Written where it was missing, and to the node that could not be read.
    expect(r.stdout).toContain('created late: PARTLY on 4/5 nodes');
    expect(r.stdout).toContain(`    ${id(5)}: `);
    for (const i of [1, 2, 3, 4]) expect(await raw(i, ['ACL', 'USERS'])).toContain('late');
    const whileDown = await drift();
    expect(whileDown.code).toBe(2);
    expect(whileDown.stderr).toContain(`Could not read the users of ${id(5)}`);
    await down.restart();
    const back = await cli(['acl', 'drift', '--timeout', '5000', ...seed()], AUTH);
    expect(back.code).toBe(1);
    // Only `late`: what the earlier sync persisted (CONFIG REWRITE) survived the restart.
    expect(back.stdout).toContain('Drift: 1 user on 1 node');
    expect(back.stdout).toMatch(new RegExp(`late:\\n  as on (127[^\\n]*){5}\\n  missing on ${id(5)}\\n`));
  });
});
