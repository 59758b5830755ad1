// The headless user changes when the link breaks after the write reached the server and
// before its reply: unknown (never failed), journaled so, and re-read by name once the node
// is back, as `acl apply` does. A generated password whose user may exist is still printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { startProxy } from '../support/proxy.js';
import type { ProxyHandle } from '../support/proxy.js';
import { callOnce } from '../support/resp-client.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

const admin = { REDISCLI_AUTH: 'adm-pw-123' };
const auth = { username: 'admin', password: 'adm-pw-123' };

let server: RedisHandle;
let proxy: ProxyHandle;
let xdg: XdgDirs;
const outcomes = () =>
  readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; outcome?: string; args?: string[] });
const via = () => ['-p', String(proxy.port), '--user', 'admin'];
const getUser = (name: string) =>
  callOnce({ host: server.host, port: server.port }, ['ACL', 'GETUSER', name], auth) as Promise<
    unknown[] | null
  >;

beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >adm-pw-123 ~* &* +@all',
      'user app on >app-pw ~app:* +get',
    ],
  });
});
afterEach(async () => {
  await proxy.close();
});
afterAll(async () => {
  await server.stop();
  xdg.cleanup();
});

describe('acl disable / create when the reply is lost', () => {
  it('disable: UNKNOWN, journaled unknown, and the re-read says the change is there; exit 1', async () => {
    proxy = await startProxy({ port: server.port });
    proxy.fault(/^ACL SETUSER app off/i, { kind: 'reset' });
    const r = await cli(['acl', 'disable', 'app', '--yes', ...via()], admin);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Disable user app: UNKNOWN on 0\/1 node\n {4}127\.0\.0\.1:\d+: outcome UNKNOWN/);
    expect(r.stdout).not.toMatch(/FAILED/);
    expect(r.stdout).toMatch(/127\.0\.0\.1:\d+ re-read: the change is there/);
    expect(outcomes().find((e) => e.args?.join(' ') === 'ACL SETUSER app off')?.outcome).toBe('unknown');
    expect((await getUser('app'))?.[1]).toContain('off');
  });

  it('create: a lost reply still prints the generated password, which logs in', async () => {
    proxy = await startProxy({ port: server.port });
    proxy.fault(/^ACL SETUSER bob /i, { kind: 'reset' });
    const r = await cli(['acl', 'create', 'bob', '--template', 'app', '--yes', ...via()], admin);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Create user bob: UNKNOWN on 0/1 node');
    const password = r.stdout.trim();
    expect(password).toMatch(/^[0-9a-f]{64}$/);
    const who = await callOnce({ host: server.host, port: server.port }, ['GET', 'app:1'], {
      username: 'bob',
      password,
    });
    expect(who).toBeNull();
    expect(JSON.stringify(outcomes())).not.toContain(password);
  });
});
