// The CLIENT LIST feed on real servers, below the UI: the pace follows the measured cost,
// a NOPERM console user is told once (not every poll), clients connecting and leaving by
// the thousand during polls, and a cluster with a node down.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientsFeed } from '../../src/state/feeds/clients-feed.js';
import type { ClientsUpdate } from '../../src/state/feeds/clients-feed.js';
import { Target } from '../../src/redis/target.js';
import { callOnce } from '../support/resp-client.js';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { ClusterHandle, RedisHandle } from '../support/redis-server.js';
import { letTimePass, until } from '../helpers/until.js';

async function openTarget(port: number, user?: string, password?: string): Promise<Target> {
  const t = new Target({ spec: { host: '127.0.0.1', port, user }, password, heartbeatMs: 0 });
  t.start();
  await until(
    () => t.status().nodes.every((n) => n.state === 'ready'),
    "t.status().nodes.every((n) => n.state === 'ready')",
  );
  return t;
}

function watch(target: Target, intervalMs = 100) {
  const updates: ClientsUpdate[] = [];
  const feed = new ClientsFeed({ target, intervalMs, onUpdate: (u) => updates.push(u) });
  feed.start();
  return { feed, updates, last: () => updates.at(-1) };
}

/** n raw connections that AUTH and stay; close() ends them. */
async function connections(port: number, n: number, auth?: [string, string]) {
  const socks = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const s = net.connect(port, '127.0.0.1', () => resolve(s));
          s.on('error', reject);
        }),
    ),
  );
  if (auth)
    for (const s of socks)
      s.write(`*3\r\n$4\r\nAUTH\r\n$${auth[0].length}\r\n${auth[0]}\r\n$${auth[1].length}\r\n${auth[1]}\r\n`);
  return { socks, close: () => socks.forEach((s) => s.destroy()) };
}

describe('one server', () => {
  let server: RedisHandle;
  beforeAll(async () => {
    server = await startRedis({
      aclUsers: [
        'user default off',
        'user admin on >adm ~* &* +@all',
        'user app on >app ~app:* +get',
        'user blind on >blind -@all +ping +info +acl|whoami',
      ],
      extraConfig: ['maxclients 5000'],
    });
  });
  afterAll(() => server.stop());

  it('lists every client with the console itself marked, and paces by the measured cost (1%)', async () => {
    const t = await openTarget(server.port, 'admin', 'adm');
    const conns = await connections(server.port, 20, ['app', 'app']);
    const w = watch(t);
    try {
      await until(
        () => (w.last()?.byNode[t.nodeIds()[0]!]?.filter((c) => c.user === 'app').length ?? 0) === 20,
        "(w.last()?.byNode[t.nodeIds()[0]!]?.filter((c) => c.user === 'app')...",
      );
      const u = w.last()!;
      const node = t.nodeIds()[0]!;
      const self = u.byNode[node]!.find((c) => c.id === u.self[node]);
      expect(self?.user).toBe('admin');
      expect(self?.cmd).toBe('client|list');
      const status = u.nodes[node]!;
      expect(status.problem).toBeUndefined();
      expect(status.count).toBe(u.byNode[node]!.length);
      // The next poll is at least 100x the reply time away (at most 1% of the server's time).
      for (const x of w.updates.slice(1)) expect(x.nextAt! - x.polledAt!).toBeGreaterThanOrEqual(100);
      // (status.ms is rounded to whole ms.)
      expect(u.nextAt! - u.polledAt!).toBeGreaterThanOrEqual(
        Math.min(60_000, ((status.ms ?? 0) - 0.5) * 100) - 1,
      );
    } finally {
      w.feed.stop();
      conns.close();
      await t.close();
    }
  });

  it('a NOPERM console user is told what to grant, and not asked again every poll', async () => {
    const t = await openTarget(server.port, 'blind', 'blind');
    const w = watch(t, 50);
    try {
      await until(
        () => Boolean(w.last()?.nodes[t.nodeIds()[0]!]?.problem),
        'Boolean(w.last()?.nodes[t.nodeIds()[0]!]?.problem)',
      );
      const problem = w.last()!.nodes[t.nodeIds()[0]!]!.problem!;
      expect(problem).toMatch(/SEC003/);
      expect(problem).toMatch(/\+client\|list/);
      const before = w.updates.length;
      await until(() => w.updates.length >= before + 3, 'three more polls', 10_000);
      // The feed keeps reporting (the pane stays honest) but the server was asked once.
      const denied = (await callOnce({ host: '127.0.0.1', port: server.port }, ['ACL', 'LOG'], {
        username: 'admin',
        password: 'adm',
      })) as unknown[][];
      const entries = denied.filter(
        (e) =>
          String(e[e.indexOf('object') + 1]) === 'client|list' &&
          String(e[e.indexOf('username') + 1]) === 'blind',
      );
      expect(entries).toHaveLength(1);
      expect(Number(entries[0]![entries[0]!.indexOf('count') + 1])).toBe(1);
      expect(w.updates.length).toBeGreaterThanOrEqual(before);
    } finally {
      w.feed.stop();
      await t.close();
    }
  });

  it('thousands of clients connecting and leaving during the polls: every poll parses, nothing throws', async () => {
    const t = await openTarget(server.port, 'admin', 'adm');
    const w = watch(t, 20);
    let churning = true;
    const churn = (async () => {
      let rounds = 0;
      while (churning && rounds < 12) {
        const c = await connections(server.port, 250);
        // Connected for a moment, across a poll or not: the churn is the scenario.
        await letTimePass(10);
        c.close();
        rounds += 1;
      }
      return rounds;
    })();
    try {
      const start = w.updates.length;
      await until(() => w.updates.length >= start + 8, 'w.updates.length >= start + 8', 20_000);
      churning = false;
      expect(await churn).toBeGreaterThan(0);
      const node = t.nodeIds()[0]!;
      for (const u of w.updates) expect(u.nodes[node]?.problem).toBeUndefined();
      // Some poll caught the crowd: the lists really varied under the churn.
      const sizes = new Set(w.updates.map((u) => u.byNode[node]?.length));
      expect(sizes.size).toBeGreaterThan(1);
    } finally {
      churning = false;
      await churn;
      w.feed.stop();
      await t.close();
    }
  });
});

describe('a cluster', () => {
  let cluster: ClusterHandle;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(() => cluster.stop());

  it('lists all six nodes; a node down keeps its last list, said, while the others stay live', async () => {
    const t = new Target({ spec: { ...cluster.seed, cluster: true }, heartbeatMs: 0 });
    t.start();
    await until(
      () => t.nodeIds().length === 6 && t.status().nodes.every((n) => n.state === 'ready'),
      't.nodeIds().length === 6 && t.status().nodes.every((n) => n.state =...',
      20_000,
    );
    const w = watch(t);
    try {
      await until(
        () =>
          Object.keys(w.last()?.nodes ?? {}).length === 6 &&
          Object.values(w.last()!.nodes).every((n) => n.lastOkAt),
        'Object.keys(w.last()?.nodes ?? {}).length === 6 && Object.values(w....',
      );
      const u = w.last()!;
      expect(Object.keys(u.self)).toHaveLength(6);
      // Replicas list their link to the primary (flag M), primaries their replica's (flag S).
      const flags = Object.values(u.byNode)
        .flat()
        .map((c) => c.flags);
      expect(flags.some((f) => f.includes('M'))).toBe(true);
      expect(flags.some((f) => f.includes('S'))).toBe(true);
      const victim = cluster.nodes[5]!;
      const id = `127.0.0.1:${victim.port}`;
      const lastList = u.byNode[id]!;
      await victim.kill();
      await until(
        () => Boolean(w.last()?.nodes[id]?.problem),
        'Boolean(w.last()?.nodes[id]?.problem)',
        15_000,
      );
      const after = w.last()!;
      expect(after.nodes[id]!.problem).toMatch(/showing its clients as of \d\d:\d\d:\d\d/);
      expect(after.byNode[id]).toEqual(lastList);
      const live = Object.entries(after.nodes).filter(([k]) => k !== id);
      expect(live.every(([, n]) => !n.problem)).toBe(true);
      await victim.restart();
      await until(() => !w.last()?.nodes[id]?.problem, '!w.last()?.nodes[id]?.problem', 20_000);
      expect(w.last()!.nodes[id]!.problem).toBeUndefined();
    } finally {
      w.feed.stop();
      await t.close();
    }
  }, 60_000);
});
