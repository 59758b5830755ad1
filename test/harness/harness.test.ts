import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { callOnce, connectRaw } from '../support/resp-client.js';
import type { RawTarget } from '../support/resp-client.js';

function tcp(handle: RedisHandle): RawTarget {
  return { host: handle.host, port: handle.port };
}

function withTls(handle: RedisHandle, options: RawTarget['tls'] = {}): RawTarget {
  return { ...tcp(handle), tls: { ca: handle.tls?.caPem, ...options } };
}

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

describe('TLS', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis({ tls: true });
  });
  afterAll(() => redis?.stop());

  it('accepts a client that trusts the CA, by IP and by name', async () => {
    expect(await callOnce(withTls(redis), ['PING'])).toBe('PONG');
    expect(await callOnce({ ...withTls(redis), host: 'localhost' }, ['PING'])).toBe('PONG');
  });

  it('is rejected by a client without the CA, and plain TCP gets no reply', async () => {
    // redis-server sends the CA along with its certificate (OpenSSL completes the chain from
    // tls-ca-cert-file), so an untrusting client sees a self-signed certificate in the chain.
    await expect(callOnce({ ...tcp(redis), tls: {} }, ['PING'])).rejects.toMatchObject({
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
    await expect(callOnce({ ...tcp(redis), timeoutMs: 1000 }, ['PING'])).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
  });

  it('writes keys 0600 and certificates 0644', () => {
    const tls = redis.tls;
    expect(tls).toBeDefined();
    expect(mode(tls?.keyPath ?? '')).toBe(0o600);
    expect(mode(tls?.certPath ?? '')).toBe(0o644);
    expect(mode(tls?.caPath ?? '')).toBe(0o644);
  });
});

describe('TLS with a certificate for the wrong host', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis({ tls: true, serverCertHost: 'other.example.test', tlsKeyType: 'rsa-2048' });
  });
  afterAll(() => redis?.stop());

  it('fails host verification but works when the name matches', async () => {
    await expect(callOnce(withTls(redis), ['PING'])).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    expect(await callOnce(withTls(redis, { servername: 'other.example.test' }), ['PING'])).toBe('PONG');
  });
});

describe('mutual TLS', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis({ tls: 'mutual' });
  });
  afterAll(() => redis?.stop());

  it('rejects a client without a certificate', async () => {
    // Under TLS 1.3 the client's handshake completes before the server checks it, so the refusal
    // arrives as an alert on the first read (ECONNRESET when the close wins the race).
    await expect(callOnce({ ...withTls(redis), timeoutMs: 2000 }, ['PING'])).rejects.toMatchObject({
      code: expect.stringMatching(/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|ECONNRESET/) as unknown,
    });
  });

  it('accepts the client certificate signed by the CA', async () => {
    const tls = redis.tls;
    expect(tls?.clientCertPath && existsSync(tls.clientCertPath)).toBe(true);
    expect(mode(tls?.clientKeyPath ?? '')).toBe(0o600);
    const target = withTls(redis, { cert: tls?.clientCertPem, key: tls?.clientKeyPem });
    expect(await callOnce(target, ['PING'])).toBe('PONG');
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
