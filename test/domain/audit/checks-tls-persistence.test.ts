// TLS, persistence and limit checks, each pass / fail / unknown from hand-made facts.
import { describe, expect, it } from 'vitest';
import { sanMatches } from '../../../src/domain/audit/checks-tls.js';
import { bytesOf, normalHardLimit } from '../../../src/domain/audit/checks-limits.js';
import { suspiciousPath } from '../../../src/domain/audit/checks-persistence.js';
import { cert, ctx, hardened, insecure, noperm, ok, run, withConf } from './fixtures.js';

describe('TLS-001..005 settings', () => {
  it('the hardened node passes every TLS setting; the insecure one fails the listener and mTLS', () => {
    for (const id of ['TLS-001', 'TLS-002', 'TLS-003', 'TLS-004', 'TLS-005'])
      expect(run(id, hardened()).status).toBe('pass');
    expect(run('TLS-001', insecure()).status).toBe('fail');
    expect(run('TLS-002', insecure()).status).toBe('fail');
    expect(run('TLS-003', insecure()).status).toBe('pass');
  });

  it('tls-auth-clients optional fails; TLSv1.1 fails; an empty tls-protocols is the default', () => {
    expect(run('TLS-002', withConf(hardened(), { 'tls-auth-clients': 'optional' })).status).toBe('fail');
    expect(
      run('TLS-003', withConf(hardened(), { 'tls-protocols': 'TLSv1.1 TLSv1.2' })).subjects,
    ).toBeUndefined();
    expect(run('TLS-003', withConf(hardened(), { 'tls-protocols': 'TLSv1.1 TLSv1.2' })).status).toBe('fail');
    expect(run('TLS-003', withConf(hardened(), { 'tls-protocols': '' })).status).toBe('pass');
  });

  it('tls-replication matters with a replica or on a cluster; tls-cluster on a cluster node', () => {
    expect(run('TLS-004', hardened(), ctx({ cluster: true })).status).toBe('fail');
    const replica = hardened({
      info: ok({ server: { redis_version: '7.4.9' }, replication: { role: 'slave' } }),
    });
    expect(run('TLS-004', replica).status).toBe('fail');
    expect(run('TLS-005', withConf(hardened(), { 'cluster-enabled': 'yes' })).status).toBe('fail');
    expect(
      run('TLS-005', withConf(hardened(), { 'cluster-enabled': 'yes', 'tls-cluster': 'yes' })).status,
    ).toBe('pass');
  });
});

describe('TLS-006..009 the live certificate', () => {
  it('days left: warn under 30, fail when expired, pass otherwise', () => {
    expect(run('TLS-006', hardened()).status).toBe('pass');
    expect(
      run('TLS-006', hardened({ certificate: ok(cert({ notAfter: '2026-12-20T00:00:00Z' })) })).status,
    ).toBe('warn');
    const expired = run('TLS-006', hardened({ certificate: ok(cert({ notAfter: '2026-12-01T00:00:00Z' })) }));
    expect(expired.status).toBe('fail');
    expect(expired.detail).toContain('expired');
  });

  it('no TLS listener: not applicable; a failed handshake: unknown', () => {
    expect(run('TLS-006', insecure()).status).toBe('pass');
    expect(run('TLS-006', hardened({ certificate: { ok: false, error: 'ECONNRESET' } })).status).toBe(
      'unknown',
    );
  });

  it('SANs: exact, wildcard one label, IP; a missing one fails', () => {
    const c = cert({ dnsNames: ['*.example.com', 'localhost'], ipAddresses: ['10.0.0.3'] });
    expect(sanMatches(c, 'redis.example.com')).toBe(true);
    expect(sanMatches(c, 'a.b.example.com')).toBe(false);
    expect(sanMatches(c, '10.0.0.3')).toBe(true);
    expect(sanMatches(c, 'LOCALHOST')).toBe(true);
    expect(run('TLS-007', hardened({ host: 'other.host' })).status).toBe('fail');
    expect(run('TLS-007', hardened()).status).toBe('pass');
  });

  it('chain and extended key usage', () => {
    expect(
      run('TLS-008', hardened({ certificate: ok(cert({ chainOk: false, chainError: 'self signed' })) }))
        .status,
    ).toBe('fail');
    expect(run('TLS-008', hardened()).status).toBe('pass');
    const shared = withConf(hardened({ certificate: ok(cert({ extKeyUsage: ['serverAuth'] })) }), {
      'tls-replication': 'yes',
    });
    expect(run('TLS-009', shared).status).toBe('fail');
    expect(run('TLS-009', withConf(shared, { 'tls-client-cert-file': '/etc/c.crt' })).status).toBe('pass');
    expect(run('TLS-009', hardened()).status).toBe('pass');
  });
});

describe('PER-001..005', () => {
  it('aclfile passes; config file only warns; neither fails', () => {
    expect(run('PER-001', hardened()).status).toBe('pass');
    const noAclfile = withConf(hardened(), { aclfile: '' });
    expect(run('PER-001', noAclfile).status).toBe('warn');
    expect(run('PER-001', insecure()).status).toBe('fail');
  });

  it('acllog-max-len 128 fails with CONFIG SET acllog-max-len 1024 online; 1024 passes', () => {
    const r = run('PER-002', insecure());
    expect(r.status).toBe('fail');
    expect(r.fix?.online?.[0]?.params).toMatchObject({ name: 'acllog-max-len', value: '1024' });
    expect(run('PER-002', hardened()).status).toBe('pass');
  });

  it.each([
    ['/root/.ssh', 'dump.rdb', 'dir /root/.ssh'],
    ['/var/spool/cron/crontabs', 'root', 'dir /var/spool/cron/crontabs'],
    ['/var/www/html', 'dump.rdb', 'dir /var/www/html'],
    ['/var/lib/redis', 'exp.so', 'dbfilename exp.so'],
    ['/var/lib/redis', 'authorized_keys', 'dbfilename authorized_keys'],
    ['/var/lib/redis', 'dump.rdb', undefined],
    ['/data', 'appendonly.rdb', undefined],
  ])('dir %s dbfilename %s -> %s', (dir, file, want) => expect(suspiciousPath(dir, file)).toBe(want));

  it('dir under .ssh fails Basic as a compromise sign; logfile; slowlog', () => {
    const r = run('PER-003', insecure());
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('.ssh');
    expect(run('PER-003', hardened()).status).toBe('pass');
    expect(run('PER-004', insecure()).status).toBe('fail');
    expect(run('PER-004', withConf(insecure(), { 'syslog-enabled': 'yes' })).status).toBe('pass');
    expect(run('PER-005', hardened()).status).toBe('pass');
    expect(run('PER-005', withConf(hardened(), { 'slowlog-log-slower-than': '-1' })).status).toBe('fail');
    expect(run('PER-005', hardened({ config: noperm('+config|get') })).unknown?.grant).toBe('+config|get');
  });
});

describe('LIM-001..005', () => {
  it('sizes and the normal hard limit parse as Redis prints them', () => {
    expect(bytesOf('536870912')).toBe(512 * 1024 ** 2);
    expect(bytesOf('1gb')).toBe(1024 ** 3);
    expect(bytesOf('2g')).toBe(2e9);
    expect(normalHardLimit('normal 0 0 0 slave 268435456 67108864 60')).toBe(0);
    expect(normalHardLimit('normal 268435456 134217728 60')).toBe(268435456);
  });

  it('defaults: maxclients passes, timeout / output buffer / maxmemory fail (Paranoid)', () => {
    expect(run('LIM-001', hardened()).status).toBe('pass');
    expect(run('LIM-001', withConf(hardened(), { maxclients: '50000' })).status).toBe('warn');
    expect(run('LIM-002', hardened()).status).toBe('fail');
    expect(run('LIM-003', hardened()).status).toBe('fail');
    expect(run('LIM-004', hardened()).status).toBe('fail');
    const tuned = withConf(hardened(), {
      timeout: '300',
      maxmemory: '1073741824',
      'client-output-buffer-limit': 'normal 268435456 134217728 60',
    });
    for (const id of ['LIM-002', 'LIM-003', 'LIM-004']) expect(run(id, tuned).status).toBe('pass');
  });

  it('raised protocol limits fail with both settings back to default in one fix', () => {
    expect(run('LIM-005', hardened()).status).toBe('pass');
    const r = run(
      'LIM-005',
      withConf(hardened(), { 'proto-max-bulk-len': '4294967296', 'client-query-buffer-limit': '4gb' }),
    );
    expect(r.status).toBe('fail');
    expect(r.fix?.commands).toEqual([
      'CONFIG SET proto-max-bulk-len 512mb',
      'CONFIG SET client-query-buffer-limit 1gb',
      'CONFIG REWRITE',
    ]);
    expect(r.fix?.online?.map((o) => o.action)).toEqual(['config.set', 'config.set', 'config.rewrite']);
  });
});
