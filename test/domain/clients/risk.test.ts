// Client highlights: each rule, what keeps a rule quiet, badge widths, severities.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNetworks } from '../../../src/domain/clients/cidr.js';
import { displayWidth } from '../../../src/domain/display.js';
import {
  ADMIN_COMMANDS,
  clientRisks,
  commandClass,
  DANGEROUS_COMMANDS,
  worstSeverity,
} from '../../../src/domain/clients/risk.js';
import type { ClientRisk, RiskContext } from '../../../src/domain/clients/risk.js';
import type { ClientInfo } from '../../../src/domain/clients/types.js';
import { arbClient, client } from './fixture.js';

const users = new Map([
  ['app', { enabled: true, admin: false }],
  ['ops', { enabled: true, admin: true }],
  ['old', { enabled: false, admin: false }],
  ['default', { enabled: false, admin: true }],
]);
const ctx: RiskContext = { self: new Map([['127.0.0.1:6379', '99']]), users };
const ids = (c: ClientInfo, context: RiskContext = ctx) => clientRisks(c, context).map((r) => r.id);

describe('clientRisks', () => {
  it('flags nothing on an ordinary client', () => {
    expect(ids(client())).toEqual([]);
  });

  it('self: the console connection on its node only', () => {
    expect(ids(client({ id: '99', cmd: 'client|list' }))).toEqual(['self']);
    expect(ids(client({ id: '99', node: 'other:6379' }))).toEqual([]);
  });

  it('no-user and user-off when the users are known; nothing when they are not', () => {
    expect(ids(client({ user: 'gone' }))).toEqual(['no-user']);
    expect(ids(client({ user: 'old' }))).toEqual(['user-off']);
    expect(ids(client({ user: 'gone' }), { self: new Map() })).toEqual([]);
    expect(ids(client({ user: 'old' }), { self: new Map() })).toEqual([]);
  });

  it('does not call a connection that never authenticated "on a disabled default user"', () => {
    expect(ids(client({ user: 'default', cmd: 'auth' }))).toEqual([]);
    expect(ids(client({ user: 'default', cmd: 'NULL' }))).toEqual([]);
    expect(ids(client({ user: 'default', cmd: 'get' }))).toEqual(['user-off']);
  });

  it('a master link has no user ("(superuser)"): not a deleted user', () => {
    expect(ids(client({ user: '(superuser)', flags: 'M', cmd: 'flushall' }))).toEqual(['replication']);
    expect(ids(client({ user: '(superuser)', flags: 'N' }))).toEqual(['no-user']);
  });

  it('dangerous and admin commands, one of them per client, dangerous first', () => {
    for (const cmd of [
      'flushall',
      'FLUSHDB',
      'config|set',
      'acl|setuser',
      'module|load',
      'debug|sleep',
      'cluster|forget',
      'monitor',
    ])
      expect(ids(client({ cmd }))).toEqual(['dangerous-cmd']);
    for (const cmd of [
      'config|get',
      'acl|list',
      'acl|log',
      'eval',
      'evalsha_ro',
      'fcall',
      'script|load',
      'keys',
      'bgsave',
      'client|kill',
      'cluster|countkeysinslot',
    ])
      expect(ids(client({ cmd }))).toEqual(['admin-cmd']);
    for (const cmd of ['get', 'client|list', 'acl|whoami', 'cluster|slots', 'NULL', '', 'info'])
      expect(ids(client({ cmd }))).toEqual([]);
    expect(commandClass('cluster|addslots')).toBe('dangerous');
  });

  it('keeps the command lists disjoint', () => {
    for (const c of DANGEROUS_COMMANDS) expect(ADMIN_COMMANDS.has(c)).toBe(false);
  });

  it('outside-net only with networks, only for IPs outside all of them', () => {
    const networks = parseNetworks(['10.0.0.0/8', 'fd00::/8']);
    const withNets = { ...ctx, networks };
    expect(ids(client({ addr: '192.168.1.1:5000' }), withNets)).toEqual(['outside-net']);
    expect(ids(client({ addr: '10.9.9.9:5000' }), withNets)).toEqual([]);
    expect(ids(client({ addr: '[fd00::1]:5000' }), withNets)).toEqual([]);
    expect(ids(client({ addr: '[::ffff:10.0.0.1]:5000' }), withNets)).toEqual([]);
    expect(ids(client({ addr: '/tmp/redis.sock:0', flags: 'U' }), withNets)).toEqual([]);
    expect(ids(client({ addr: '192.168.1.1:5000' }), { ...ctx, networks: [] })).toEqual([]);
  });

  it('idle-admin: an admin user or an admin command, idle past the threshold', () => {
    expect(ids(client({ user: 'ops', idle: 3600 }))).toEqual(['idle-admin']);
    expect(ids(client({ user: 'ops', idle: 3599 }))).toEqual([]);
    expect(ids(client({ user: 'app', idle: 7200, cmd: 'config|get' }))).toEqual(['admin-cmd', 'idle-admin']);
    expect(ids(client({ user: 'app', idle: 7200 }))).toEqual([]);
    expect(ids(client({ user: 'ops', idle: 60 }), { ...ctx, idleAdminSecs: 60 })).toEqual(['idle-admin']);
    // Without the user list only the command can tell.
    expect(ids(client({ user: 'ops', idle: 9999 }), { self: new Map() })).toEqual([]);
  });

  it('replication links: info, and their replicated commands are not theirs', () => {
    expect(ids(client({ flags: 'S', user: 'app', cmd: 'replconf' }))).toEqual(['replication']);
    expect(ids(client({ flags: 'M', user: '(superuser)', cmd: 'config|set', idle: 99999 }))).toEqual([
      'replication',
    ]);
  });

  it('orders several risks by severity, with short badges and one-sentence details', () => {
    const networks = parseNetworks(['10.0.0.0/8']);
    const risks = clientRisks(
      client({ id: '99', user: 'old', cmd: 'flushall', addr: '8.8.8.8:1', idle: 99999 }),
      {
        ...ctx,
        networks,
      },
    );
    expect(risks.map((r) => r.id)).toEqual([
      'user-off',
      'dangerous-cmd',
      'outside-net',
      'idle-admin',
      'self',
    ]);
    expect(risks.map((r) => r.severity)).toEqual(['high', 'high', 'medium', 'medium', 'info']);
    for (const r of risks) {
      expect(displayWidth(r.badge)).toBeLessThanOrEqual(8);
      expect(r.detail).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('never throws and keeps badges within 8 cells on any client', () => {
    const networks = parseNetworks(['10.0.0.0/8']);
    fc.assert(
      fc.property(arbClient, (c) => {
        for (const context of [ctx, { self: new Map() }, { ...ctx, networks, idleAdminSecs: 0 }]) {
          const risks = clientRisks(c, context);
          expect(new Set(risks.map((r) => r.id)).size).toBe(risks.length);
          expect(
            risks.filter((r) => r.id === 'dangerous-cmd' || r.id === 'admin-cmd').length,
          ).toBeLessThanOrEqual(1);
          for (const r of risks) expect(displayWidth(r.badge)).toBeLessThanOrEqual(8);
        }
      }),
    );
  });
});

describe('worstSeverity', () => {
  const r = (severity: ClientRisk['severity']): ClientRisk => ({
    id: 'self',
    badge: 'x',
    severity,
    detail: 'x.',
  });
  it('picks high over medium over info; undefined when empty', () => {
    expect(worstSeverity([])).toBeUndefined();
    expect(worstSeverity([r('info')])).toBe('info');
    expect(worstSeverity([r('info'), r('medium')])).toBe('medium');
    expect(worstSeverity([r('medium'), r('high'), r('info')])).toBe('high');
  });
});
