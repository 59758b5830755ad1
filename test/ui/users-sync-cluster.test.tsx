// Sync from the drift view on a real 3+3 cluster whose nodes disagree: s copies one user of
// the selected node to every node, S all users (p in the confirmation: with prune), F every
// node to an ACL file; each shows its plan per node first, runs through the mutation path
// with per-node results, persists on every node and re-reads (the header's drift count
// follows). Read-only refuses; a node down is named, the others are synced.
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { journalOf, tuiPerTest } from '../helpers/tui.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';
import { cli, scratch } from '../commands/acl-cli.js';

const { start } = tuiPerTest();
const PW = 'admin-pw-1';

describe('sync from the drift view on a cluster (slow)', () => {
  let cluster: ClusterHandle;
  let files: ReturnType<typeof scratch>;
  const id = (i: number) => `127.0.0.1:${cluster.nodes[i]!.port}`;
  // As `default` until setup turns it off; then as admin.
  const on = async (i: number, args: string[], admin = true): Promise<unknown> => {
    const n = cluster.nodes[i]!;
    const login = admin ? { username: 'admin', password: PW } : {};
    const c = new Redis({ host: n.host, port: n.port, protocol: 2, ...login });
    try {
      return await c.call('ACL', args);
    } finally {
      c.disconnect();
    }
  };
  const usersOn = async (i: number) => (await on(i, ['USERS'])) as string[];
  // tuiPerTest's fresh XDG dirs of this test.
  const journal = (action: string) =>
    journalOf({ state: process.env.XDG_STATE_HOME ?? '' } as XdgDirs, action);
  const config = (i: number) => readFileSync(cluster.nodes[i]!.configPath, 'utf8');

  beforeAll(async () => {
    files = scratch();
    cluster = await startCluster();
    await Promise.all(
      cluster.nodes.map(async (_, i) => {
        await on(i, ['SETUSER', 'admin', 'on', `>${PW}`, '~*', '&*', '+@all'], false);
        await on(i, ['SETUSER', 'app', 'on', '>app-pw-1', '~app:*', '+@read'], false);
        await on(i, ['SETUSER', 'default', 'off'], false);
      }),
    );
    // A user only on replica 4; `app` with other keys on node 2; a stray user on node 3.
    await on(4, ['SETUSER', 'drift', 'on', '>drift-pw', '~drift:*', '+get']);
    await on(2, ['SETUSER', 'app', '~other:*']);
    await on(3, ['SETUSER', 'extra', 'on', '>extra-pw', '+ping']);
  }, 120_000);
  afterAll(async () => {
    await cluster.stop();
    files.cleanup();
  });

  async function openDrift(readOnly = false): Promise<Tui> {
    const seed = cluster.nodes[0]!;
    const t = await start({
      connection: {
        spec: { host: seed.host, port: seed.port, user: 'admin', cluster: true },
        password: PW,
        readOnly,
      },
    });
    // With a node down the seed is ready and the header counts the node still connecting.
    await t.waitFor((f) => /● ready|◌ connecting 1\/6 nodes/.test(f), 'connected', 20_000);
    t.press('pane.users');
    await t.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'users listed');
    t.resize(100, 30);
    t.press('users.drift');
    // The matrix is drawn once every node was read.
    await t.waitFor((f) => f.includes('│ USER '), 'matrix', 20_000);
    return t;
  }

  /** Moves the matrix's cursor to `user`'s row and node `i`'s column. */
  function select(t: Tui, user: string | undefined, i: number) {
    const m = t.frame().split('\n');
    const words = (l: string) => l.replace(/│/g, '').trim().split(/ +/);
    const head = words(m.find((l) => l.startsWith('│ USER ')) ?? '').slice(1);
    const rows = m.slice(m.findIndex((l) => l.startsWith('│ USER ')) + 1).map((l) => words(l)[0]);
    const row = user === undefined ? 0 : rows.indexOf(user);
    const col = head.indexOf(`:${cluster.nodes[i]!.port}`);
    expect([row, col].every((x) => x >= 0)).toBe(true);
    for (let k = 0; k < row; k++) t.key('down');
    for (let k = 0; k < col; k++) t.key('right');
  }

  const finished = (t: Tui) =>
    t.waitFor(
      (f) => f.includes('the server now matches') || f.includes('still different'),
      'sync results',
      30_000,
    );

  it('s syncs one user from the selected node to every node: plan per node first, then results, persisted on each node', async () => {
    const t = await openDrift();
    const before = await t.waitFor((f) => f.includes('ACL drift: 3 users'), 'drift counted');
    expect(before).toContain('s sync user · S sync all · F from file');
    select(t, 'drift', 4);
    t.key('s');
    const plan = await t.waitFor((f) => f.includes('Sync user drift of'), 'plan shown');
    expect(plan).toContain(`Sync user drift of ${id(4)} to every node?`);
    expect(plan).toContain('+ create drift');
    expect(plan).toContain('Plan: 5 of 6 nodes differ');
    // Nothing is written before the confirmation.
    expect(await usersOn(0)).not.toContain('drift');
    t.key('y');
    const done = await finished(t);
    expect(done).toContain('created drift: ok on 5/5 nodes');
    expect(done).toMatch(/Done: CONFIG REWRITE on /);
    await t.waitFor((f) => f.includes('ACL drift: 2 users'), 'drift count re-read');
    for (let i = 0; i < 6; i++) {
      expect(await usersOn(i)).toContain('drift');
      expect(config(i)).toMatch(/^user drift on .*~drift:\*/m);
    }
  }, 90_000);

  it('S syncs all users from a node, p re-plans with prune; the drift count goes to 0, every node persisted', async () => {
    const t = await openDrift();
    select(t, undefined, 0);
    t.key('S');
    const plan = await t.waitFor((f) => f.includes(`Sync all users of ${id(0)}`), 'plan shown');
    expect(plan).toMatch(/~ change app/);
    expect(plan).not.toContain('- delete extra');
    t.key('p'); // the explicit choice: the plan again, deleting what node 0 lacks
    const pruned = await t.waitFor((f) => f.includes('- delete extra'), 'pruned plan');
    expect(pruned).toContain('(prune:');
    t.key('y');
    const done = await finished(t);
    expect(done).toContain('deleted extra: ok on 1/1 node');
    await t.waitFor((f) => f.includes('No ACL drift'), 'no drift left', 20_000);
    expect(t.frame().split('\n')[0]).not.toContain('ACL drift:');
    for (let i = 0; i < 6; i++) {
      expect(await usersOn(i)).not.toContain('extra');
      expect(config(i)).toMatch(/^user app on .*~app:\*/m);
      expect(config(i)).not.toContain('~other:*');
    }
    // Journaled as `acl sync` journals it: the one action id, per node.
    const del = journal('acl.deluser');
    // As the headless sync writes it (the same steps): the command as sent, on the node that had it.
    expect(del.at(-1)).toMatchObject({ outcome: 'ok', nodes: [id(3)], args: ['ACL', 'DELUSER', 'extra'] });
    expect(journal('config.rewrite').length).toBeGreaterThan(0);
    expect(readFileSync(`${process.env.XDG_STATE_HOME!}/redis-warden/journal.jsonl`, 'utf8')).not.toMatch(
      /[0-9a-f]{64}/,
    );
  }, 90_000);

  it('F syncs every node to an ACL file', async () => {
    const file = files.file('want.acl', [
      `user admin on >${PW} ~* &* +@all`,
      'user app on >app-pw-1 ~app:* +@read',
      'user fromfile on >ff-pw ~ff:* +get',
      'user default off',
    ]);
    const t = await openDrift();
    // Typed at once, before a frame shows the prompt (a paste): the path's, never drift keys.
    t.key('F');
    t.type(file);
    await t.waitFor((f) => f.includes('ACL file to sync every node to'), 'path prompt');
    await t.waitFor((f) => f.includes('want.acl'), 'path typed');
    t.key('return');
    const plan = await t.waitFor((f) => f.includes(`Sync every node to`), 'plan shown');
    expect(plan).toContain('+ create fromfile');
    t.key('y');
    await finished(t);
    for (let i = 0; i < 6; i++) expect(await usersOn(i)).toContain('fromfile');
  }, 90_000);

  it('read-only mode refuses the sync keys and says so', async () => {
    await on(3, ['SETUSER', 'extra', 'on', '>extra-pw', '+ping']);
    const t = await openDrift(true);
    expect(t.frame()).toContain('read-only mode: sync is switched off');
    t.key('S');
    await t.waitFor((f) => f.includes('Refused: read-only mode'), 'refused');
    expect(t.frame()).not.toContain('Sync all users');
    expect(await usersOn(0)).not.toContain('extra');
    expect(await usersOn(3)).toContain('extra');
    await on(3, ['DELUSER', 'extra']);
  }, 90_000);

  // Last: it stops a node. The others are synced, the down node named; once it is back,
  // `acl drift` still says it differs.
  it('a node down during the sync: the others synced, it is reported, and drift names it once back', async () => {
    await on(0, ['SETUSER', 'late', 'on', '>late-pw', '~late:*', '+get']);
    const down = cluster.nodes[5]!;
    await down.kill();
    const t = await openDrift();
    select(t, undefined, 0);
    t.key('S');
    const plan = await t.waitFor((f) => f.includes(`Sync all users of ${id(0)}`), 'plan shown');
    expect(plan).toContain(`could not read the users of ${id(5)}`);
    t.key('y');
    const done = await t.waitFor(
      (f) => f.includes('created late:') && f.includes('not checked'),
      'results',
      30_000,
    );
    expect(done).toContain('created late: PARTLY on 4/5 nodes');
    expect(done).toContain(`${id(5)}: `);
    for (const i of [1, 2, 3, 4]) expect(await usersOn(i)).toContain('late');
    await down.restart();
    const port = String(cluster.seed.port);
    const back = await cli(['acl', 'drift', '-c', '-p', port, '--user', 'admin', '--timeout', '5000'], {
      REDISCLI_AUTH: PW,
    });
    expect(back.code).toBe(1);
    expect(back.stdout).toMatch(new RegExp(`late:\\n  as on (127[^\\n]*){5}\\n  missing on ${id(5)}\\n`));
  }, 120_000);
});
