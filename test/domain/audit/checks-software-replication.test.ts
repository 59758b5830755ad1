// Software and replication checks, each pass / fail / unknown from hand-made facts.
import { describe, expect, it } from 'vitest';
import { checkById } from '../../../src/domain/audit/catalogue.js';
import { CVE_TABLE } from '../../../src/domain/audit/data.js';
import type { AuditUser, CveTable, NodeFacts } from '../../../src/domain/audit/types.js';
import { ctx, dry, hardened, insecure, noperm, ok, run, user } from './fixtures.js';

const version = (v: string, extra: Record<string, string> = {}) =>
  ok({ server: { redis_version: v, ...extra }, replication: { role: 'master' } });

describe('SW-001 a critical CVE reachable without authentication (Basic)', () => {
  it('7.0.15 answering without AUTH fails Basic with RediShell; behind AUTH it passes', () => {
    const r = run('SW-001', insecure());
    expect(r.status).toBe('fail');
    expect(r.subjects).toContain('CVE-2025-49844');
    expect(r.fix?.text).toContain('-@scripting');
    expect(run('SW-001', insecure({ unauthenticated: ok('noauth') })).status).toBe('pass');
    expect(run('SW-001', hardened()).status).toBe('pass');
  });

  it('unknown when whether the node asks for a password is unknown; unknown naming +info when INFO is refused', () => {
    expect(run('SW-001', insecure({ unauthenticated: { ok: false, error: 'timeout' } })).status).toBe(
      'unknown',
    );
    expect(run('SW-001', hardened({ info: noperm('+info') })).unknown?.grant).toBe('+info');
  });
});

describe('SW-002 open CVEs (High)', () => {
  it('7.4.1 fails naming CVEs with their fix versions and the one release that fixes all; 7.4.9 passes', () => {
    const r = run('SW-002', hardened({ info: version('7.4.1') }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('CVE-2025-49844 (critical 10; fixed in 7.4.6)');
    expect(r.fix?.text).toMatch(/^Upgrade redis 7.4.1 to 7.4.9 or later;/);
    // 7.0 has no fix at all; 7.2 lacks CVE-2026-25243's: the lowest release fixing all is 7.4.9.
    expect(run('SW-002', insecure()).fix?.text).toMatch(
      /^Upgrade redis 7.0.15 to 7.4.9 or later \(the 7.0 line has no fix/,
    );
    expect(run('SW-001', insecure()).fix?.text).toMatch(/^Upgrade redis 7.0.15 to 7.2.11 or later/);
    expect(run('SW-002', hardened()).status).toBe('pass');
  });

  it('the Lua CVEs are mitigated (a warn) when no enabled user can run EVAL', () => {
    const luaOnly: CveTable = { ...CVE_TABLE, cves: CVE_TABLE.cves.filter((c) => c.scripting) };
    const node = hardened({ info: version('7.4.5') });
    // admin may run Lua: not mitigated.
    expect(run('SW-002', node, ctx({ cves: luaOnly })).status).toBe('fail');
    const noLua = {
      ...node,
      dryrun: ok({
        admin: { ...dry(true), EVAL: { denied: 'no' } },
        app: dry(false),
        replication: dry(false),
        default: dry(true),
      }),
    };
    const r = run('SW-002', noLua, ctx({ cves: luaOnly }));
    expect(r.status).toBe('warn');
    expect(r.detail).toContain('mitigated');
  });

  it('Valkey is judged by its own table, never as Redis 7.2.4', () => {
    const valkey = hardened({ info: version('7.2.4', { server_name: 'valkey', valkey_version: '8.0.1' }) });
    const r = run('SW-002', valkey);
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('fixed in 8.0.6');
    expect(r.detail).not.toContain('7.2.11');
    const noData = run('SW-002', valkey, ctx({ cves: { ...CVE_TABLE, valkey: undefined } }));
    expect(noData.status).toBe('warn');
    expect(noData.detail).toContain('not judged');
  });
});

describe('SW-003 end-of-life lines, SW-004 modules', () => {
  it('7.0.15 fails, 7.2.13 warns, 7.4.9 passes', () => {
    expect(run('SW-003', insecure()).status).toBe('fail');
    expect(run('SW-003', hardened({ info: version('7.2.13') })).status).toBe('warn');
    expect(run('SW-003', hardened()).status).toBe('pass');
  });

  it('modules are listed with their paths; a rogue-master payload fails; NOPERM names +module|list', () => {
    expect(run('SW-004', hardened()).status).toBe('pass');
    const ok_ = run(
      'SW-004',
      hardened({
        modules: ok([{ name: 'search', version: '20811', path: '/usr/lib/redis/modules/redisearch.so' }]),
      }),
    );
    expect(ok_.status).toBe('warn');
    expect(ok_.evidence[0]?.value).toContain('/usr/lib/redis/modules/redisearch.so');
    const rogue = run('SW-004', hardened({ modules: ok([{ name: 'system', path: '/tmp/exp.so' }]) }));
    expect(rogue.status).toBe('fail');
    expect(rogue.fix?.commands).toEqual(['MODULE UNLOAD system']);
    expect(run('SW-004', hardened({ modules: noperm('+module|list') })).unknown?.grant).toBe('+module|list');
  });
});

describe('REP-001..003 replication', () => {
  const replica = (master: string, extra: Record<string, string> = {}): NodeFacts =>
    hardened({
      info: ok({
        server: { redis_version: '7.4.9' },
        replication: {
          role: 'slave',
          master_host: master.split(':')[0]!,
          master_port: master.split(':')[1]!,
          master_link_status: 'up',
          ...extra,
        },
      }),
    });

  it('a replica of a node of the target passes; of a stranger fails', () => {
    expect(run('REP-001', replica('127.0.0.1:7000'), ctx({ knownNodes: ['127.0.0.1:7000'] })).status).toBe(
      'pass',
    );
    const r = run('REP-001', replica('6.6.6.6:21000'), ctx({ knownNodes: ['127.0.0.1:7000'] }));
    expect(r.status).toBe('fail');
    expect(r.subjects).toEqual(['6.6.6.6:21000']);
    expect(run('REP-001', replica('10.0.0.9:6379'), ctx({ expectedMasters: ['10.0.0.9:6379'] })).status).toBe(
      'pass',
    );
    expect(run('REP-001', hardened()).status).toBe('pass');
  });

  it('replica-read-only no: fail on a replica, warn on a master, online fix', () => {
    const conf = (f: NodeFacts) => ({
      ...f,
      config: ok({ ...(f.config.ok ? f.config.value : {}), 'replica-read-only': 'no' }),
    });
    const r = run('REP-002', conf(replica('127.0.0.1:7000')));
    expect(r.status).toBe('fail');
    expect(r.fix?.online?.[0]?.action).toBe('config.set');
    expect(run('REP-002', conf(hardened())).status).toBe('warn');
    expect(run('REP-002', hardened()).status).toBe('pass');
  });

  it('masterauth: a replica whose link is down without it fails; masterauth is never shown', () => {
    expect(run('REP-003', replica('127.0.0.1:7000', { master_link_status: 'down' })).status).toBe('fail');
    const withAuth = { ...replica('127.0.0.1:7000'), masterauth: ok({ set: true, length: 40 }) };
    const r = run('REP-003', withAuth);
    expect(r.status).toBe('pass');
    expect(r.evidence[1]?.value).toBe('masteruser=(none) masterauth=set');
    expect(run('REP-003', hardened({ masterauth: noperm('+config|get') })).unknown?.grant).toBe(
      '+config|get',
    );
    expect(run('REP-003', hardened(), ctx({ cluster: true })).status).toBe('warn');
  });
});

describe('REP-004 ACL users the same on every node (cluster-wide)', () => {
  const all = checkById('REP-004')!.checkAll!;
  const node = (n: number, users = hardened().users) => hardened({ node: `127.0.0.1:${7000 + n}`, users });

  it('a user missing on one replica is named with its node', () => {
    const users = hardened().users;
    const base: AuditUser[] = users.ok ? users.value : [];
    const nodes = [0, 1, 2, 3, 4]
      .map((n) => node(n))
      .concat(node(5, ok(base.filter((u) => u.name !== 'app'))));
    const r = all(nodes, ctx());
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('app missing on 127.0.0.1:7005');
  });

  it('a user that differs (another password) is named; the hashes never show', () => {
    const nodes = [node(0), node(1, ok([user('app', { password: 'another-long-password-000000000000' })]))];
    const r = all(nodes, ctx());
    expect(r.detail).toContain('app differs');
    expect(JSON.stringify(r)).not.toMatch(/[0-9a-f]{64}/);
  });

  it('the same everywhere passes; a node down is skipped and said; NOPERM is unknown with its grant', () => {
    expect(all([node(0), node(1), node(2)], ctx()).status).toBe('pass');
    const down = { ...node(2), reachable: { ok: false as const, error: 'connect ECONNREFUSED' } };
    const r = all([node(0), node(1), down], ctx());
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('127.0.0.1:7002 not reached');
    expect(all([node(0), node(1, noperm('+acl|list'))], ctx()).unknown?.grant).toBe('+acl|list');
  });
});
