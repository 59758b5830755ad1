// ACL wrappers against real 7.0 servers: every read, the write path's redaction, NOPERM for a
// least-privilege user, all-or-nothing SETUSER, a 3+3 cluster, and where ACL changes persist.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionId } from '../../src/domain/actions.js';
import { redact } from '../../src/domain/redact.js';
import * as acl from '../../src/redis/acl.js';
import type { JournalSink, WriteContext } from '../../src/redis/command.js';
import { explain } from '../../src/redis/errors.js';
import type { ReadNode } from '../../src/redis/read-node.js';
import { Target } from '../../src/redis/target.js';
import { freePort } from '../support/ports.js';
import { track, untrack } from '../support/process-registry.js';
import { requireRedisServer, serverAtLeast } from '../support/redis-binary.js';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { ClusterHandle, RedisHandle } from '../support/redis-server.js';
import { connectRaw } from '../support/resp-client.js';
import type { RawConnection } from '../support/resp-client.js';
import { until } from '../helpers/until.js';

// Redis 7.2+ (and Valkey) give every new user sanitize-payload, and ACL LIST shows it.
const SANITIZE = serverAtLeast(7, 2) ? 'sanitize-payload ' : '';

type Entry = Parameters<JournalSink['append']>[0];
const sink = () => {
  const entries: Entry[] = [];
  return { entries, journal: { append: (e: Entry) => void entries.push(e) } };
};
const ctxOf = (journal: JournalSink, secrets?: string[]): WriteContext => ({
  journal,
  action: 'acl.test' as ActionId,
  secrets,
});

const targets: Target[] = [];
async function open(host: string, port: number, user?: string, password?: string, cluster = false) {
  const t = new Target({ spec: { host, port, user, cluster }, password, heartbeatMs: 0 });
  targets.push(t);
  t.start();
  const want = cluster ? 6 : 1;
  await until(
    () => t.status().nodes.length === want && t.status().nodes.every((n) => n.state === 'ready'),
    () => `ready: ${JSON.stringify(t.status().nodes.map((n) => [n.id, n.state]))}`,
    10_000,
  );
  return t;
}
const first = (t: Target): ReadNode => t.node(t.nodeIds()[0]!)!;
const thrown = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
});

describe('one 7.0 server', () => {
  let server: RedisHandle;
  let admin: Target;
  let node: ReadNode;
  let monitor: ReadNode;
  const appLine = async () => (await acl.listUserLines(node)).find((l) => l.startsWith('user app '));

  beforeAll(async () => {
    server = await startRedis({
      aclUsers: [
        'user default off',
        'user admin on >adm ~* &* +@all',
        'user app on >apppw ~app:* %R~ro:* &chan:* -@all +get +set (~x:* +hget)',
        'user monitor on >mon resetkeys resetchannels -@all +acl|users +acl|whoami +ping',
      ],
    });
    admin = await open(server.host, server.port, 'admin', 'adm');
    node = first(admin);
    monitor = first(await open(server.host, server.port, 'monitor', 'mon'));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lists user names (the monitor user too) and raw ACL LIST lines', async () => {
    expect(await acl.listUserNames(node)).toEqual(['admin', 'app', 'default', 'monitor']);
    expect(await acl.listUserNames(monitor)).toContain('app');
    expect(await appLine()).toMatch(
      new RegExp(`^user app on ${SANITIZE}#[0-9a-f]{64} ~app:\\* %R~ro:\\* resetchannels &chan:\\* -@all`),
    );
    expect(await acl.whoami(node)).toBe('admin');
    expect(await acl.whoami(monitor)).toBe('monitor');
  });

  it('getUser reads keys, channels and selectors; an unknown user is undefined', async () => {
    const app = await acl.getUser(node, 'app');
    // Redis rebuilds the rules from its command table, a dict with a per-process hash seed:
    // `+get +set` may come back as `+set +get` from one start to the next.
    expect(app?.commands.split(' ').sort()).toEqual(['+get', '+set', '-@all']);
    expect(app).toMatchObject({
      name: 'app',
      enabled: true,
      nopass: false,
      flags: ['on', ...(SANITIZE ? ['sanitize-payload'] : [])],
      keys: ['~app:*', '%R~ro:*'],
      channels: ['&chan:*'],
      selectors: [{ keys: ['~x:*'], channels: [], commands: '-@all +hget' }],
    });
    expect(app?.passwords[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(await acl.getUser(node, 'nobody')).toBeUndefined();
  });

  it('commandUniverse holds every category and subcommands as parent|sub', async () => {
    const u = await acl.commandUniverse(node);
    expect(u.categories.size).toBeGreaterThanOrEqual(20);
    expect(u.categories.get('read')).toContain('get');
    expect(u.categories.get('admin')).toContain('config|get');
    expect(u.commands).toContain('acl|setuser');
    expect(u.commands.size).toBeGreaterThan(150);
  });

  it('dryRun: allowed, denied with a reason, and unknown user / command named', async () => {
    expect(await acl.dryRun(node, 'app', ['get', 'ro:1'])).toEqual({ allowed: true });
    expect(await acl.dryRun(node, 'app', ['hget', 'x:1', 'f'])).toEqual({ allowed: true });
    expect(await acl.dryRun(node, 'app', ['set', 'ro:1', 'v'])).toEqual({
      allowed: false,
      // 7.2+ names the user where 7.0 says "This user".
      reason: `${serverAtLeast(7, 2) ? 'User app' : 'This user'} has no permissions to access the 'ro:1' key`,
    });
    expect(await thrown(acl.dryRun(node, 'bob', ['get', 'x']))).toMatchObject({
      message: 'no user "bob" on this server',
    });
    expect(await thrown(acl.dryRun(node, 'app', ['nosuch']))).toMatchObject({
      message: 'no command "nosuch" on this server',
    });
    expect(String(await thrown(acl.dryRun(node, 'app', ['set', 'x'])))).toMatch(/wrong number of arguments/);
  });

  it('genPass returns hex of the asked size', async () => {
    expect(await acl.genPass(node)).toMatch(/^[0-9a-f]{64}$/);
    expect(await acl.genPass(node, 32)).toMatch(/^[0-9a-f]{8}$/);
    expect(String(await thrown(acl.genPass(node, 0)))).toMatch(/GENPASS/);
  });

  it('NOPERM for the monitor user is SEC003 and names the missing permission', async () => {
    for (const [run, perm] of [
      [() => acl.listUserLines(monitor), '+acl|list'],
      [() => acl.getUser(monitor, 'app'), '+acl|getuser'],
    ] as const) {
      const e = explain(await thrown(run()));
      expect(e.code).toBe('SEC003');
      expect(e.cause).toContain(perm);
      expect(e.fix.join(' ')).toContain(`ACL SETUSER <user> ${perm}`);
    }
    const p = await acl.aclPersistence(monitor);
    expect(p.mode).toBe('unknown');
    expect(p.mode === 'unknown' && p.reason).toMatch(/CONFIG GET aclfile is not permitted.*config\|get/);
  });

  it('a username with ESC and a bidi override round-trips raw', async () => {
    const name = 'e\x1b[31mvil\u202e';
    const { journal } = sink();
    const [out] = await acl.setUser(admin, ctxOf(journal), name, ['on', '>evilpw', '~*', '+@all']);
    expect(out).toMatchObject({ outcome: 'ok', reply: 'OK' });
    expect(await acl.listUserNames(node)).toContain(name);
    expect((await acl.getUser(node, name))?.name).toBe(name);
    expect(await acl.listUserLines(node)).toContain(
      `user ${name} on ${SANITIZE}#${(await acl.getUser(node, name))?.passwords[0]} ~* resetchannels +@all`,
    );
    const [del] = await acl.delUser(admin, ctxOf(journal), [name, 'nobody']);
    expect(del).toMatchObject({ outcome: 'ok', reply: 1 });
    expect(await acl.getUser(node, name)).toBeUndefined();
  });

  it('an invalid rule changes nothing: the outcome is the error, the user byte-identical', async () => {
    const before = await appLine();
    const { journal } = sink();
    const [out] = await acl.setUser(admin, ctxOf(journal), 'app', ['>newpw', 'off', '+nosuch']);
    expect(out?.outcome).toBe('error');
    expect(out?.outcome === 'error' && out.error.message).toBe(
      "ERR Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL",
    );
    expect(await appLine()).toBe(before);
  });

  it('the journal entry never holds a plaintext password', async () => {
    const { entries, journal } = sink();
    const [out] = await acl.setUser(admin, ctxOf(journal), 'journaled', [
      'on',
      '>plain-pw-4711',
      '~*',
      '+get',
    ]);
    expect(out?.outcome).toBe('ok');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'mutation',
      action: 'acl.test',
      outcome: 'ok',
      nodes: [node.id],
    });
    expect(entries[0]?.args).toEqual(['ACL', 'SETUSER', 'journaled', 'on', '>‹redacted›', '~*', '+get']);
    expect(JSON.stringify(entries)).not.toContain('plain-pw-4711');
  });

  it('Redis echoes a <pw it does not know; the outcome and the journal never show it', async () => {
    const pw = 'wrong-pw-8812';
    // The raw reply does echo it, and the pattern rules alone hide it.
    const c = await connectRaw({ host: server.host, port: server.port });
    await c.call('AUTH', 'admin', 'adm');
    const raw = String(await thrown(c.call('ACL', 'SETUSER', 'app', `<${pw}`)));
    c.close();
    expect(raw).toContain(pw);
    expect(redact(raw)).not.toContain(pw);
    for (const secrets of [[pw], undefined]) {
      const { entries, journal } = sink();
      const before = await appLine();
      const [out] = await acl.setUser(admin, ctxOf(journal, secrets), 'app', [`<${pw}`]);
      expect(out?.outcome).toBe('error');
      expect(out?.outcome === 'error' && out.error.message).toMatch(/modifier '<‹redacted›': The password/);
      expect(JSON.stringify([out, entries])).not.toContain(pw);
      expect(await appLine()).toBe(before);
    }
  });

  it('clientsPerUser counts; killUserClients kills only that user', async () => {
    const apps: RawConnection[] = [];
    for (let i = 0; i < 2; i++) {
      const c = await connectRaw({ host: server.host, port: server.port });
      await c.call('AUTH', 'app', 'apppw');
      apps.push(c);
    }
    try {
      const counts = await acl.clientsPerUser(node);
      expect(counts.get('app')).toBe(2);
      expect(counts.get('admin')).toBe(1);
      expect(counts.get('monitor')).toBe(1);
      const { entries, journal } = sink();
      expect(await acl.killUserClients(admin, ctxOf(journal), 'app')).toEqual([
        { node: node.id, outcome: 'ok', reply: 2 },
      ]);
      expect(entries[0]?.args).toEqual(['CLIENT', 'KILL', 'USER', 'app']);
      const after = await acl.clientsPerUser(node);
      expect(after.get('app')).toBeUndefined();
      expect([after.get('admin'), after.get('monitor')]).toEqual([1, 1]);
      expect(await acl.whoami(monitor)).toBe('monitor');
    } finally {
      apps.forEach((c) => c.close());
    }
  });

  it('an aclfile server persists with ACL SAVE', async () => {
    expect(await acl.aclPersistence(node)).toEqual({ mode: 'aclfile', path: join(server.dir, 'users.acl') });
    const [out] = await acl.aclSave(admin, ctxOf(sink().journal));
    expect(out).toMatchObject({ outcome: 'ok', reply: 'OK' });
  });
});

describe('persistence without an aclfile', () => {
  let withConfig: RedisHandle;
  let bare: { port: number; stop: () => Promise<void> };

  // No config file at all: start redis-server by hand, on a free port, with no persistence.
  async function startBare() {
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), 'redis-warden-bare-'));
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ];
    const child = spawn(requireRedisServer().path, args, { cwd: dir, stdio: 'ignore' });
    track(child, dir);
    const exited = new Promise((r) => child.once('exit', r));
    return {
      port,
      stop: async () => {
        child.kill('SIGTERM');
        await exited;
        untrack(child.pid);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }

  beforeAll(async () => {
    [withConfig, bare] = await Promise.all([startRedis(), startBare()]);
  });
  afterAll(async () => {
    await Promise.all([withConfig?.stop(), bare?.stop()]);
  });

  it('a config file only: CONFIG REWRITE persists, ACL SAVE cannot', async () => {
    const t = await open(withConfig.host, withConfig.port);
    expect(await acl.aclPersistence(first(t))).toEqual({ mode: 'config', path: withConfig.configPath });
    const { journal } = sink();
    expect((await acl.configRewrite(t, ctxOf(journal)))[0]?.outcome).toBe('ok');
    const [save] = await acl.aclSave(t, ctxOf(journal));
    expect(save?.outcome === 'error' && save.error.message).toMatch(/not configured to use an ACL file/);
  });

  it('neither: changes are lost on restart, and CONFIG REWRITE says why', async () => {
    const t = await open('127.0.0.1', bare.port);
    expect(await acl.aclPersistence(first(t))).toEqual({ mode: 'none' });
    const [rw] = await acl.configRewrite(t, ctxOf(sink().journal));
    expect(rw?.outcome === 'error' && rw.error.message).toMatch(/without a config file/);
  });
});

describe('a 3+3 cluster', () => {
  let cluster: ClusterHandle;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('setUser and delUser reach all six nodes, one journal entry each', async () => {
    const t = await open(cluster.seed.host, cluster.seed.port, undefined, undefined, true);
    const { entries, journal } = sink();
    const outs = await acl.setUser(t, ctxOf(journal), 'everywhere', ['on', '>cl-pw-99', '~app:*', '+get']);
    expect(outs.map((o) => o.outcome)).toEqual(Array(6).fill('ok'));
    expect(new Set(outs.map((o) => o.node)).size).toBe(6);
    expect(entries).toHaveLength(6);
    expect(JSON.stringify(entries)).not.toContain('cl-pw-99');
    for (const id of t.nodeIds()) {
      expect(await acl.getUser(t.node(id)!, 'everywhere')).toMatchObject({
        keys: ['~app:*'],
        commands: '-@all +get',
      });
    }
    const dels = await acl.delUser(t, ctxOf(journal), ['everywhere']);
    expect(dels.map((o) => (o.outcome === 'ok' ? o.reply : o.error.message))).toEqual(Array(6).fill(1));
  });
});
