// runAudit's levels against real servers: a hardened server (the seed's ACL users with long
// passwords, default off, TLS only with mTLS from certificates made by src/pki, a raised ACL
// log) reaches High once the CVE/EOL checks are given a table in which its version is current,
// and says what Paranoid needs; on a 3+3 cluster a user missing on one replica is named; a node
// down is unknown while the others are audited.
import { mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CveTable } from '../../src/domain/audit/types.js';
import { runAudit } from '../../src/ops/audit.js';
import { Target } from '../../src/redis/target.js';
import type { ConnectionSpec } from '../../src/profiles/schema.js';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { ClusterHandle, RedisHandle } from '../support/redis-server.js';
import { callOnce } from '../support/resp-client.js';

const PW = (who: string) => `${who}-hardened-long-random-password-0000000001`;

/** A table of its date in which every line is current: the CVE and EOL checks pass. */
const CURRENT: CveTable = {
  date: '2026-12-06',
  sources: ['test: no CVE open, every line supported'],
  endOfLife: [],
  oldestSupported: '2.0',
  cves: [],
};

async function audit(spec: ConnectionSpec, password: string, cves?: CveTable) {
  const target = new Target({ spec, password, heartbeatMs: 0 });
  target.start();
  try {
    return await runAudit(target, { spec, timeoutMs: 8000, secrets: [password], ...(cves ? { cves } : {}) });
  } finally {
    await target.close();
  }
}

describe('a hardened server', () => {
  let server: RedisHandle;
  let dataDir: string;
  beforeAll(async () => {
    // Not /tmp (nor /root): PER-003 takes both for a compromise sign.
    dataDir = await mkdtemp('/var/tmp/redis-warden-audit-');
    server = await startRedis({
      tls: 'mutual',
      // The seed's acl-users.conf, with passwords no list holds.
      aclUsers: [
        'user default off',
        `user admin on >${PW('admin')} ~* &* +@all`,
        // The seed's app line lets it run EVAL (scripting is in neither -@dangerous nor out of
        // +@write): the audit asks for -@scripting beyond admins (CMD-006), so it is added here.
        `user app on >${PW('app')} ~app:* +@read +@write -@dangerous -@scripting`,
        `user replication on >${PW('repl')} +psync +replconf +ping`,
      ],
      // dir under /tmp is itself a finding (PER-003): the data lives where a service keeps it.
      extraConfig: ['acllog-max-len 1024', `dir ${dataDir}`],
    });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const spec = (): ConnectionSpec => ({
    host: server.host,
    port: server.port,
    user: 'admin',
    tls: {
      enabled: true,
      cacert: server.tls!.caPath,
      cert: server.tls!.clientCertPath,
      key: server.tls!.clientKeyPath,
    },
  });

  it('reaches High with a table in which its version is current, and says what Paranoid needs', async () => {
    const report = await audit(spec(), PW('admin'), CURRENT);
    const open = report.nodes[0]!.results.filter((r) => r.status === 'fail' || r.status === 'unknown');
    expect(
      open.filter((r) => r.level !== 'paranoid').map((r) => `${r.id} ${r.detail}`),
      'nothing below Paranoid fails',
    ).toEqual([]);
    expect(report.reached).toBe('high');
    expect(report.next?.level).toBe('paranoid');
    expect(report.next?.needs.length).toBeGreaterThan(0);
    for (const n of report.next!.needs) expect(n.level).toBe('paranoid');
    expect(JSON.stringify(report)).not.toContain(PW('admin'));
  });

  it('with the shipped table, the version is what holds it below High', async () => {
    const report = await audit(spec(), PW('admin'));
    const failing = report.nodes[0]!.results.filter((r) => r.status === 'fail').map((r) => r.id);
    expect(['none', 'basic', 'standard']).toContain(report.reached);
    expect(
      failing.filter((id) => !id.startsWith('SW-') && !id.startsWith('LIM-') && id !== 'PER-005'),
    ).toEqual([]);
  });
});

describe('a 3+3 cluster (slow)', () => {
  let cluster: ClusterHandle;
  const CPW = 'audit-cluster-password-0000000000000001';
  beforeAll(async () => {
    cluster = await startCluster({ password: CPW });
    // A user on every node but one replica.
    await Promise.all(
      cluster.nodes.slice(0, 5).map((n) =>
        callOnce(
          { host: n.host, port: n.port },
          ['ACL', 'SETUSER', 'ops', 'on', '>ops-pw-0000000000000000000000000001', '~*', '+get'],
          {
            password: CPW,
          },
        ),
      ),
    );
  }, 60_000);
  afterAll(() => cluster?.stop());

  const spec = (): ConnectionSpec => ({ host: cluster.seed.host, port: cluster.seed.port, cluster: true });

  it('names the user missing on one replica, every node audited', async () => {
    const report = await audit(spec(), CPW);
    expect(report.nodes).toHaveLength(6);
    const missing = `127.0.0.1:${cluster.nodes[5]!.port}`;
    const rep = report.cluster.find((r) => r.id === 'REP-004');
    expect(rep?.status).toBe('fail');
    expect(rep?.detail).toContain('ops');
    expect(rep?.detail).toContain(missing);
  });

  it('a node down: that one unknown, the others audited', async () => {
    const down = cluster.nodes[4]!;
    await down.kill();
    try {
      const report = await audit(spec(), CPW);
      const id = `127.0.0.1:${down.port}`;
      const node = report.nodes.find((n) => n.node === id);
      expect(node?.unreachable).toBeDefined();
      expect(node?.results.every((r) => r.status === 'unknown')).toBe(true);
      const others = report.nodes.filter((n) => n.node !== id);
      expect(others.length).toBeGreaterThanOrEqual(5);
      for (const n of others) expect(n.unreachable, n.node).toBeUndefined();
    } finally {
      await down.restart();
    }
  }, 60_000);
});
