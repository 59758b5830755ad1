// Hand-made NodeFacts for the audit's unit tests: a hardened node (the seed's ACL file, default
// off, TLS only with mTLS, a raised ACL log) and a deliberately insecure one (issue 14, "Tested
// against real servers"), plus builders for the variations each check test needs.
import { readFileSync } from 'node:fs';
import { checkById } from '../../../src/domain/audit/catalogue.js';
import { auditContext } from '../../../src/domain/audit/data.js';
import { parsePasswordList, sha256Hex } from '../../../src/domain/audit/passwords.js';
import { PROBED_COMMANDS, probeKey } from '../../../src/domain/audit/types.js';
import type {
  AuditContext,
  AuditUser,
  DryRun,
  Finding,
  NodeFacts,
  PresentedCert,
  Read,
} from '../../../src/domain/audit/types.js';

export const LIST = parsePasswordList(readFileSync('data/common-passwords.txt', 'utf8'));

export const NOW = new Date('2026-12-06T12:00:00Z');

export const ok = <T>(value: T): Read<T> => ({ ok: true, value });
export const noperm = (grant: string): Read<never> => ({
  ok: false,
  error: `NOPERM User auditor has no permissions to run the '${grant.slice(1)}' command`,
  grant,
});

export function ctx(over: Partial<AuditContext> = {}): AuditContext {
  return {
    ...auditContext({ now: NOW, target: 'test', cluster: false, admins: [], consoleUser: 'admin' }, LIST),
    ...over,
  };
}

/** An ACL LIST user: `commands` is the rule text of the root selector. */
export function user(name: string, over: Partial<AuditUser> & { password?: string } = {}): AuditUser {
  const { password, ...rest } = over;
  const passwords = password !== undefined ? [sha256Hex(password)] : (rest.passwords ?? []);
  const base: AuditUser = {
    name,
    enabled: true,
    nopass: false,
    passwords,
    keys: ['*'],
    channels: [],
    commands: '-@all',
    rules: '',
    ...rest,
  };
  base.passwords = passwords;
  base.rules ||=
    `${base.enabled ? 'on' : 'off'}${base.nopass ? ' nopass' : ''}${passwords.map(() => ' #<hash>').join('')} ${base.keys.map((k) => `~${k}`).join(' ')} ${base.channels.map((c) => `&${c}`).join(' ')} ${base.commands}`
      .replace(/\s+/g, ' ')
      .trim();
  return base;
}

/** DRYRUN answers: every probe allowed, or every probe denied. */
export function dry(allowed: boolean | readonly string[]): Record<string, DryRun> {
  const out: Record<string, DryRun> = {};
  for (const argv of PROBED_COMMANDS) {
    const key = probeKey(argv);
    const yes = typeof allowed === 'boolean' ? allowed : allowed.includes(key);
    out[key] = yes
      ? 'allowed'
      : { denied: `User has no permissions to run the '${key.toLowerCase()}' command` };
  }
  return out;
}

export function cert(over: Partial<PresentedCert> = {}): PresentedCert {
  return {
    subject: 'CN=redis-server',
    issuer: 'CN=Redis-CA',
    serial: '01',
    notBefore: '2026-06-01T00:00:00Z',
    notAfter: '2027-06-01T00:00:00Z',
    dnsNames: ['localhost', 'redis.example.com'],
    ipAddresses: ['127.0.0.1'],
    extKeyUsage: ['serverAuth', 'clientAuth'],
    chainOk: true,
    asksForClientCert: true,
    ...over,
  };
}

const ADMIN_PW = 'x'.repeat(8) + '-admin-long-random-password-0001';
const APP_PW = 'app-long-random-password-0000000000002';

/** The seed's ACL file on Redis 7.4.9, TLS only with mTLS, acllog-max-len raised. */
export function hardened(over: Partial<NodeFacts> = {}): NodeFacts {
  const users = [
    user('default', { enabled: false, nopass: true, commands: '+@all', channels: ['*'] }),
    user('admin', { password: ADMIN_PW, commands: '+@all', channels: ['*'] }),
    user('app', { password: APP_PW, keys: ['app:*'], commands: '-@all +@read +@write -@dangerous' }),
    user('replication', { password: `${APP_PW}-r`, keys: [], commands: '-@all +psync +replconf +ping' }),
  ];
  return {
    node: '127.0.0.1:7001',
    host: '127.0.0.1',
    port: 7001,
    tls: true,
    reachable: ok(true),
    info: ok({
      server: { redis_version: '7.4.9', config_file: '/etc/redis/redis.conf' },
      replication: { role: 'master', connected_slaves: '0' },
      cluster: { cluster_enabled: '0' },
    }),
    config: ok({
      'protected-mode': 'yes',
      bind: '127.0.0.1 -::1',
      port: '0',
      'tls-port': '7001',
      'tls-auth-clients': 'yes',
      'tls-protocols': 'TLSv1.2 TLSv1.3',
      'tls-replication': 'no',
      'tls-cluster': 'no',
      'cluster-enabled': 'no',
      'enable-protected-configs': 'no',
      'enable-debug-command': 'no',
      'enable-module-command': 'no',
      'acl-pubsub-default': 'resetchannels',
      aclfile: '/etc/redis/acl-users.conf',
      'acllog-max-len': '1024',
      dir: '/var/lib/redis',
      dbfilename: 'dump.rdb',
      logfile: '/var/log/redis/redis-server.log',
      'slowlog-log-slower-than': '10000',
      'slowlog-max-len': '128',
      maxclients: '10000',
      timeout: '0',
      'client-output-buffer-limit': 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60',
      maxmemory: '0',
      'proto-max-bulk-len': '536870912',
      'client-query-buffer-limit': '1073741824',
      unixsocket: '',
      unixsocketperm: '0',
      'replica-read-only': 'yes',
      masteruser: '',
    }),
    requirepass: ok({ set: false }),
    masterauth: ok({ set: false }),
    users: ok(users),
    dryrun: ok({ default: dry(true), admin: dry(true), app: dry(false), replication: dry(false) }),
    modules: ok([]),
    unauthenticated: ok('noauth'),
    certificate: ok(cert()),
    passwordChanged: {
      admin: '2026-11-01T00:00:00Z',
      app: '2026-11-01T00:00:00Z',
      replication: '2026-11-01T00:00:00Z',
    },
    ...over,
  };
}

/** default nopass, protected-mode no, bound to 0.0.0.0, an app user +@all ~* with a weak password, dir under .ssh. */
export function insecure(over: Partial<NodeFacts> = {}): NodeFacts {
  const base = hardened();
  const config = { ...(base.config.ok ? base.config.value : {}) };
  Object.assign(config, {
    'protected-mode': 'no',
    bind: '0.0.0.0',
    port: '7002',
    'tls-port': '0',
    aclfile: '',
    'acllog-max-len': '128',
    dir: '/tmp/audit-test/.ssh',
    logfile: '',
  });
  return {
    ...base,
    node: '127.0.0.1:7002',
    port: 7002,
    tls: false,
    info: ok({
      server: { redis_version: '7.0.15', config_file: '' },
      replication: { role: 'master', connected_slaves: '0' },
    }),
    config: ok(config),
    users: ok([
      user('default', { nopass: true, commands: '+@all', channels: ['*'] }),
      user('app', { password: 'password', commands: '+@all', channels: ['*'] }),
    ]),
    dryrun: ok({ default: dry(true), app: dry(true) }),
    unauthenticated: ok('open'),
    certificate: undefined,
    passwordChanged: {},
    ...over,
  };
}

/** Replaces some config settings of a node's facts. */
export function withConf(facts: NodeFacts, settings: Record<string, string>): NodeFacts {
  return { ...facts, config: ok({ ...(facts.config.ok ? facts.config.value : {}), ...settings }) };
}

/** One check of the catalogue on one node. */
export function run(id: string, facts: NodeFacts, context: AuditContext = ctx()): Finding {
  const def = checkById(id);
  if (!def?.check) throw new Error(`no per-node check ${id}`);
  return def.check(facts, context);
}
