// A console that becomes the capture's writer captures from the capture's saved position:
// what arrived while no one wrote it is captured, and what its last writer appended but died
// before saving the position for is not captured twice. Real server, feeds in this process.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFiles } from '../../src/journal/capture.js';
import { AclLogFeed } from '../../src/state/feeds/acl-log-feed.js';
import type { FeedUpdate } from '../../src/state/feeds/acl-log-feed.js';
import { Target } from '../../src/redis/target.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { letTimePass, until } from '../helpers/until.js';

let server: RedisHandle;
let target: Target;
let app: Redis;
beforeAll(async () => {
  server = await startRedis({
    aclUsers: ['user default off', 'user admin on >a ~* &* +@all', 'user app on >b ~app:* +get'],
  });
  target = new Target({
    spec: { host: server.host, port: server.port, user: 'admin' },
    password: 'a',
    heartbeatMs: 0,
  });
  target.start();
  app = new Redis({
    disableClientInfo: true, // CLIENT SETINFO would log NOPERM entries of its own (Redis 7.2+)
    host: server.host,
    port: server.port,
    username: 'app',
    password: 'b',
    enableReadyCheck: false,
  });
  await until(() => target.status().nodes[0]?.state === 'ready', 'the node ready', 8000);
});
afterAll(async () => {
  app.disconnect();
  await target.close();
  await server.stop();
});

/** `n` denied GETs of `key`: one ACL LOG entry whose count grows by n. */
const deny = async (key: string, n: number) => {
  for (let i = 0; i < n; i++) await app.get(key).catch(() => undefined);
};

function feed(dir: string, intervalMs = 200) {
  const updates: FeedUpdate[] = [];
  const f = new AclLogFeed({
    target,
    profile: 'p',
    secrets: [],
    dir,
    intervalMs,
    onUpdate: (u) => updates.push(u),
  });
  const shown = (object: string) =>
    updates
      .filter((u) => !u.history)
      .flatMap((u) => u.events)
      .filter((e) => e.object === object && !e.history)
      .reduce((n, e) => n + e.count, 0);
  const said = () => updates.flatMap((u) => u.notices.map((n) => n.text));
  return { feed: f, shown, said, polled: () => updates.length };
}

const node = () => `${server.host}:${server.port}`;

function captured(dir: string, object: string): number {
  const file = captureFiles('p', node(), dir).events;
  if (!existsSync(file)) return 0;
  let n = 0;
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const r = JSON.parse(line) as { type: string; object?: string; count?: number };
    if (r.type === 'event' && r.object === object) n += r.count ?? 0;
  }
  return n;
}

describe('capture takeover', () => {
  it('events only the survivor saw, before its writer stopped, are captured when it takes over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-takeover-'));
    // The writer reads the log once and then not for a minute: what follows, only b sees.
    const a = feed(dir, 60_000);
    a.feed.start();
    const b = feed(dir);
    b.feed.start();
    expect(
      await until(
        () => b.said().some((t) => /writes this capture/.test(t)),
        'b.said().some((t) => /writes this capture/.test(t))',
      ),
    ).toBe(true);
    // The writer's one read is done: what follows, only b sees.
    await until(() => a.polled() > 0, "the writer's one read");
    await deny('seen:by-b', 4);
    expect(await until(() => b.shown('seen:by-b') === 4, "b.shown('seen:by-b') === 4")).toBe(true);
    expect(captured(dir, 'seen:by-b')).toBe(0);
    a.feed.stop(); // releases the lock, its position saved without those 4
    expect(
      await until(
        () => b.said().some((t) => t.startsWith('took over writing the capture')),
        "b.said().some((t) => t.startsWith('took over writing the capture'))",
      ),
    ).toBe(true);
    expect(b.said().find((t) => t.startsWith('took over'))).toBe(
      'took over writing the capture: the console that wrote it stopped; captured from its saved position on (4 events it had not captured)',
    );
    await deny('seen:by-b', 2);
    expect(await until(() => captured(dir, 'seen:by-b') === 6, "captured(dir, 'seen:by-b') === 6")).toBe(
      true,
    );
    // Nothing more is captured (none twice) while b polls on: time passing is the check.
    await letTimePass(500);
    b.feed.stop();
    expect(captured(dir, 'seen:by-b')).toBe(6);
    expect(b.shown('seen:by-b')).toBe(6); // shown once each, too
    rmSync(dir, { recursive: true, force: true });
  });

  it('what a writer appended but died before saving the position for is not captured again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-unsaved-'));
    const files = captureFiles('p', node(), dir);
    const w1 = feed(dir);
    await w1.feed.pollNow();
    await deny('unsaved:k', 3);
    await w1.feed.pollNow();
    w1.feed.stop();
    expect(captured(dir, 'unsaved:k')).toBe(3);
    copyFileSync(files.state, `${dir}/position-then`);

    // The next writer appends 4 more and dies before its position reaches the disk.
    await deny('unsaved:k', 4);
    const w2 = feed(dir);
    await w2.feed.pollNow();
    expect(captured(dir, 'unsaved:k')).toBe(7);
    copyFileSync(`${dir}/position-then`, files.state);
    rmSync(files.lock); // its lock, as a dead console leaves it, stands for nobody

    await deny('unsaved:k', 2);
    const w3 = feed(dir);
    await w3.feed.pollNow();
    w3.feed.stop();
    expect(captured(dir, 'unsaved:k')).toBe(9);
    rmSync(dir, { recursive: true, force: true });
  });
});
