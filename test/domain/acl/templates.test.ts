import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACL_TEMPLATES } from '../../../src/domain/acl/templates.js';
import { AUDITOR_RULE } from '../../../src/redis/auditor-grants.js';
import {
  DANGEROUS_COMMANDS,
  TEMPLATE_CHECKS,
  deniedDangerous,
} from '../../../src/domain/acl/template-checks.js';
import { parseRules, rulesToArgs, validateAgainstServer } from '../../../src/domain/acl/rules.js';
import { startRedis } from '../../support/redis-server.js';
import type { RedisHandle } from '../../support/redis-server.js';
import { universeOf } from './server-helpers.js';

let server: RedisHandle;
let admin: Redis;
beforeAll(async () => {
  server = await startRedis({ aclUsers: ['user default on nopass ~* &* +@all'] });
  admin = new Redis({ host: server.host, port: server.port, protocol: 2 });
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

describe('ACL_TEMPLATES', () => {
  it('holds the guide’s four users and the three console users, with unique ids', () => {
    expect(ACL_TEMPLATES.map((t) => t.id)).toEqual([
      'app',
      'readonly',
      'admin',
      'replication',
      'warden-monitor',
      'warden-admin',
      'warden-auditor',
    ]);
    const byId = new Map(ACL_TEMPLATES.map((t) => [t.id, t]));
    expect(byId.get('app')?.rules).toBe('on ~app:* resetchannels +@read +@write -@dangerous -@scripting');
    expect(byId.get('readonly')?.rules).toBe('on ~* resetchannels +@read -@write -@admin -@dangerous');
    expect(byId.get('admin')?.rules).toBe('on ~* &* +@all');
    expect(byId.get('replication')?.rules).toBe('on resetchannels +psync +replconf +ping');
    expect(byId.get('warden-monitor')?.description).toContain('+acl|log also allows ACL LOG RESET');
    expect(byId.get('warden-monitor')?.description).toContain(
      '+cluster|slots +cluster|info +cluster|nodes +cluster|shards',
    );
    expect(byId.get('warden-admin')?.description).toContain('acl|setuser is equivalent to full admin');
    expect(byId.get('warden-auditor')?.rules).toBe(AUDITOR_RULE);
    expect(byId.get('warden-admin')?.rules).toBe(
      `${byId.get('warden-monitor')?.rules} +acl +client|kill +config|set +config|rewrite`,
    );
  });

  it('carry no password: every template asks for a generated one', () => {
    for (const t of ACL_TEMPLATES) {
      expect(t.needsPassword).toBe(true);
      expect(parseRules(t.rules).tokens.some((tok) => /password|hash/.test(tok.rule.kind))).toBe(false);
    }
  });

  it.each(ACL_TEMPLATES.map((t) => [t.id, t] as const))(
    '%s parses cleanly, is valid on this server and is accepted by Redis 7.0',
    async (_id, t) => {
      const parsed = parseRules(t.rules);
      expect(parsed.errors).toEqual([]);
      expect(validateAgainstServer(parsed.tokens, await universeOf(admin))).toEqual([]);
      const password = randomBytes(24).toString('base64url');
      const args = rulesToArgs(parseRules(`${t.rules} >${password}`).tokens, { hashPasswords: true });
      expect(await admin.call('ACL', ['SETUSER', t.defaultName, 'reset', ...args])).toBe('OK');
      const login = new Redis({ host: server.host, port: server.port, protocol: 2 });
      try {
        expect(await login.call('AUTH', [t.defaultName, password])).toBe('OK');
      } finally {
        login.disconnect();
      }
    },
  );
});

// Each template against ACL DRYRUN on a real server: what it must allow (its own keys, what
// its description promises), what it must refuse (the dangerous commands, keys outside its
// patterns). The admin template allows the dangerous commands on purpose: the data says so.
describe('each template does what its description says (ACL DRYRUN)', () => {
  const dryRun = async (user: string, line: string): Promise<string> =>
    String(await admin.call('ACL', ['DRYRUN', user, ...line.split(' ')]));

  it('every template has a check, and every non-admin one refuses FUNCTION FLUSH/DELETE/LOAD/RESTORE', () => {
    expect(Object.keys(TEMPLATE_CHECKS).sort()).toEqual(ACL_TEMPLATES.map((t) => t.id).sort());
    for (const t of ACL_TEMPLATES.filter((t) => t.id !== 'admin'))
      expect(deniedDangerous(TEMPLATE_CHECKS[t.id]!), t.id).toEqual(
        expect.arrayContaining(['FUNCTION FLUSH', 'FUNCTION DELETE mylib', 'FUNCTION LOAD code', 'KEYS *']),
      );
    expect(deniedDangerous(TEMPLATE_CHECKS.admin!)).toEqual([]);
    expect(DANGEROUS_COMMANDS.length).toBeGreaterThan(15);
  });

  it('the README lists every template with its rules', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    for (const t of ACL_TEMPLATES) {
      expect(readme, t.id).toContain(`| \`${t.id}\``);
      if (!t.id.startsWith('warden-')) expect(readme, t.id).toContain(`\`${t.rules}\``);
    }
  });

  it.each(ACL_TEMPLATES.map((t) => [t.id, t] as const))('%s', async (id, t) => {
    const user = `check_${id}`;
    const args = rulesToArgs(parseRules(t.rules).tokens, { hashPasswords: true });
    expect(await admin.call('ACL', ['SETUSER', user, 'reset', ...args])).toBe('OK');
    const check = TEMPLATE_CHECKS[id]!;
    const wrong: string[] = [];
    for (const line of check.allow) {
      const r = await dryRun(user, line);
      if (r !== 'OK') wrong.push(`should allow ${line}: ${r}`);
    }
    for (const line of [...deniedDangerous(check), ...check.deny]) {
      const r = await dryRun(user, line);
      if (r === 'OK') wrong.push(`should deny ${line}`);
    }
    for (const line of check.dangerousAllowed?.commands ?? []) {
      const r = await dryRun(user, line);
      if (r !== 'OK') wrong.push(`allows on purpose ${line}, but: ${r}`);
    }
    expect(wrong).toEqual([]);
  });
});
