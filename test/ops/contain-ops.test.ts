// The containment levers against real servers: each changes exactly its thing (the server's
// state is read after), is journaled once under its own id, is refused in read-only mode, and
// a refusal the server makes for a lever it locks (enable-module-command, protected configs)
// is explained with what to do instead.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeOperation } from '../../src/ops/operations/run.js';
import type { Operation } from '../../src/ops/operations/table.js';
import { until } from '../helpers/until.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { ADMIN, consoleOn, HOSTILE, nodeOf } from './contain-support.js';
import type { Console } from './contain-support.js';

const servers: RedisHandle[] = [];
const links: Redis[] = [];
let con: Console | undefined;

async function server(extraConfig: string[] = []) {
  const s = await startRedis({ aclUsers: ADMIN, extraConfig });
  servers.push(s);
  const admin = new Redis({ host: s.host, port: s.port, username: 'admin', password: 'admin-pw-1' });
  links.push(admin);
  return { s, admin };
}

afterEach(async () => {
  await con?.close();
  con = undefined;
});
afterAll(async () => {
  for (const l of links) l.disconnect();
  await Promise.all(servers.map((s) => s.stop()));
});

const info = async (admin: Redis, field: string) =>
  ((await admin.info('replication')).match(new RegExp(`^${field}:(.*)$`, 'm'))?.[1] ?? '').trim();

describe('replication.stop', () => {
  let rogue: RedisHandle;
  beforeAll(async () => {
    rogue = await startRedis();
    servers.push(rogue);
  });

  it('makes a replica of a rogue server a master again, once, journaled; read-only refuses', async () => {
    const { s, admin } = await server();
    await admin.call('REPLICAOF', rogue.host, String(rogue.port));
    await until(async () => (await info(admin, 'master_link_status')) === 'up', 'following the rogue');
    con = await consoleOn(s);
    const op = { id: 'replication.stop', params: { node: nodeOf(s) } } as const;

    const refused = await con.run(op, { readOnly: true });
    expect(refused.status).toBe('refused');
    expect(await info(admin, 'role')).toBe('slave');
    expect(con.journal).toEqual([
      expect.objectContaining({ action: 'replication.stop', outcome: 'refused' }),
    ]);

    const r = await con.run(op);
    expect(r.status).toBe('done');
    expect(await info(admin, 'role')).toBe('master');
    expect(con.journal.slice(1)).toEqual([
      expect.objectContaining({
        action: 'replication.stop',
        outcome: 'ok',
        args: ['REPLICAOF', 'NO', 'ONE'],
      }),
    ]);
    expect(describeOperation(op)).toMatch(/keeps the data it received/);
  });
});

describe('module.unload', () => {
  it('with enable-module-command no: refused by the server, explained (loadmodule, restart)', async () => {
    const { s } = await server();
    con = await consoleOn(s);
    const r = await con.run({ id: 'module.unload', params: { node: nodeOf(s), name: 'system' } });
    expect(r.status).toBe('failed');
    const [first] = r.results;
    expect(first?.outcome === 'error' && first.error.name).toBe('MODULE_DISABLED');
    expect(first?.outcome === 'error' && first.error.fix.join(' ')).toMatch(/loadmodule/);
    expect(con.journal).toEqual([
      expect.objectContaining({
        action: 'module.unload',
        outcome: 'error',
        args: ['MODULE', 'UNLOAD', 'system'],
      }),
    ]);
  });

  it('with modules allowed: a module that is not loaded is a clear error; MODULE LIST unchanged', async () => {
    const { s, admin } = await server(['enable-module-command yes']);
    con = await consoleOn(s);
    const r = await con.run({ id: 'module.unload', params: { node: nodeOf(s), name: 'system' } });
    const [first] = r.results;
    expect(first?.outcome === 'error' && first.error.name).toBe('NO_SUCH_MODULE');
    expect(await admin.call('MODULE', 'LIST')).toEqual([]);
    expect(con.journal).toHaveLength(1);
  });
});

describe('config.restore-persistence', () => {
  it('puts dir and dbfilename back from a planted .ssh target, re-read; read-only refuses', async () => {
    const { s, admin } = await server(['enable-protected-configs yes']);
    const ssh = join(s.dir, 'home', '.ssh');
    mkdirSync(ssh, { recursive: true });
    await admin.config('SET', 'dir', ssh, 'dbfilename', 'authorized_keys');
    con = await consoleOn(s);
    const op = {
      id: 'config.restore-persistence',
      params: { node: nodeOf(s), dir: s.dir, dbfilename: 'dump.rdb' },
    } as const;

    expect((await con.run(op, { readOnly: true })).status).toBe('refused');
    expect(await admin.config('GET', 'dbfilename')).toEqual(['dbfilename', 'authorized_keys']);

    const r = await con.run(op);
    expect(r.status).toBe('done');
    expect(await admin.config('GET', 'dir')).toEqual(['dir', s.dir]);
    expect(await admin.config('GET', 'dbfilename')).toEqual(['dbfilename', 'dump.rdb']);
    expect(con.journal.filter((e) => e.outcome !== 'refused')).toEqual([
      expect.objectContaining({
        action: 'config.restore-persistence',
        outcome: 'ok',
        args: ['CONFIG', 'SET', 'dir', s.dir, 'dbfilename', 'dump.rdb'],
      }),
    ]);
  });

  it('with protected configs locked: refused by the server, the redis.conf lines given', async () => {
    const { s, admin } = await server();
    con = await consoleOn(s);
    const r = await con.run({
      id: 'config.restore-persistence',
      params: { node: nodeOf(s), dir: '/var/lib/redis', dbfilename: 'dump.rdb' },
    });
    const [first] = r.results;
    expect(first?.outcome === 'error' && first.error.name).toBe('PROTECTED_CONFIG');
    expect(first?.outcome === 'error' && first.error.fix.join(' ')).toContain(
      'dir /var/lib/redis / dbfilename dump.rdb',
    );
    expect(await admin.config('GET', 'dir')).toEqual(['dir', s.dir]);
    expect(con.journal).toHaveLength(1);
  });

  it('refuses a relative dir, a dbfilename with a slash or a bad CIDR before anything is sent', () => {
    expect(() =>
      describeOperation({
        id: 'config.restore-persistence',
        params: { node: 'n', dir: 'x', dbfilename: 'a' },
      }),
    ).toThrow(/absolute/);
    expect(() =>
      describeOperation({
        id: 'config.restore-persistence',
        params: { node: 'n', dir: '/x', dbfilename: '../a' },
      }),
    ).toThrow(/file name/);
    expect(() => describeOperation({ id: 'client.kill-net', params: { cidr: '10.0.0.0/33' } })).toThrow(
      /not an IP address or CIDR/,
    );
  });
});

describe('describe escapes a hostile name', () => {
  it.each([
    { id: 'replication.stop', params: { node: HOSTILE } },
    { id: 'module.unload', params: { node: 'n', name: HOSTILE } },
    { id: 'config.restore-persistence', params: { node: HOSTILE, dir: `/${HOSTILE}`, dbfilename: HOSTILE } },
    { id: 'client.kill-net', params: { node: HOSTILE, cidr: '10.0.0.0/8' } },
    {
      id: 'client.kill-net',
      params: { cidr: '10.0.0.0/8', clients: [{ node: 'n', id: '1', addr: HOSTILE }] },
    },
  ] satisfies Operation[])('$id', (op) => {
    const text = describeOperation(op);
    expect(text).not.toMatch(/[\u0000-\u001f\udc80-\udcff]/);
    expect(text).toContain('\\x1b');
  });
});
