// The audit's TLS facts from a handshake of its own: the certificate a node presents, the chain
// judged against the profile's CA (recorded, not enforced), whether the server asks for a
// client certificate; on the connection's TLS port or on tls-port beside a plain one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeFacts, PresentedCert } from '../../src/domain/audit/types.js';
import { readTargetFacts } from '../../src/redis/audit-read.js';
import { Target } from '../../src/redis/target.js';
import type { ConnectionSpec } from '../../src/profiles/schema.js';
import { freePort } from '../support/ports.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';

async function readOne(spec: ConnectionSpec): Promise<NodeFacts> {
  const target = new Target({ spec, heartbeatMs: 0, commandTimeoutMs: 3000 });
  target.start();
  try {
    const [facts] = await readTargetFacts(target, { spec, timeoutMs: 3000 });
    return facts!;
  } finally {
    await target.close();
  }
}

const certOf = (facts: NodeFacts): PresentedCert => {
  if (!facts.certificate?.ok) throw new Error(`no certificate: ${JSON.stringify(facts.certificate)}`);
  return facts.certificate.value;
};

describe('a TLS-only server with mTLS', () => {
  let server: RedisHandle;
  beforeAll(async () => {
    server = await startRedis({ tls: 'mutual' });
  });
  afterAll(() => server?.stop());

  const spec = (): ConnectionSpec => ({
    host: server.host,
    port: server.port,
    tls: {
      enabled: true,
      cacert: server.tls!.caPath,
      cert: server.tls!.clientCertPath,
      key: server.tls!.clientKeyPath,
    },
  });

  it('reads the certificate, a chain the CA verifies, and that the server asks for a client certificate', async () => {
    const facts = await readOne(spec());
    expect(facts).toMatchObject({ tls: true, reachable: { ok: true } });
    const cert = certOf(facts);
    expect(cert).toMatchObject({
      subject: 'CN=localhost',
      issuer: 'CN=redis-warden test CA',
      dnsNames: ['localhost'],
      ipAddresses: expect.arrayContaining(['127.0.0.1']) as unknown,
      extKeyUsage: ['serverAuth', 'clientAuth'],
      chainOk: true,
      asksForClientCert: true,
    });
    expect(cert.chainError).toBeUndefined();
    expect(cert.serial).toMatch(/^[0-9A-F]+$/);
    expect(Date.parse(cert.notAfter)).toBeGreaterThan(Date.now());
    expect(Date.parse(cert.notBefore)).toBeLessThanOrEqual(Date.now());
    // Without credentials, but with the profile's client certificate: the default user answers.
    expect(facts.unauthenticated).toEqual({ ok: true, value: 'open' });
  });

  it('a chain this profile does not trust is recorded, not a failure of the read', async () => {
    const s = spec();
    const facts = await readOne({ ...s, tls: { ...s.tls!, cacert: undefined, insecure: true } });
    expect(facts.reachable.ok).toBe(true);
    const cert = certOf(facts);
    expect(cert.chainOk).toBe(false);
    expect(cert.chainError).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });
});

describe('a plain port beside a TLS port, no client certificates asked', () => {
  let server: RedisHandle;
  let plain: number;
  beforeAll(async () => {
    plain = await freePort();
    server = await startRedis({ tls: true, extraConfig: [`port ${plain}`] });
  });
  afterAll(() => server?.stop());

  it('finds the TLS port in CONFIG GET tls-port and handshakes there', async () => {
    const facts = await readOne({
      host: server.host,
      port: plain,
      tls: { enabled: false, cacert: server.tls!.caPath },
    });
    expect(facts).toMatchObject({ tls: false, port: plain, unauthenticated: { ok: true, value: 'open' } });
    expect(facts.config.ok && facts.config.value['tls-port']).toBe(String(server.port));
    expect(certOf(facts)).toMatchObject({ subject: 'CN=localhost', chainOk: true, asksForClientCert: false });
  });
});
