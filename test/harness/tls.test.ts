import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { callOnce } from '../support/resp-client.js';
import { tcpTarget as tcp, tlsTarget as withTls } from '../support/targets.js';

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

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
