// The audit's one read per node against real servers: an insecure one, auditors with too few
// grants (each read names the grant it misses) and the least-privileged one (every read works),
// a server that never answers (unreachable within the bound), and proof that the read only reads.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeFacts } from '../../src/domain/audit/types.js';
import { AUDITOR_GRANTS, AUDITOR_RULE, readTargetFacts } from '../../src/redis/audit-read.js';
import { Target } from '../../src/redis/target.js';
import type { ConnectionSpec } from '../../src/profiles/schema.js';
import { startPeer } from '../support/fake-peers.js';
import { startFakeRedis } from '../support/fake-redis.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { AUDIT_READS, whatWasSent } from '../support/audit-sends.js';
import { adminOf } from '../support/admin-client.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** The facts of every node, and how long the read took (closing the Target not counted). */
async function timedRead(
  spec: ConnectionSpec,
  password?: string,
  timeoutMs = 3000,
): Promise<{ facts: NodeFacts[]; ms: number }> {
  // The connection's own command timeout is longer: the read's bound must end the wait itself.
  const target = new Target({ spec, password, heartbeatMs: 0, commandTimeoutMs: 10_000 });
  const started = Date.now();
  target.start();
  try {
    const facts = await readTargetFacts(target, { spec, timeoutMs, secrets: password ? [password] : [] });
    return { facts, ms: Date.now() - started };
  } finally {
    await target.close();
  }
}

const readAs = async (spec: ConnectionSpec, password?: string) => (await timedRead(spec, password)).facts;

describe('an insecure server', () => {
  let server: RedisHandle;
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'audit-home-'));
    await mkdir(join(home, '.ssh'));
    server = await startRedis({
      aclUsers: ['user default on nopass ~* &* +@all', 'user app on >password123 ~* &* +@all'],
      extraConfig: ['protected-mode no', `dir ${join(home, '.ssh')}`],
      unixSocket: true,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('reads what every check needs: open to anyone, default nopass, the weak hash, dir under .ssh', async () => {
    const [facts] = await readAs({ host: server.host, port: server.port });
    expect(facts).toMatchObject({
      node: `${server.host}:${server.port}`,
      host: server.host,
      port: server.port,
      tls: false,
      reachable: { ok: true },
      unauthenticated: { ok: true, value: 'open' },
      requirepass: { ok: true, value: { set: false } },
      masterauth: { ok: true, value: { set: false } },
      modules: { ok: true, value: [] },
    });
    expect(facts?.certificate).toBeUndefined();
    const info = facts?.info.ok ? facts.info.value : {};
    expect(info.server?.redis_version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.clients?.connected_clients).toBeDefined();
    const config = facts?.config.ok ? facts.config.value : {};
    expect(config['protected-mode']).toBe('no');
    expect(config.dir).toBe(join(home, '.ssh'));
    const secretNames = (k: string) => k.includes('pass') || k === 'masterauth' || k === 'primaryauth';
    expect(Object.keys(config).filter(secretNames)).toEqual([]);
    expect(config.maxclients).toMatch(/^\d+$/);
    const users = facts?.users.ok ? facts.users.value : [];
    expect(users.find((u) => u.name === 'default')).toMatchObject({ enabled: true, nopass: true });
    const app = users.find((u) => u.name === 'app');
    expect(app?.passwords).toEqual([sha('password123')]);
    // 7.2+ and Valkey add sanitize-payload to the line.
    expect(app?.rules).toMatch(/^on (sanitize-payload )?#‹redacted› ~\* &\* \+@all$/);
    const dryrun = facts?.dryrun.ok ? facts.dryrun.value : {};
    expect(dryrun.app?.['CONFIG SET']).toBe('allowed');
    expect(dryrun.default?.FLUSHALL).toBe('allowed');
    expect(Object.keys(dryrun.default ?? {})).toHaveLength(12);
  });

  it('reads over a unix socket too, the fresh connection included', async () => {
    const [facts] = await readAs({ socket: server.socketPath });
    expect(facts).toMatchObject({
      node: `unix:${server.socketPath}`,
      reachable: { ok: true },
      unauthenticated: { ok: true, value: 'open' },
      users: { ok: true },
    });
    expect(facts?.config.ok && facts.config.value.unixsocket).toBe(server.socketPath);
  });
});

describe('auditors with and without the grants', () => {
  const SECRET = 'the-requirepass-value-never-kept-0123456789';
  let server: RedisHandle;
  let admin: Redis;
  beforeAll(async () => {
    server = await startRedis({
      aclUsers: [
        'user default off',
        'user admin on >adm ~* &* +@all',
        `user auditor ${AUDITOR_RULE} >aud`,
        'user nobody on >nob resetkeys resetchannels -@all +ping +acl|whoami',
        'user ops on >ops ~* -@all +get +set +keys +flushdb',
        'user parked off >prk ~* +@all',
      ],
      extraConfig: ['acllog-max-len 1024'],
    });
    admin = adminOf(server, 'adm');
    // As `requirepass` in redis.conf would: set before the read, outside it.
    await admin.call('CONFIG', ['SET', 'requirepass', SECRET]);
  });
  afterAll(async () => {
    admin?.disconnect();
    await server?.stop();
  });
  const spec = (user: string): ConnectionSpec => ({ host: server.host, port: server.port, user });

  it('the least-privileged auditor reads everything, with no NOPERM in ACL LOG', async () => {
    await admin.call('ACL', ['LOG', 'RESET']);
    const [facts] = await readAs(spec('auditor'), 'aud');
    for (const key of ['info', 'config', 'requirepass', 'masterauth', 'users', 'dryrun', 'modules'] as const)
      expect(facts?.[key], key).toMatchObject({ ok: true });
    expect(facts?.unauthenticated).toEqual({ ok: true, value: 'noauth' });
    expect(facts?.requirepass).toEqual({ ok: true, value: { set: true, length: SECRET.length } });
    const dryrun = facts?.dryrun.ok ? facts.dryrun.value : {};
    expect(dryrun.ops?.KEYS).toBe('allowed');
    expect(dryrun.ops?.FLUSHDB).toBe('allowed');
    expect(dryrun.ops?.FLUSHALL).toEqual({ denied: expect.stringContaining("'flushall'") as unknown });
    expect(dryrun.ops?.['CONFIG SET']).toEqual({
      denied: expect.stringContaining("'config|set'") as unknown,
    });
    // DRYRUN judges the rules only: a disabled user is answered as if it were on.
    expect(dryrun.parked?.SHUTDOWN).toBe('allowed');
    expect(await admin.call('ACL', ['LOG'])).toEqual([]);
    // The requirepass value was read (CONFIG GET *) and is nowhere in what was kept.
    expect(JSON.stringify(facts)).not.toContain(SECRET);
  });

  it('a default user that may not even PING is still open to anyone: NOPERM is not NOAUTH', async () => {
    await admin.call('ACL', ['SETUSER', 'default', 'on', 'nopass', 'resetkeys', '-@all']);
    try {
      const [facts] = await readAs(spec('auditor'), 'aud');
      expect(facts?.unauthenticated).toEqual({ ok: true, value: 'open' });
    } finally {
      await admin.call('ACL', ['SETUSER', 'default', 'off']);
    }
  });

  it('an auditor with no read grant: every read names its grant, none throws', async () => {
    const [facts] = await readAs(spec('nobody'), 'nob');
    expect(facts).toMatchObject({
      reachable: { ok: true },
      info: { ok: false, grant: '+info' },
      config: { ok: false, grant: '+config|get' },
      requirepass: { ok: false, grant: '+config|get' },
      masterauth: { ok: false, grant: '+config|get' },
      users: { ok: false, grant: '+acl|list' },
      dryrun: { ok: false, grant: '+acl|list' },
      modules: { ok: false, grant: '+module|list' },
      unauthenticated: { ok: true, value: 'noauth' },
    });
    expect(facts?.info.ok === false && facts.info.error).toMatch(/^NOPERM/);
  });

  it('under MONITOR and by the server command counts, every command is a read', async () => {
    // As an admin, who may do anything: only the read decides what is sent.
    const { sent, monitored } = await whatWasSent(admin, async () => {
      const [facts] = await readAs(spec('admin'), 'adm');
      expect(facts?.dryrun.ok).toBe(true);
    });
    expect(sent.filter((c) => !AUDIT_READS.has(c))).toEqual([]);
    expect(sent).toEqual(expect.arrayContaining(['config|get', 'acl|list', 'acl|dryrun', 'module|list']));
    // MONITOR never shows admin commands (CONFIG GET, ACL LIST/DRYRUN, MODULE LIST): it sees PING, INFO, ACL WHOAMI.
    expect(monitored.filter((c) => !AUDIT_READS.has(c))).toEqual([]);
  });

  it('a user name that is not UTF-8 is asked about by its exact bytes', async () => {
    const raw = Buffer.from([0x75, 0xff, 0x1b, 0x78]);
    await admin.callBuffer('ACL', ['SETUSER', raw, 'on', '>p', '~*', '-@all', '+flushall']);
    try {
      const [facts] = await readAs(spec('auditor'), 'aud');
      const dryrun = facts?.dryrun.ok ? facts.dryrun.value : {};
      expect(dryrun['u\udcff\x1bx']).toMatchObject({
        FLUSHALL: 'allowed',
        FLUSHDB: { denied: expect.any(String) as unknown },
      });
    } finally {
      await admin.callBuffer('ACL', ['DELUSER', raw]);
    }
  });

  it("the README's auditor rule is AUDITOR_RULE", () => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')).toContain(
      `ACL SETUSER warden-auditor ${AUDITOR_RULE} >...`,
    );
  });

  const readGrants = {
    '+info': ['info'],
    '+config|get': ['config', 'requirepass', 'masterauth'],
    '+acl|list': ['users', 'dryrun'],
    '+acl|dryrun': ['dryrun'],
    '+module|list': ['modules'],
  } as const;

  it.each(Object.entries(readGrants))(
    'without %s exactly the reads that need it say so',
    async (grant, reads) => {
      expect(AUDITOR_GRANTS).toContain(grant);
      const name = `less${grant.replace(/\W/g, '')}`;
      const rule = AUDITOR_RULE.replace(` ${grant}`, '');
      await admin.call('ACL', ['SETUSER', name, 'reset', ...rule.split(' '), '>x']);
      const [facts] = await readAs(spec(name), 'x');
      for (const key of [
        'info',
        'config',
        'requirepass',
        'masterauth',
        'users',
        'dryrun',
        'modules',
      ] as const) {
        if ((reads as readonly string[]).includes(key))
          expect(facts?.[key], key).toMatchObject({ ok: false, grant });
        else expect(facts?.[key], key).toMatchObject({ ok: true });
      }
    },
  );
});

describe('a server that accepts TCP and never answers', () => {
  it('is unreachable within the bound, with every read saying so', async () => {
    const peer = await startPeer('silent');
    try {
      const {
        facts: [facts],
        ms,
      } = await timedRead({ host: '127.0.0.1', port: peer.port }, undefined, 800);
      // It waited for the node (the Target's wait ends a tenth early: its exit reserve), not longer.
      expect(ms).toBeGreaterThanOrEqual(700);
      expect(ms).toBeLessThan(1000);
      expect(facts?.reachable.ok).toBe(false);
      expect(facts?.reachable.ok === false && facts.reachable.error).toMatch(/answer/i);
      expect(facts?.info).toEqual({ ok: false, error: `not read: 127.0.0.1:${peer.port} is unreachable` });
    } finally {
      await peer.close();
    }
  });
});

describe('a server that answers the connection and then stops answering', () => {
  it('each probe ends at the bound with why; the fresh connection is still asked', async () => {
    const fake = await startFakeRedis({ replies: { CONFIG: 'hang' } });
    try {
      const {
        facts: [facts],
        ms,
      } = await timedRead({ host: fake.host, port: fake.port }, undefined, 800);
      expect(ms).toBeLessThan(1000);
      expect(facts?.reachable).toEqual({ ok: true, value: true });
      // Every read on the link waits behind the CONFIG GET that never ends.
      for (const key of ['info', 'config', 'users', 'modules'] as const)
        expect(facts?.[key], key).toMatchObject({
          ok: false,
          error: expect.stringMatching(/timed out/) as unknown,
        });
      expect(facts?.unauthenticated).toEqual({ ok: true, value: 'open' });
    } finally {
      await fake.stop();
    }
  });
});
