import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { callOnce, connectRaw } from '../support/resp-client.js';
import { tcpTarget as tcp } from '../support/targets.js';

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('plain server', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('answers PING on a loopback port that is not 6379', async () => {
    expect(redis.host).toBe('127.0.0.1');
    expect(redis.port).not.toBe(6379);
    expect(await callOnce(tcp(redis), ['PING'])).toBe('PONG');
  });

  it('runs without persistence, in its own directory, logging to a file there', async () => {
    const config = await readFile(redis.configPath, 'utf8');
    expect(config).toContain('save ""');
    expect(config).toContain('appendonly no');
    expect(await callOnce(tcp(redis), ['CONFIG', 'GET', 'dir'])).toEqual(['dir', redis.dir]);
    expect(redis.logTail()).toMatch(/Ready to accept connections/);
  });
});

describe('password (requirepass)', () => {
  // Quotes, spaces and a backslash prove the config quoting, not just the happy path.
  const password = 'p a"s\\s';
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis({ password });
  });
  afterAll(() => redis?.stop());

  it('refuses commands before AUTH', async () => {
    await expect(callOnce(tcp(redis), ['GET', 'k'])).rejects.toThrow(/^NOAUTH/);
  });

  it('rejects a wrong password and accepts the right one', async () => {
    await expect(callOnce(tcp(redis), ['PING'], { password: 'nope' })).rejects.toThrow(/^WRONGPASS/);
    expect(await callOnce(tcp(redis), ['PING'], { password })).toBe('PONG');
  });
});

describe('ACL users (aclfile)', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis({
      aclUsers: [
        'user default off',
        'user admin on >admin-pw ~* +@all',
        'user reader on >reader-pw ~* +@read +ping',
      ],
    });
  });
  afterAll(() => redis?.stop());

  it('lets each user AUTH with its password and enforces its rules', async () => {
    await expect(callOnce(tcp(redis), ['PING'])).rejects.toThrow(/^NOAUTH/);
    const admin = { username: 'admin', password: 'admin-pw' };
    const reader = { username: 'reader', password: 'reader-pw' };
    expect(await callOnce(tcp(redis), ['ACL', 'WHOAMI'], admin)).toBe('admin');
    expect(await callOnce(tcp(redis), ['SET', 'k', 'v'], admin)).toBe('OK');
    expect(await callOnce(tcp(redis), ['GET', 'k'], reader)).toBe('v');
    await expect(callOnce(tcp(redis), ['SET', 'k', 'x'], reader)).rejects.toThrow(/^NOPERM/);
  });
});

describe('unix socket', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis({ unixSocket: true });
  });
  afterAll(() => redis?.stop());

  it('answers on the socket, which only the owner may use', async () => {
    const path = redis.socketPath ?? '';
    expect(await callOnce({ path }, ['PING'])).toBe('PONG');
    expect(mode(path)).toBe(0o700);
  });
});

describe('crash and restart', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis({ password: 'pw' });
  });
  afterAll(() => redis?.stop());

  it('kill() makes the port refuse; restart() brings it back on the same port', async () => {
    const { port } = redis;
    const before = redis.pid;
    await redis.kill();
    expect(isAlive(before)).toBe(false);
    await expect(connectRaw(tcp(redis))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await redis.restart();
    expect(redis.port).toBe(port);
    expect(redis.pid).not.toBe(before);
    expect(await callOnce(tcp(redis), ['PING'], { password: 'pw' })).toBe('PONG');
  });

  it('stop() ends the process and removes its directory', async () => {
    const other = await startRedis();
    const pid = other.pid;
    await other.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(other.dir)).toBe(false);
  });
});
