// A least-privilege console user must not fill the server's ACL LOG with the console's own
// NOPERM entries: no INFO ready check, no CLIENT SETNAME, no CLIENT SETINFO (ioredis sends it to
// Redis 7.2+ and Valkey on every connect), no heartbeat it may not send.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Target } from '../../src/redis/target.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { letTimePass } from '../helpers/until.js';

let server: RedisHandle;
let admin: Redis;
beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >adm ~* &* +@all',
      'user monitor on >mon resetkeys resetchannels -@all +ping +info +acl|whoami +acl|log +client|list +config|get',
      'user noping on >np resetkeys resetchannels -@all +acl|whoami',
    ],
  });
  admin = new Redis({
    port: server.port,
    host: server.host,
    username: 'admin',
    password: 'adm',
    protocol: 2,
  });
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

const logFor = async (user: string) =>
  ((await admin.call('ACL', ['LOG'])) as unknown[][])
    .filter((e) => e.includes(user))
    .map((e) => Number(e[1]));

async function runFor(user: string, password: string, ms: number) {
  const t = new Target({ spec: { host: server.host, port: server.port, user }, password, heartbeatMs: 50 });
  t.start();
  // Running for a while (heartbeats every 50 ms) is the scenario: what it asks over that time.
  await letTimePass(ms);
  const status = t.status().nodes[0];
  await t.close();
  return status;
}

describe('least-privilege console user', () => {
  it('the monitor user of the README connects with no ACL LOG entry at all', async () => {
    await admin.call('ACL', ['LOG', 'RESET']);
    const s = await runFor('monitor', 'mon', 600);
    expect(s).toMatchObject({ state: 'ready', whoami: 'monitor' });
    expect(s?.error).toBeUndefined();
    expect(await logFor('monitor')).toEqual([]);
  });

  it('a user without +ping: one NOPERM per connect, not one per heartbeat', async () => {
    await admin.call('ACL', ['LOG', 'RESET']);
    const s = await runFor('noping', 'np', 800);
    expect(s?.state).toBe('ready');
    const counts = await logFor('noping');
    // PING and INFO each denied once at connect; 15 heartbeats later, still once each.
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2);
  });
});
