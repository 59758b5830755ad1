// `redis-warden clients kill` against real servers (the built CLI; the race in-process), and
// `clients` / `clients kill` on a real 3+3 cluster: NODE column, replication links spared
// unless --replication, an ambiguous --id, a node down.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withAcl } from '../../src/commands/acl-session.js';
import { executeKill, planKill, selectorOf } from '../../src/commands/clients-kill.js';
import { readClients } from '../../src/commands/clients.js';
import { openContext } from '../../src/commands/context.js';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { ClusterHandle, RedisHandle } from '../support/redis-server.js';
import { callOnce } from '../support/resp-client.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';
import { alive, openRaw } from './clients-cli.js';
import type { KillJson, ListJson, RawClient } from './clients-cli.js';

const USERS = [
  'user default off',
  'user admin on >adm-pw-123 ~* &* +@all',
  'user app on >app-pw-456 ~app:* +@read +@write +ping +client|id +client|setname',
  'user monitor on >mon-pw-789 -@all +ping +acl|whoami +client|list +client|id',
  'user noperm on >np-pw-000 -@all +ping +acl|whoami +client|id',
];
const admin = { REDISCLI_AUTH: 'adm-pw-123' };

let xdg: XdgDirs;
beforeAll(() => {
  xdg = tempXdg();
});
afterAll(() => xdg.cleanup());

describe('clients kill (one server)', () => {
  let server: RedisHandle;
  const open: RawClient[] = [];
  const as = (user: string) => ['-p', String(server.port), '--user', user];
  const kill = (args: string[], user = 'admin', env: Record<string, string> = admin) =>
    cli(['clients', 'kill', ...args, ...as(user)], env);
  const appClient = async (name: string) => {
    const c = await openRaw(server.port, [
      ['AUTH', 'app', 'app-pw-456'],
      ['CLIENT', 'SETNAME', name],
    ]);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startRedis({ aclUsers: USERS });
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server.stop();
  });

  it('--id without --yes: prints the plan, kills nothing, exit 1', async () => {
    const a = await appClient('plan-only');
    const r = await kill(['--id', a.id]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NODE\s+ID\s+ADDR\s+NAME\s+USER\s+AGE\s+IDLE\s+FLAGS\s+CMD$/);
    expect(lines[1]).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:${server.port}\\s+${a.id}\\s+${a.addr}\\s+plan-only\\s+app\\s`),
    );
    expect(lines).toHaveLength(2);
    expect(r.stderr).toMatch(new RegExp(`^Not done: kill client ${a.id} .*\\(pass --yes\\)$`, 'm'));
    expect(await alive(a)).toBe(true);
  });

  it('--id --yes: that connection is closed, the others are not; journaled', async () => {
    const a = await appClient('victim');
    const b = await appClient('bystander');
    const r = await kill(['--id', a.id, '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^127\\.0\\.0\\.1:${server.port}: killed 1$`, 'm'));
    expect(r.stdout).toMatch(/^Killed 1 client on 1 node\.$/m);
    await a.waitClosed();
    expect(await alive(b)).toBe(true);
    const journal = readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"client.kill"');
    expect(journal).toContain(`"KILL","ID","${a.id}"`);
  });

  it('--addr IP:PORT --yes: CLIENT KILL ADDR of that one connection', async () => {
    const a = await appClient('by-addr');
    const b = await appClient('by-addr-bystander');
    const r = await kill(['--addr', a.addr, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/killed 1$/m);
    await a.waitClosed();
    expect(await alive(b)).toBe(true);
  });

  it('--username --yes: every connection of that user (CLIENT KILL USER), nobody else', async () => {
    const a = await appClient('u1');
    const b = await appClient('u2');
    const other = await openRaw(server.port, [['AUTH', 'admin', 'adm-pw-123']]);
    open.push(other);
    const r = await kill(['--username', 'app', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Killed \d+ clients on 1 node\.$/m);
    await a.waitClosed();
    await b.waitClosed();
    expect(await alive(other)).toBe(true);
  });

  it("--username of the console's own user: never its own connection, said so", async () => {
    const other = await openRaw(server.port, [['AUTH', 'admin', 'adm-pw-123']]);
    const r = await kill(['--username', 'admin', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Skipped client \d+ on 127\.0\.0\.1:\d+: it is this console's own connection/m);
    expect(r.stdout).not.toMatch(/client\|list/); // the console's connection is not in the plan
    await other.waitClosed();
  });

  it('--addr IP or CIDR: every client from there, killed by id; the plan without --yes', async () => {
    const a = await appClient('net-1');
    const b = await appClient('net-2');
    for (const addr of ['127.0.0.1', '127.0.0.0/8']) {
      const r = await kill(['--addr', addr, '--json']);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout) as KillJson;
      expect(doc.status).toBe('needs-confirmation');
      expect(doc.matched.map((c) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(doc.skipped).toEqual([expect.objectContaining({ why: 'self' })]);
      expect(doc.matched.every((c) => !('risks' in c))).toBe(true);
    }
    const r = await kill(['--addr', '127.0.0.1/32', '--yes', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as KillJson;
    expect(doc.status).toBe('done');
    expect(doc.killed).toBe(doc.matched.length);
    await a.waitClosed();
    await b.waitClosed();
  });

  it('nothing matches: exit 0, "No client matches"', async () => {
    const r = await kill(['--id', '987654', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No client matches client 987654: nothing to do$/m);
  });

  it('without +client|kill: FAILED with SEC003 naming the permission; the client lives', async () => {
    const a = await appClient('survivor');
    const r = await kill(['--id', a.id, '--yes'], 'monitor', { REDISCLI_AUTH: 'mon-pw-789' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/: FAILED: SEC003 NOPERM .*\(needs \+client\|kill\)$/m);
    expect(await alive(a)).toBe(true);
  });

  it('without +client|list: exit 2 naming +client|list (the plan needs a fresh listing)', async () => {
    const r = await kill(['--id', '1', '--yes'], 'noperm', { REDISCLI_AUTH: 'np-pw-000' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SEC003.*\+client\|list/);
  });

  it('read-only: refused (journaled), exit 2, nothing killed', async () => {
    const a = await appClient('read-only');
    const r = await kill(['--id', a.id, '--yes', '--read-only']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Refused: read-only mode.*nothing was killed\.$/m);
    expect(await alive(a)).toBe(true);
    const journal = readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(journal.at(-1) ?? '{}')).toMatchObject({ action: 'client.kill', outcome: 'refused' });
  });

  it('usage errors (exit 2): no selector, two, listing flags, a bad --addr, --node without --id, an unknown node', async () => {
    for (const args of [
      [],
      ['--id', '1', '--username', 'app'],
      ['--id', '1', '--filter', 'user=app'],
      ['--addr', 'not-an-address'],
      ['--addr', '10.0.0.0/33'],
      ['--username', 'app', '--node', '127.0.0.1:1'],
      ['--id', 'x1'],
    ]) {
      const r = await cli(['clients', 'kill', ...args, '-p', '1']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^redis-warden: /);
    }
    const r = await kill(['--id', '1', '--node', '10.9.9.9:1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--node: no node "10\.9\.9\.9:1" here; the nodes are: 127\.0\.0\.1:\d+/);
  });

  it('a client that leaves between the listing and the kill is "already gone", not an error', async () => {
    const a = await appClient('leaver');
    const out: string[] = [];
    const warned: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const saved = process.env.REDISCLI_AUTH;
    process.env.REDISCLI_AUTH = 'adm-pw-123';
    try {
      const ctx = openContext((l) => warned.push(l));
      const flags = { port: String(server.port), user: 'admin', id: a.id, yes: true };
      const code = await withAcl(ctx, flags, async (s) => {
        const read = await readClients(s);
        const plan = planKill(s, read, selectorOf(flags), false);
        expect(plan.kill.map((c) => c.id)).toEqual([a.id]);
        a.close();
        // Gone from the server's list before the kill is sent.
        for (let i = 0; i < 100; i++) {
          const listed = String(
            await callOnce({ port: server.port }, ['CLIENT', 'LIST'], {
              username: 'admin',
              password: 'adm-pw-123',
            }),
          );
          if (!listed.includes(`id=${a.id} `)) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        return executeKill(ctx, s, read, plan, flags);
      });
      expect(code).toBe(0);
    } finally {
      spy.mockRestore();
      process.env.REDISCLI_AUTH = saved;
    }
    const text = out.join('');
    expect(text).toMatch(
      new RegExp(`killed 0; already gone \\(left before the kill\\): ${a.id} \\(${a.addr}\\)`),
    );
    expect(text).toMatch(/^Killed 0 clients; 1 already gone\.$/m);
    expect(warned).toEqual([]);
  });
});

describe('clients on a cluster (slow)', () => {
  let cluster: ClusterHandle;
  const seed = () => ['-c', '-p', String(cluster.seed.port), '--timeout', '8000'];
  const id = (i: number) => `127.0.0.1:${cluster.nodes[i]!.port}`;
  const listJson = async () => {
    const r = await cli(['clients', '--json', ...seed()]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as ListJson;
  };
  const linkUp = async (replica: number) => {
    for (let i = 0; i < 200; i++) {
      const info = String(await callOnce({ port: cluster.nodes[replica]!.port }, ['INFO', 'replication']));
      if (info.includes('master_link_status:up')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('replication did not come back');
  };

  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('every node, a NODE column; the console marked self on each node', async () => {
    const r = await cli(['clients', ...seed()]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^ID\s+NODE\s+ADDR\s+NAME\s+USER\s/);
    expect(r.stderr).toMatch(/^\d+ clients on 6 nodes$/m);
    const doc = await listJson();
    expect(doc.nodes.map((n) => n.node).sort()).toEqual([0, 1, 2, 3, 4, 5].map(id).sort());
    expect(doc.nodes.every((n) => n.ok)).toBe(true);
    const self = doc.clients?.filter((c) => c.self) ?? [];
    expect(self.map((c) => c.node).sort()).toEqual([0, 1, 2, 3, 4, 5].map(id).sort());
    // Each replica lists its master link (M), each primary its replica (S).
    for (const i of [3, 4, 5])
      expect(doc.clients?.some((c) => c.node === id(i) && c.flags.includes('M'))).toBe(true);
    for (const i of [0, 1, 2])
      expect(doc.clients?.some((c) => c.node === id(i) && c.flags.includes('S'))).toBe(true);
  });

  it('replication links are skipped unless --replication; then killed, and the replica reconnects', async () => {
    const doc = await listJson();
    const master = doc.clients!.find((c) => c.node === id(3) && c.flags.includes('M'))!;
    const r = await cli(['clients', 'kill', '--id', master.id, '--node', id(3), '--yes', ...seed()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Skipped 1 replication link \(flags M\/S.*pass --replication/);
    expect(r.stdout).toMatch(/^Nothing to kill: .*only skipped clients/m);
    const all = await cli(['clients', 'kill', '--username', 'default', ...seed()]);
    expect(all.code).toBe(0); // only the console's own links and the replicas' (S) match
    expect(all.stderr).toMatch(/Skipped 3 replication links/);
    expect(all.stderr.match(/this console's own connection/g)).toHaveLength(6);

    const link = doc.clients!.find((c) => c.node === id(0) && c.flags.includes('S'))!;
    const plan = await cli(['clients', 'kill', '--id', link.id, '--node', id(0), '--replication', ...seed()]);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain(link.addr);
    const k = await cli([
      'clients',
      'kill',
      '--id',
      link.id,
      '--node',
      id(0),
      '--replication',
      '--yes',
      ...seed(),
    ]);
    expect(k.code).toBe(0);
    expect(k.stdout).toMatch(new RegExp(`^${id(0).replace(/\./g, '\\.')}: killed 1$`, 'm'));
    await linkUp(3);
  });

  it('an --id listed on several nodes needs --node (exit 2)', async () => {
    const doc = await listJson();
    const seen = new Map<string, number>();
    for (const c of doc.clients ?? []) seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
    const shared = [...seen].find(([, n]) => n > 1)?.[0];
    expect(shared).toBeDefined();
    const r = await cli(['clients', 'kill', '--id', shared!, ...seed()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`client ${shared!} is listed on \\d+ nodes .*say which with --node`));
  });

  it('a node down: the others are listed, the down one named; exit 1', async () => {
    await cluster.nodes[5]!.kill();
    const r = await cli(['clients', ...seed()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`node ${id(5)} is not reachable`);
    expect(r.stderr).toMatch(new RegExp(`not read: ${id(5).replace(/\./g, '\\.')}$`, 'm'));
    expect(r.stdout).toContain(id(0));
    expect(r.stdout).not.toContain(id(5));
    const j = await cli(['clients', '--json', ...seed()]);
    expect(j.code).toBe(1);
    const doc = JSON.parse(j.stdout) as ListJson;
    expect(doc.nodes.find((n) => n.node === id(5))).toMatchObject({
      ok: false,
      error: expect.any(String) as unknown,
    });
    expect(doc.nodes.filter((n) => n.ok)).toHaveLength(5);
  });
});
