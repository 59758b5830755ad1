// runAudit: the one audit the pane and `redis-warden audit` share, against a real server: what
// it reads is judged with the shipped CVE table and the bundled common-password list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/ops/audit.js';
import { Target } from '../../src/redis/target.js';
import type { ConnectionSpec } from '../../src/profiles/schema.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';

let server: RedisHandle;
beforeAll(async () => {
  server = await startRedis({
    aclUsers: ['user default on nopass ~* &* +@all', 'user app on >trustno1 ~* &* +@all'],
    extraConfig: ['protected-mode no'],
  });
});
afterAll(() => server.stop());

describe('runAudit on an insecure server', () => {
  it('reaches no level, names the open default, the weak password and the app user with FLUSHALL', async () => {
    const spec: ConnectionSpec = { host: server.host, port: server.port };
    const target = new Target({ spec, heartbeatMs: 0 });
    target.start();
    try {
      const report = await runAudit(target, { spec, timeoutMs: 3000 });
      expect(report.reached).toBe('none');
      expect(report.passwordList.count).toBeGreaterThanOrEqual(10_000);
      const failed = (id: string) => report.nodes[0]?.results.find((r) => r.id === id);
      expect(failed('AUTH-001')?.status).toBe('fail');
      const weak = report.nodes[0]?.results.find(
        (r) => r.status === 'fail' && r.subjects?.includes('app') && /weak|common/i.test(r.title),
      );
      expect(weak, 'the weak password of app').toBeDefined();
      // The finding names the user, never the password it found.
      expect(JSON.stringify(report)).not.toContain('trustno1');
      const cmd = report.nodes[0]?.results.find((r) => r.id === 'CMD-001');
      expect(cmd?.status).toBe('fail');
      expect(cmd?.detail).toMatch(/app/);
    } finally {
      await target.close();
    }
  });
});
