// The ACL LOG feed on real servers, below the UI: two consoles tailing one server, and a
// cluster with a node down.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AclLogFeed } from '../../src/state/feeds/acl-log-feed.js';
import type { FeedUpdate } from '../../src/state/feeds/acl-log-feed.js';
import { Target } from '../../src/redis/target.js';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { ClusterHandle, RedisHandle } from '../support/redis-server.js';
import { letTimePass, until } from '../helpers/until.js';

function capturedCount(dir: string): number {
  const root = join(dir, 'captures');
  let n = 0;
  for (const f of readdirSync(root, { recursive: true })
    .map(String)
    .filter((x) => x.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(root, f), 'utf8').trim().split('\n')) {
      const r = JSON.parse(line) as { type: string; count?: number };
      if (r.type === 'event') n += r.count ?? 0;
    }
  }
  return n;
}

function tail(target: Target, dir: string) {
  const updates: FeedUpdate[] = [];
  const feed = new AclLogFeed({
    target,
    profile: 'p',
    secrets: [],
    dir,
    intervalMs: 200,
    onUpdate: (u) => updates.push(u),
  });
  feed.start();
  return {
    feed,
    updates,
    seen: () =>
      updates
        .filter((u) => !u.history)
        .flatMap((u) => u.events)
        .filter((e) => !e.history)
        .reduce((n, e) => n + e.count, 0),
  };
}

describe('two consoles on one server', () => {
  let server: RedisHandle;
  beforeAll(async () => {
    server = await startRedis({
      aclUsers: ['user default off', 'user admin on >a ~* &* +@all', 'user app on >b ~app:* +get'],
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('both see every violation once, and each captures all of them', async () => {
    const dirs = [mkdtempSync(join(tmpdir(), 'rw-feed-a-')), mkdtempSync(join(tmpdir(), 'rw-feed-b-'))];
    const targets = dirs.map(() => {
      const t = new Target({
        spec: { host: server.host, port: server.port, user: 'admin' },
        password: 'a',
        heartbeatMs: 0,
      });
      t.start();
      return t;
    });
    const tails = targets.map((t, i) => tail(t, dirs[i]!));
    await until(
      () => targets.every((t) => t.status().nodes[0]?.state === 'ready'),
      "targets.every((t) => t.status().nodes[0]?.state === 'ready')",
    );
    const app = new Redis({
      disableClientInfo: true, // CLIENT SETINFO would log NOPERM entries of its own (Redis 7.2+)
      host: server.host,
      port: server.port,
      username: 'app',
      password: 'b',
      enableReadyCheck: false,
    });
    for (let i = 0; i < 25; i++) {
      await app.get(`other:${i % 5}`).catch(() => undefined);
      // Spread over several polls: the violations arriving between polls is the scenario.
      if (i % 7 === 0) await letTimePass(150);
    }
    app.disconnect();
    expect(
      await until(() => tails.every((t) => t.seen() === 25), 'tails.every((t) => t.seen() === 25)'),
    ).toBe(true);
    // Nothing more arrives (no event twice) while both poll on: time passing is the check.
    await letTimePass(500);
    for (const t of tails) t.feed.stop();
    await Promise.all(targets.map((t) => t.close()));
    expect(tails.map((t) => t.seen())).toEqual([25, 25]);
    expect(dirs.map(capturedCount)).toEqual([25, 25]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
});

describe('one capture, one writer', () => {
  let server: RedisHandle;
  beforeAll(async () => {
    server = await startRedis({
      aclUsers: [
        'user default off',
        'user admin on >a ~* &* +@all',
        'user app on >b ~app:* +get',
        'user mon on >m resetkeys resetchannels -@all +ping +info +acl|whoami',
      ],
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('a second console on the same capture shows the tail, says it does not write, and nothing is captured twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-feed-lock-'));
    const targets = [0, 1].map(() => {
      const t = new Target({
        spec: { host: server.host, port: server.port, user: 'admin' },
        password: 'a',
        heartbeatMs: 0,
      });
      t.start();
      return t;
    });
    const tails = targets.map((t) => tail(t, dir));
    await until(
      () => targets.every((t) => t.status().nodes[0]?.state === 'ready'),
      "targets.every((t) => t.status().nodes[0]?.state === 'ready')",
    );
    const app = new Redis({
      disableClientInfo: true,
      host: server.host,
      port: server.port,
      username: 'app',
      password: 'b',
      enableReadyCheck: false,
    });
    for (let i = 0; i < 6; i++) await app.get(`lock:${i}`).catch(() => undefined);
    app.disconnect();
    expect(await until(() => tails.every((t) => t.seen() === 6), 'tails.every((t) => t.seen() === 6)')).toBe(
      true,
    );
    expect(tails[1]!.updates.some((u) => u.notices.some((n) => /does not write/.test(n.text)))).toBe(true);
    for (const t of tails) t.feed.stop();
    await Promise.all(targets.map((t) => t.close()));
    expect(capturedCount(dir)).toBe(6);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a console that never read the log does not rewind another's saved position", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-feed-stale-'));
    const open = () => {
      const t = new Target({
        spec: { host: server.host, port: server.port, user: 'admin' },
        password: 'a',
        heartbeatMs: 0,
      });
      t.start();
      return t;
    };
    const ta = open();
    const a = tail(ta, dir);
    await until(() => ta.status().nodes[0]?.state === 'ready', "ta.status().nodes[0]?.state === 'ready'");
    const app = new Redis({
      disableClientInfo: true,
      host: server.host,
      port: server.port,
      username: 'app',
      password: 'b',
      enableReadyCheck: false,
    });
    await app.get('stale:1').catch(() => undefined);
    expect(await until(() => a.seen() === 1, 'a.seen() === 1')).toBe(true);
    a.feed.stop();
    await ta.close();
    // A console that stops before it ever read the log (a NOPERM user, a dead link)...
    const tb = new Target({
      spec: { host: server.host, port: server.port, user: 'mon' },
      password: 'm',
      heartbeatMs: 0,
    });
    tb.start();
    const b = tail(tb, dir);
    expect(
      await until(
        () => b.updates.some((u) => u.notices.some((n) => /SEC003/.test(n.text))),
        'b.updates.some((u) => u.notices.some((n) => /SEC003/.test(n.text)))',
      ),
    ).toBe(true);
    b.feed.stop();
    await tb.close();
    // ...and the next console counts only what is new.
    await app.get('stale:1').catch(() => undefined);
    const tc = open();
    const c = tail(tc, dir);
    // (The denied ACL LOG / CONFIG GET of `mon` are violations too; only stale:1 is checked.)
    const staleNew = () =>
      c.updates
        .filter((u) => !u.history)
        .flatMap((u) => u.events)
        .filter((e) => e.object === 'stale:1')
        .reduce((n, e) => n + e.count, 0);
    expect(await until(() => staleNew() > 0, 'staleNew() > 0')).toBe(true);
    // It stays one while the feed polls on: time passing is the check.
    await letTimePass(400);
    expect(staleNew()).toBe(1);
    c.feed.stop();
    await tc.close();
    app.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a cluster with a node down', () => {
  let cluster: ClusterHandle;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster.stop();
  });

  it('the other nodes are still tailed, and the down node is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-feed-c-'));
    const [seed, , , , , replica] = cluster.nodes;
    const target = new Target({
      spec: { host: seed!.host, port: seed!.port, cluster: true },
      heartbeatMs: 200,
    });
    target.start();
    const t = tail(target, dir);
    await until(
      () => target.status().nodes.length === 6 && target.status().nodes.every((n) => n.state === 'ready'),
      'target.status().nodes.length === 6 && target.status().nodes.every((...',
      20_000,
    );
    await until(
      () => t.updates.some((u) => Object.keys(u.nodes).length === 6),
      'every node tailed once',
      10_000,
    );
    await replica!.kill();
    const down = `${replica!.host}:${replica!.port}`;
    expect(
      await until(
        () => t.updates.some((u) => u.notices.some((n) => n.node === down && /not tailed/.test(n.text))),
        't.updates.some((u) => u.notices.some((n) => n.node === down && /not...',
        15_000,
      ),
    ).toBe(true);
    // A violation on a node that is up still arrives.
    const c = new Redis({
      disableClientInfo: true,
      host: seed!.host,
      port: seed!.port,
      enableReadyCheck: false,
      lazyConnect: true,
    });
    await c.connect();
    await c.call('AUTH', ['ghost', 'nope']).catch(() => undefined);
    c.disconnect();
    expect(
      await until(
        () => t.updates.some((u) => u.events.some((e) => e.username === 'ghost')),
        "t.updates.some((u) => u.events.some((e) => e.username === 'ghost'))",
      ),
    ).toBe(true);
    t.feed.stop();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
