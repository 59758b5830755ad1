// A replica made to follow a second, "rogue" redis-server (issue 16): the target is the replica
// alone, so its master is outside the target. `incident start` finds it (replication.rogue-master)
// and `incident contain` runs its REPLICAOF NO ONE: the server says role:master after.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { until } from '../helpers/until.js';
import { cli } from './acl-cli.js';

let rogue: RedisHandle;
let replica: RedisHandle;
let b: Redis;
let xdg: XdgDirs;

beforeAll(async () => {
  xdg = tempXdg();
  [rogue, replica] = await Promise.all([startRedis(), startRedis()]);
  b = new Redis({ host: replica.host, port: replica.port });
  await b.call('REPLICAOF', rogue.host, String(rogue.port));
  await until(async () => /master_link_status:up/.test(await b.info('replication')), 'B follows A', 10_000);
});
afterAll(async () => {
  b?.disconnect();
  await Promise.all([rogue?.stop(), replica?.stop()]);
  xdg.cleanup();
});

const run = (args: string[]) =>
  cli(['incident', ...args, '-p', String(replica.port)], {
    XDG_CONFIG_HOME: xdg.config,
    XDG_STATE_HOME: xdg.state,
  });

describe('a replica following a rogue master', () => {
  it('is found and contained with REPLICAOF NO ONE', async () => {
    const start = await run(['start', '--json']);
    expect(start.code, start.stderr).toBe(1);
    const doc = JSON.parse(start.stdout) as { incident: string; findings: { kind: string; title: string }[] };
    const rogueFinding = doc.findings.find((f) => f.kind === 'replication.rogue-master');
    expect(rogueFinding?.title).toContain(String(rogue.port));
    const list = await run(['contain', doc.incident]);
    const key = /^(\S+) {2}TODO {2}REPLICAOF NO ONE/m.exec(list.stdout)?.[1];
    expect(key, list.stdout).toBeDefined();
    const r = await run(['contain', doc.incident, key!, '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await b.info('replication')).toMatch(/role:master/);
    const report = await cli(['incident', 'report', doc.incident], {
      XDG_CONFIG_HOME: xdg.config,
      XDG_STATE_HOME: xdg.state,
    });
    expect(report.stdout).toMatch(/replication\.stop .*: ok/);
  });
});
