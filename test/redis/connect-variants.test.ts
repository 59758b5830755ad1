// Connecting the way redis-cli does, against real servers: every variant and every
// failure the guide names, with the right SEC code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/redis/probe.js';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { ClusterHandle, RedisHandle } from '../support/redis-server.js';

const servers: RedisHandle[] = [];
const start = async (...args: Parameters<typeof startRedis>) => {
  const s = await startRedis(...args);
  servers.push(s);
  return s;
};
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe('plain, password and ACL users', () => {
  let pw: RedisHandle;
  let acl: RedisHandle;
  beforeAll(async () => {
    pw = await start({ password: 'req-pass-123' });
    acl = await start({
      aclUsers: [
        'user default off',
        'user admin on >admin-pw ~* &* +@all',
        // A least-privilege console user that may not even read INFO or ACL WHOAMI.
        'user narrow on >narrow-pw resetkeys resetchannels -@all +ping',
      ],
    });
  });

  it('password (requirepass): ok with it, SEC001 NOAUTH without, SEC002 WRONGPASS when wrong', async () => {
    expect((await probe({ host: pw.host, port: pw.port }, 'req-pass-123')).ok).toBe(true);
    const none = await probe({ host: pw.host, port: pw.port }, undefined);
    expect(none.error).toMatchObject({ code: 'SEC001', name: 'NOAUTH' });
    const wrong = await probe({ host: pw.host, port: pw.port }, 'nope');
    expect(wrong.error).toMatchObject({ code: 'SEC002', name: 'WRONGPASS', retryable: false });
    expect(JSON.stringify(wrong)).not.toContain('nope"');
  });

  it('ACL user: connects as that user (ACL WHOAMI)', async () => {
    const r = await probe({ host: acl.host, port: acl.port, user: 'admin' }, 'admin-pw');
    expect(r.ok).toBe(true);
    expect(r.nodes[0]).toMatchObject({ state: 'ready', whoami: 'admin', server: { role: 'master' } });
  });

  it('a NOPERM console user: ready, with SEC003 naming the missing permission', async () => {
    const r = await probe({ host: acl.host, port: acl.port, user: 'narrow' }, 'narrow-pw');
    expect(r.nodes[0]?.state).toBe('ready');
    expect(r.nodes[0]?.error).toMatchObject({ code: 'SEC003', name: 'NOPERM' });
    // Every missing permission is named at once, with the grant that fixes it.
    expect(r.nodes[0]?.error?.cause).toBe("The console's user lacks +info +acl|whoami.");
    expect(r.nodes[0]?.error?.fix).toContain('Grant it: ACL SETUSER <user> +info +acl|whoami');
  });

  it('a dead port is UNREACHABLE, retryable, and explained', async () => {
    const dead = await start();
    await dead.stop();
    const r = await probe({ host: dead.host, port: dead.port }, undefined, 1500);
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ name: 'UNREACHABLE', retryable: true });
  });

  it('a unix socket (-s)', async () => {
    const s = await start({ unixSocket: true });
    const r = await probe({ socket: s.socketPath }, undefined);
    expect(r.ok).toBe(true);
    expect(r.address).toBe(`unix:${s.socketPath}`);
  });
});

describe('TLS and mTLS', () => {
  it('TLS with the CA: ok; without it: SEC004 self-signed chain', async () => {
    const s = await start({ tls: true });
    const ok = await probe(
      { host: s.host, port: s.port, tls: { enabled: true, cacert: s.tls!.caPath } },
      undefined,
    );
    expect(ok.ok).toBe(true);
    const bad = await probe({ host: s.host, port: s.port, tls: { enabled: true } }, undefined);
    expect(bad.error).toMatchObject({ code: 'SEC004', name: 'TLS_CERT' });
    expect(bad.error?.fix.join(' ')).toMatch(/--cacert/);
  });

  it('a plain client on a TLS port is explained, not left hanging', async () => {
    const s = await start({ tls: true });
    const r = await probe({ host: s.host, port: s.port }, undefined, 2000);
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: 'SEC004' });
    expect(r.error?.fix.join(' ')).toMatch(/--tls/);
  });

  it('hostname mismatch: SEC004 naming the certificate names', async () => {
    const s = await start({ tls: true, serverCertHost: 'redis.other.example' });
    const r = await probe(
      { host: s.host, port: s.port, tls: { enabled: true, cacert: s.tls!.caPath } },
      undefined,
    );
    expect(r.error).toMatchObject({ code: 'SEC004' });
    expect(r.error?.cause).toMatch(/does not name the host/);
    const sni = await probe(
      {
        host: s.host,
        port: s.port,
        tls: { enabled: true, cacert: s.tls!.caPath, sni: 'redis.other.example' },
      },
      undefined,
    );
    expect(sni.ok).toBe(true);
  });

  it('mTLS: ok with the client certificate; SEC004 when it is missing', async () => {
    const s = await start({ tls: 'mutual' });
    const t = s.tls!;
    const ok = await probe(
      {
        host: s.host,
        port: s.port,
        tls: { enabled: true, cacert: t.caPath, cert: t.clientCertPath, key: t.clientKeyPath },
      },
      undefined,
    );
    expect(ok.ok).toBe(true);
    const missing = await probe(
      { host: s.host, port: s.port, tls: { enabled: true, cacert: t.caPath } },
      undefined,
      3000,
    );
    expect(missing.ok).toBe(false);
    expect(missing.error).toMatchObject({ code: 'SEC004', retryable: false });
    expect(missing.error?.cause).toMatch(/requires a client certificate/);
    expect(missing.error?.fix.join(' ')).toMatch(/--cert client.crt --key client.key/);
  });

  it('a missing certificate file is named', async () => {
    const s = await start({ tls: true });
    const r = await probe(
      { host: s.host, port: s.port, tls: { enabled: true, cacert: '/nonexistent/ca.crt' } },
      undefined,
    );
    expect(r.ok).toBe(false);
    expect(r.error?.message).toContain('/nonexistent/ca.crt');
  });
});

describe('cluster', () => {
  let cluster: ClusterHandle;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('-c discovers all 6 nodes (3 primaries, 3 replicas) from the seed', async () => {
    const r = await probe({ ...cluster.seed, cluster: true }, undefined, 8000);
    expect(r.ok).toBe(true);
    expect(r.nodes).toHaveLength(6);
    expect(r.nodes.filter((n) => n.server?.role === 'master')).toHaveLength(3);
    expect(r.nodes.filter((n) => n.server?.role === 'slave')).toHaveLength(3);
  });

  it('without -c it is one node', async () => {
    const r = await probe(cluster.seed, undefined);
    expect(r.nodes).toHaveLength(1);
  });

  it('a standalone server with -c says it is not a cluster and still works', async () => {
    const s = await start();
    const r = await probe({ host: s.host, port: s.port, cluster: true }, undefined);
    expect(r.ok).toBe(true);
    expect(r.nodes).toHaveLength(1);
  });
});
