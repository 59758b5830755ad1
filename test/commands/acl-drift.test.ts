// `acl drift` on one server: nothing to compare, exit 0, in text and JSON (a cron job can run
// the same command whether the target is one server or a cluster).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { cli } from './acl-cli.js';

describe('acl drift on one server', () => {
  let server: RedisHandle;
  beforeAll(async () => {
    server = await startRedis({
      aclUsers: ['user default on nopass ~* &* +@all', 'user app on >app-pw ~app:* +get'],
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('exit 0, nothing to compare', async () => {
    const r = await cli(['acl', 'drift', '-p', String(server.port)]);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      0,
      'No drift: one node (2 users), nothing to compare.\n',
      '',
    ]);
    const j = await cli(['acl', 'drift', '--json', '-p', String(server.port)]);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual({ nodes: [`127.0.0.1:${server.port}`], unreadable: [], drift: [] });
  });
});
