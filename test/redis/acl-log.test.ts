// ACL LOG against a real Redis 7.0.15: hostile bytes survive raw, how 7.0 groups repeats,
// and the tracker over real polls: exact counts, a rollover, a reset and a restart.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toDisplay } from '../../src/domain/display.js';
import { track } from '../../src/domain/acl-log/track.js';
import type { TrackResult, TrackState } from '../../src/domain/acl-log/track.js';
import type { AclLogEntry } from '../../src/domain/acl-log/types.js';
import { aclLogMaxLen, readAclLog, readAclLogSnapshot, resetAclLog } from '../../src/redis/acl-log.js';
import type { JournalSink } from '../../src/redis/command.js';
import type { ReadNode } from '../../src/redis/read-node.js';
import { rawBytes } from '../../src/domain/bytes.js';
import { Target } from '../../src/redis/target.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { letTimePass, until } from '../helpers/until.js';

let server: RedisHandle;
let target: Target;
let node: ReadNode;
let monitor: Target;
/** The test's own admin link, for its setup writes: a node handle only reads. */
let admin: Redis;
const clients: Redis[] = [];

async function ready(t: Target): Promise<ReadNode> {
  return until(
    () => {
      const n = t.node(t.nodeIds()[0]!);
      return n?.status.state === 'ready' ? n : undefined;
    },
    'node ready',
    10_000,
  );
}
const client = (opts: { username?: string; password?: string } = {}) => {
  const r = new Redis({
    disableClientInfo: true, // CLIENT SETINFO would log NOPERM entries of its own (Redis 7.2+)
    host: server.host,
    port: server.port,
    protocol: 2,
    enableReadyCheck: false,
    ...opts,
  });
  clients.push(r);
  return r;
};
const failed = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('was allowed'),
    () => undefined,
  );
const authFail = (c: Redis, user: string | Buffer, verb = 'AUTH') =>
  failed(c.callBuffer(verb, [user, 'wrong']));

beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >adm ~* &* +@all',
      'user lim on >lim ~ok:* -@all +get +multi +discard',
      'user monitor on >mon resetkeys resetchannels -@all +ping +info +acl|whoami +acl|log +client|list +config|get',
    ],
  });
  target = new Target({
    spec: { host: server.host, port: server.port, user: 'admin' },
    password: 'adm',
    heartbeatMs: 0,
  });
  target.start();
  node = await ready(target);
  admin = client({ username: 'admin', password: 'adm' });
  monitor = new Target({
    spec: { host: server.host, port: server.port, user: 'monitor' },
    password: 'mon',
    heartbeatMs: 0,
  });
  monitor.start();
  await ready(monitor);
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await Promise.all([target?.close(), monitor?.close()]);
  await server?.stop();
});
beforeEach(async () => {
  await admin.call('ACL', ['LOG', 'RESET']);
});

const log = () => readAclLog(node, 1000);
const sum = (r: TrackResult) => r.events.reduce((n, e) => n + e.count, 0);

describe('reads', () => {
  it('a failed AUTH username with escapes, bidi, CR and invalid UTF-8 comes back byte for byte', async () => {
    const hostile = Buffer.concat([
      Buffer.from('\x1b[31mred\x1b[2J\x1b]52;c;aGk=\x07\u202eevil\rroot'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
    ]);
    await authFail(client(), hostile);
    const [entry] = await log();
    expect(rawBytes(entry!.username)).toEqual(hostile);
    expect(entry).toMatchObject({ reason: 'auth', object: 'AUTH', count: 1 });
    // And the one display gate shows all of it, escaped.
    const shown = toDisplay(entry!.username);
    expect(shown).not.toMatch(/[\x00-\x1f\x7f\u202e]/);
    expect(shown).toContain('\\x1b]52;c;aGk=\\x07\\u202eevil\\x0droot');
  });

  it('ACL LOG without a count would stop at 10: readAclLog asks for what it is given', async () => {
    const c = client();
    for (let i = 0; i < 12; i++) await authFail(c, `u${i}`);
    expect(await log()).toHaveLength(12);
    expect(await readAclLog(node, 3)).toHaveLength(3);
  });

  it('acllog-max-len for a user granted CONFIG GET; undefined, not an error, without it', async () => {
    expect(await aclLogMaxLen(node)).toBe(128);
    const lim = new Target({
      spec: { host: server.host, port: server.port, user: 'lim' },
      password: 'lim',
      heartbeatMs: 0,
    });
    lim.start();
    try {
      expect(await aclLogMaxLen(await ready(lim))).toBeUndefined();
    } finally {
      await lim.close();
    }
  });

  it('the least-privilege monitor user reads a snapshot with run id and server clock', async () => {
    const snap = await readAclLogSnapshot(await ready(monitor), 1000);
    expect(snap.runId).toMatch(/^[0-9a-f]{40}$/);
    expect(Math.abs(snap.serverTime! - Date.now())).toBeLessThan(5000);
    expect(snap.entries).toEqual([]);
  });
});

describe('how Redis 7.0 groups repeats', () => {
  it('by reason, context, object (as typed) and username; other clients join; client-info is the latest', async () => {
    // Three connections (three source ports); default is off, so no CLIENT ID before AUTH.
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c = client();
      await authFail(c, 'bob');
      ports.push(c.stream.localPort!);
    }
    await authFail(client(), 'bob', 'auth');
    const lim = client({ username: 'lim', password: 'lim' });
    for (const key of ['k1', 'k1', 'k2']) await failed(lim.call('GET', [key]));
    await lim.call('MULTI');
    await failed(lim.call('GET', ['k1']));
    await lim.call('DISCARD');
    const pick = ({ count, reason, context, object, username }: AclLogEntry) => ({
      count,
      reason,
      context,
      object,
      username,
    });
    const entries = await log();
    expect(entries.map(pick)).toEqual([
      { count: 1, reason: 'key', context: 'multi', object: 'k1', username: 'lim' },
      { count: 1, reason: 'key', context: 'toplevel', object: 'k2', username: 'lim' },
      { count: 2, reason: 'key', context: 'toplevel', object: 'k1', username: 'lim' },
      { count: 1, reason: 'auth', context: 'toplevel', object: 'auth', username: 'bob' },
      { count: 3, reason: 'auth', context: 'toplevel', object: 'AUTH', username: 'bob' },
    ]);
    expect(entries[4]!.clientInfo).toContain(` addr=127.0.0.1:${ports[2]} `);
  });

  it('only among the 10 newest entries: a repeat behind 10 others starts a second entry', async () => {
    const c = client();
    await authFail(c, 'x');
    for (let i = 0; i < 10; i++) await authFail(c, `other${i}`);
    await authFail(c, 'x');
    const xs = (await log()).filter((e) => e.username === 'x');
    expect(xs.map((e) => e.count)).toEqual([1, 1]);
  });
});

describe('track() over real polls', () => {
  const ctxOf = async (withClock: boolean) => {
    const snap = await readAclLogSnapshot(node, 1000);
    const ctx = {
      node: node.id,
      now: Date.now(),
      runId: snap.runId,
      maxLen: await aclLogMaxLen(node),
      serverTime: withClock ? snap.serverTime : undefined,
    };
    return { entries: snap.entries, ctx };
  };
  const poll = async (prev: TrackState | undefined, withClock = true) => {
    const { entries, ctx } = await ctxOf(withClock);
    return track(prev, entries, ctx);
  };

  it('counts exactly the violations made, on the server clock and on ours', async () => {
    const c = client();
    const lim = client({ username: 'lim', password: 'lim' });
    const rounds: (() => Promise<number>)[] = [
      async () => {
        for (const u of ['bob', 'bob', 'bob']) await authFail(c, u);
        for (const k of ['k1', 'k1']) await failed(lim.call('GET', [k]));
        return 5;
      },
      async () => {
        for (const u of ['bob', 'bob', 'alice']) await authFail(c, u);
        await failed(lim.call('GET', ['k1']));
        await failed(lim.call('FLUSHALL'));
        return 5;
      },
      async () => 0,
      async () => {
        // Pushes bob's entry past the 10 newest: the next bob starts a second entry.
        for (let i = 0; i < 11; i++) await authFail(c, `spray${i}`);
        await authFail(c, 'bob');
        return 12;
      },
      async () => {
        for (const u of ['bob', 'bob']) await authFail(c, u);
        await lim.call('MULTI');
        await failed(lim.call('GET', ['k1']));
        await lim.call('DISCARD');
        return 3;
      },
    ];
    let a = await poll(undefined, true);
    let b = await poll(undefined, false);
    expect([a.events, b.events]).toEqual([[], []]);
    for (const round of rounds) {
      const made = await round();
      // Entries vouch for their counts once older than the clock margin: time passing is the rule.
      await letTimePass(20);
      const { entries, ctx } = await ctxOf(true);
      a = track(a.state, entries, ctx);
      b = track(b.state, entries, { ...ctx, serverTime: undefined });
      expect([sum(a), sum(b)]).toEqual([made, made]);
      expect([a.notices, b.notices]).toEqual([[], []]);
    }
  });

  it('20 distinct violations into a log of 5 between polls: a gap, with the fix', async () => {
    await admin.call('CONFIG', ['SET', 'acllog-max-len', '5']);
    try {
      const before = await poll(undefined);
      const c = client();
      for (let i = 0; i < 20; i++) await authFail(c, `roll${i}`);
      // Entries only vouch for "nothing rolled off" once older than the clock margin (20 ms).
      await letTimePass(50);
      const after = await poll(before.state);
      expect(sum(after)).toBe(5);
      expect(after.notices).toHaveLength(1);
      expect(after.notices[0]).toMatchObject({ kind: 'gap', node: node.id });
      expect(after.notices[0]!.text).toMatch(/rolled over.*keeps 5 entries.*CONFIG SET acllog-max-len 1024/);
      // Full, but entries of the last poll left unchanged prove nothing newer rolled off.
      await letTimePass(50);
      const quiet = await poll(after.state);
      await letTimePass(50);
      await authFail(c, 'one-more');
      const next = await poll(quiet.state);
      expect([sum(quiet), quiet.notices, sum(next), next.notices]).toEqual([0, [], 1, []]);
    } finally {
      await admin.call('CONFIG', ['SET', 'acllog-max-len', '128']);
    }
  });

  it('ACL LOG RESET (a journaled write) is said, and the same violation after it counts again', async () => {
    const c = client();
    await authFail(c, 'again');
    // Older than the clock margin, and the reset well after the last poll: the ages tell.
    await letTimePass(50);
    const before = await poll(undefined);
    await letTimePass(300);
    const journal: Parameters<JournalSink['append']>[0][] = [];
    const outcomes = await resetAclLog(target, {
      journal: { append: (e) => void journal.push(e) },
      action: 'acl.log-reset',
    });
    expect(outcomes).toEqual([{ node: node.id, outcome: 'ok', reply: 'OK' }]);
    expect(journal).toEqual([
      expect.objectContaining({
        kind: 'mutation',
        action: 'acl.log-reset',
        args: ['ACL', 'LOG', 'RESET'],
        outcome: 'ok',
      }),
    ]);
    await authFail(c, 'again');
    const after = await poll(before.state);
    expect(after.notices.map((n) => n.kind)).toEqual(['reset']);
    expect(after.notices[0]!.text).toMatch(/^ACL LOG was reset \(ACL LOG RESET\) between polls/);
    expect(after.events.map((e) => [e.username, e.count])).toEqual([['again', 1]]);
  });

  it('a restart (kill, start again: a new run id) is said', async () => {
    await authFail(client(), 'pre');
    const before = await poll(undefined);
    await server.kill();
    await server.restart();
    await until(
      () =>
        node.call('PING').then(
          () => true,
          () => false,
        ),
      'the restarted server answering',
      10_000,
      50,
    );
    await authFail(client(), 'post');
    const after = await poll(before.state);
    expect(after.state.runId).not.toBe(before.state.runId);
    expect(after.notices.map((n) => n.kind)).toEqual(['restart']);
    expect(after.notices[0]!.text).toMatch(/restarted \(its run id changed\)/);
    expect(after.events.map((e) => [e.username, e.count, e.history])).toEqual([['post', 1, undefined]]);
  });
});
