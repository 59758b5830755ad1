// Every online fix a check can offer is an operation of the table: `{ id: action, params }`
// parses with parseOperation (the exact shape the specs validate), so the Audit pane's `f`
// and applyFix never meet a fix they cannot run. The facts are made to fail every check that
// has an online fix: the insecure and hardened fixtures, each with and without a config file
// and an aclfile, and with the settings those checks judge pushed the wrong way.
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/domain/audit/catalogue.js';
import { PANE_NEEDS } from '../../src/domain/pane-needs.js';
import { AUDITOR_GRANTS } from '../../src/redis/auditor-grants.js';
import type { NodeFacts, OnlineFix } from '../../src/domain/audit/types.js';
import { fixOperations } from '../../src/ops/audit.js';
import { parseOperation } from '../../src/ops/operations/run.js';
import { refusedSetting } from '../../src/ops/operations/config-specs.js';
import { OperationError } from '../../src/ops/operations/check.js';
import { ctx, dry, hardened, insecure, ok, user, withConf } from '../domain/audit/fixtures.js';

const bad = {
  'acl-pubsub-default': 'allchannels',
  'acllog-max-len': '128',
  'slowlog-log-slower-than': '-1',
  maxclients: '0',
  timeout: '0',
  'client-output-buffer-limit': 'normal 0 0 0 slave 0 0 0 pubsub 0 0 0',
  maxmemory: '0',
  'proto-max-bulk-len': '4294967296',
  'client-query-buffer-limit': '4294967296',
  'replica-read-only': 'no',
  'protected-mode': 'no',
};

const withFile = (f: NodeFacts, file: string): NodeFacts => ({
  ...f,
  info: ok({
    ...(f.info.ok ? f.info.value : {}),
    server: { ...(f.info.ok ? f.info.value.server : {}), redis_version: '7.4.9', config_file: file },
  }),
});

const replica = (f: NodeFacts): NodeFacts => ({
  ...f,
  info: ok({
    ...(f.info.ok ? f.info.value : {}),
    replication: { role: 'slave', master_host: '127.0.0.1', master_port: '7001', master_link_status: 'up' },
  }),
});

const dormant = (f: NodeFacts): NodeFacts => ({
  ...f,
  users: ok([
    user('default', { enabled: false, nopass: true, commands: '+@all', channels: ['*'] }),
    user('old', { enabled: false, password: 'a-long-enough-password-000000000000001', commands: '+@all' }),
  ]),
  dryrun: ok({ default: dry(true), old: dry(true) }),
});

function variants(): NodeFacts[] {
  const bases = [
    insecure(),
    hardened(),
    dormant(hardened()),
    withConf(hardened(), bad),
    withConf(insecure(), bad),
  ];
  const out: NodeFacts[] = [];
  for (const b of bases)
    for (const file of ['', '/etc/redis/redis.conf'])
      for (const aclfile of ['', '/etc/redis/users.acl']) {
        const f = withConf(withFile(b, file), { aclfile });
        out.push(f, replica(f));
      }
  return out;
}

function everyOnlineFix(): { check: string; fix: OnlineFix }[] {
  const found: { check: string; fix: OnlineFix }[] = [];
  for (const consoleUser of ['admin', 'default'])
    for (const facts of variants())
      for (const def of CHECKS) {
        const finding = def.check?.(facts, ctx({ consoleUser }));
        for (const fix of finding?.fix?.online ?? []) found.push({ check: def.id, fix });
      }
  return found;
}

describe('audit fixes are operations', () => {
  const fixes = everyOnlineFix();

  it('finds online fixes of every kind the domain makes', () => {
    const kinds = new Set(fixes.map((f) => f.fix.action));
    expect([...kinds].sort()).toEqual(['acl.save', 'acl.setuser', 'config.rewrite', 'config.set']);
    // Every check that offers an online fix somewhere is reached by these facts.
    expect(new Set(fixes.map((f) => f.check)).size).toBeGreaterThanOrEqual(10);
  });

  it('each one parses with parseOperation, on the one node it is about', () => {
    for (const { check, fix } of fixes) {
      const op = parseOperation({ id: fix.action, params: fix.params });
      expect(op.id, check).toBe(fix.action);
      expect((op.params as { node?: string }).node, check).toBe(fix.params.node);
      expect(fix.params.node, check).toMatch(/^127\.0\.0\.1:700[12]$/);
    }
  });

  it('fixOperations turns a finding into those operations, in order', () => {
    const f = CHECKS.find((c) => c.id === 'NET-001')!.check!(withFile(insecure(), '/etc/redis.conf'), ctx());
    expect(fixOperations(f).map((o) => o.id)).toEqual(['config.set', 'config.rewrite']);
    expect(fixOperations({})).toEqual([]);
  });

  it('config.set refuses secrets and what could lock the console out', () => {
    for (const name of [
      'requirepass',
      'masterauth',
      'masteruser',
      'bind',
      'port',
      'tls-port',
      'tls-auth-clients',
      'dir',
      'dbfilename',
      'unixsocketperm',
    ])
      expect(() =>
        parseOperation({ id: 'config.set', params: { node: '127.0.0.1:7001', name, value: 'x' } }),
      ).toThrow(OperationError);
    expect(refusedSetting('protected-mode')).toBeUndefined();
    expect(refusedSetting('acllog-max-len')).toBeUndefined();
  });
});

describe("the Audit pane's permissions", () => {
  it('read exactly what the auditor is granted (AUDITOR_GRANTS, less the header and cluster ones)', () => {
    const reads = PANE_NEEDS.filter((n) => n.pane === 'Audit' && n.kind === 'read').flatMap((n) =>
      n.anyOf.map((a) => a.grant),
    );
    const header = PANE_NEEDS.filter((n) => n.pane === 'header').flatMap((n) => n.anyOf.map((a) => a.grant));
    const expected = AUDITOR_GRANTS.filter(
      (g) => g !== '+cluster|nodes' && !(header.includes(g) && g !== '+info'),
    );
    expect([...reads].sort()).toEqual([...expected].sort());
  });

  it('act with what the fixes run: CONFIG SET, ACL SETUSER (checked by GETUSER), ACL SAVE or CONFIG REWRITE', () => {
    const acts = PANE_NEEDS.filter((n) => n.pane === 'Audit' && n.kind === 'action').flatMap((n) =>
      n.anyOf.map((a) => a.grant),
    );
    expect(acts).toEqual(['+config|set', '+acl|setuser', '+acl|getuser', '+acl|save', '+config|rewrite']);
  });
});
