// `acl apply` through a proxy that breaks the link at the worst moment: after a write reached
// the server and before its reply. What ran is never reported as failed, a stuck node gets no
// more writes, and the whole command stays within its one time bound.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { startProxy } from '../support/proxy.js';
import type { ProxyHandle } from '../support/proxy.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { aclList, cli, scratch } from './acl-cli.js';

const admin = { REDISCLI_AUTH: 'adm-pw-123' };
const auth = { username: 'admin', password: 'adm-pw-123' };
const ADMIN = 'user admin on >adm-pw-123 ~* &* +@all';

let server: RedisHandle;
let proxy: ProxyHandle;
let xdg: XdgDirs;
let files: ReturnType<typeof scratch>;

const journal = (): { action: string; outcome?: string; args?: unknown[] }[] => {
  try {
    return readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; outcome?: string; args?: unknown[] });
  } catch {
    return [];
  }
};
const users = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `user ${prefix}${String(i + 1).padStart(2, '0')} on nopass ~k:* +get`);
const setusers = () => proxy.seen.filter((c) => /^ACL SETUSER/i.test(c));

beforeAll(async () => {
  xdg = tempXdg();
  files = scratch();
  server = await startRedis({ aclUsers: ['user default off', ADMIN] });
});
afterEach(async () => {
  await proxy.close();
});
afterAll(async () => {
  await server.stop();
  files.cleanup();
  xdg.cleanup();
});

describe('acl apply when the link breaks', () => {
  it('a reset after ACL SETUSER reached the server: outcome unknown (journaled so), counted apart, and the re-read shows it ran', async () => {
    proxy = await startProxy({ port: server.port });
    proxy.fault(/^ACL SETUSER r03 /i, { kind: 'reset' });
    const file = files.file('reset.acl', ['user default off', ADMIN, ...users('r', 3)]);
    const r = await cli(['acl', 'apply', file, '--yes', '-p', String(proxy.port), '--user', 'admin'], admin);
    expect(r.stdout).toContain('created r01: ok on 1/1 node');
    expect(r.stdout).toMatch(/created r03: UNKNOWN on 0\/1 node\n {4}127\.0\.0\.1:\d+: outcome UNKNOWN/);
    expect(r.stdout).not.toMatch(/FAILED|max retries/i);
    // The re-read (after the node reconnected) finds the server matching the file: it ran,
    // said as found by the re-read, not as confirmed by a reply; and that is success.
    expect(r.stdout).toContain(
      'Applied 2 changes (and 1 whose reply was lost, in effect on re-read); the server now matches',
    );
    expect(r.stdout).toContain(
      'Also: 1 change with an unknown outcome (the reply was lost): r03: in effect on re-read (outcome of the command unknown).',
    );
    expect(r.code).toBe(0);
    const entry = journal().find((e) => JSON.stringify(e.args).includes('r03'));
    expect(entry?.outcome).toBe('unknown');
    expect(await aclList(server.port, auth)).toContain(
      'user r03 on nopass sanitize-payload ~k:* resetchannels -@all +get',
    );
  });

  it('a node that stops answering gets one timeout, not thirty: the rest are not attempted, and the node is re-read', async () => {
    proxy = await startProxy({ port: server.port });
    proxy.fault(/^ACL SETUSER t01 /i, { kind: 'hold' });
    const file = files.file('hold.acl', ['user default off', ADMIN, ...users('t', 30)]);
    const r = await cli(
      ['acl', 'apply', file, '--yes', '-p', String(proxy.port), '--user', 'admin', '--timeout', '4000'],
      admin,
    );
    expect(r.stdout).toMatch(/created t01: UNKNOWN on 0\/1 node\n.*TIMEOUT/);
    expect(r.stdout.match(/: NOT ATTEMPTED on 0\/1 node/g)).toHaveLength(29);
    expect(r.stdout).toContain(
      'Also: 1 change with an unknown outcome (the reply was lost): t01: in effect on re-read (outcome of the command unknown); 29 not attempted',
    );
    // Only the first write was ever sent; the re-read came on a fresh link and saw it ran.
    expect(setusers()).toHaveLength(1);
    expect(r.stdout).toMatch(
      /still different from [^\n]*:\n {2}127\.0\.0\.1:\d+: t02 \(missing\), t03 \(missing\)/,
    );
    expect(r.stdout).not.toMatch(/t01 \(missing\)/);
    expect(r.code).toBe(1);
    expect(
      journal()
        .filter((e) => JSON.stringify(e.args).includes('t0'))
        .map((e) => e.outcome),
    ).toEqual(['unknown']);
  });

  it('a node that never comes back: "not re-read", its state unknown (never "the re-read shows"), within the time bound', async () => {
    proxy = await startProxy({ port: server.port });
    proxy.fault(/^ACL SETUSER s02 /i, { kind: 'stick' });
    const file = files.file('stick.acl', ['user default off', ADMIN, ...users('s', 3)]);
    const t0 = Date.now();
    const r = await cli(
      ['acl', 'apply', file, '--yes', '-p', String(proxy.port), '--user', 'admin', '--timeout', '3000'],
      admin,
    );
    const took = Date.now() - t0;
    const gone = 'not re-read: the node did not come back within the time bound; its state is unknown';
    expect(r.stdout).toMatch(new RegExp(`not checked:\\n {2}127\\.0\\.0\\.1:\\d+: ${gone}`));
    expect(r.stdout).toContain(
      `Also: 1 change with an unknown outcome (the reply was lost): s02: ${gone}; 1 not attempted`,
    );
    expect(r.stdout).not.toMatch(/re-read above shows|in effect on re-read/);
    expect(r.code).toBe(1);
    // The bound counts from the process's start; a small margin for the process to exit.
    expect(took).toBeLessThan(3000 + 250);
  });
});
