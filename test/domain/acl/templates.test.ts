import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACL_TEMPLATES } from '../../../src/domain/acl/templates.js';
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
  it('holds the guide’s four users and the two console users, with unique ids', () => {
    expect(ACL_TEMPLATES.map((t) => t.id)).toEqual([
      'app',
      'readonly',
      'admin',
      'replication',
      'warden-monitor',
      'warden-admin',
    ]);
    const byId = new Map(ACL_TEMPLATES.map((t) => [t.id, t]));
    expect(byId.get('app')?.rules).toBe('on ~app:* +@read +@write -@dangerous');
    expect(byId.get('readonly')?.rules).toBe('on ~* +@read -@write -@admin');
    expect(byId.get('admin')?.rules).toBe('on ~* &* +@all');
    expect(byId.get('replication')?.rules).toBe('on +psync +replconf +ping');
    expect(byId.get('warden-monitor')?.description).toContain('+acl|log also allows ACL LOG RESET');
    expect(byId.get('warden-monitor')?.description).toContain(
      '+cluster|slots +cluster|info +cluster|nodes +cluster|shards',
    );
    expect(byId.get('warden-admin')?.description).toContain('acl|setuser is equivalent to full admin');
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
