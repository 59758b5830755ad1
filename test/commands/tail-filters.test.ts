// `redis-warden tail` filters on a real server: --username, --reason, --node, --since (on
// history from the capture as on the server's events), and usage errors before connecting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AclLogEvent } from '../../src/domain/acl-log/types.js';
import { captureWriter } from '../../src/journal/capture.js';
import { join } from 'node:path';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';
import { asUser, failAuth, freshState, TAIL_USERS } from './tail-cli.js';

let server: RedisHandle;
let xdg: XdgDirs;
let state: ReturnType<typeof freshState>;
const node = () => `127.0.0.1:${server.port}`;
const tail = (args: string[]) =>
  cli(['tail', '--json', '-p', String(server.port), '--user', 'admin', ...args], {
    REDISCLI_AUTH: 'adm-pw-123',
    ...state.env,
  });
const events = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { object: string; username: string; reason: string; history: boolean });
const DAY = 86_400_000;

// An event the capture holds from two days ago (the server's log no longer does).
function oldCaptured(): void {
  const ev: AclLogEvent = {
    node: node(),
    key: 'old-entry',
    reason: 'key',
    context: 'toplevel',
    object: 'secret:two-days-ago',
    username: 'lim',
    clientInfo: 'id=1 addr=10.0.0.9:5555 cmd=get user=lim',
    client: { id: '1', addr: '10.0.0.9:5555', cmd: 'get', user: 'lim' },
    count: 3,
    firstSeen: Date.now() - 2 * DAY - 60_000,
    lastSeen: Date.now() - 2 * DAY,
  };
  // The profile name is the address when no profile is used, as in the TUI.
  captureWriter(node(), node(), { dir: join(state.dir, 'redis-warden') }).append({ type: 'event', ...ev });
}

beforeAll(async () => {
  xdg = tempXdg();
  state = freshState();
  server = await startRedis({ aclUsers: TAIL_USERS });
  oldCaptured();
  await failAuth(server.port, 'filter-intruder');
  await asUser(server.port, 'lim', 'lim-pw-456', [['FLUSHALL'], ['GET', 'secret:filter']]);
});
afterAll(async () => {
  await server?.stop();
  state.cleanup();
  xdg.cleanup();
});

describe('tail filters', () => {
  it('without filters: the captured event as history, then the server log', async () => {
    const r = await tail([]);
    expect(r.code).toBe(0);
    const objects = events(r.stdout).map((e) => e.object);
    expect(objects).toEqual(['secret:two-days-ago', 'AUTH', 'flushall', 'secret:filter']);
  });

  it('--reason and --username, on history and server events alike', async () => {
    expect(events((await tail(['--reason', 'auth'])).stdout).map((e) => e.username)).toEqual([
      'filter-intruder',
    ]);
    const key = events((await tail(['--reason', 'key'])).stdout);
    expect(key.map((e) => e.object)).toEqual(['secret:two-days-ago', 'secret:filter']);
    expect(key[0]!.history).toBe(true);
    const lim = events((await tail(['--username', 'lim'])).stdout);
    expect(lim.map((e) => e.object)).toEqual(['secret:two-days-ago', 'flushall', 'secret:filter']);
    expect(events((await tail(['--username', 'nobody'])).stdout)).toEqual([]);
  });

  it('--since keeps what was seen within the window; --node by id', async () => {
    const recent = events((await tail(['--since', '1h'])).stdout).map((e) => e.object);
    expect(recent).toEqual(['AUTH', 'flushall', 'secret:filter']);
    expect(events((await tail(['--since', '3d'])).stdout)).toHaveLength(4);
    expect(events((await tail(['--since', '1d12h'])).stdout)).toHaveLength(3);
    expect(events((await tail(['--node', node()])).stdout)).toHaveLength(4);
  });

  it('a --node that is not there, a bad --since or --reason: exit 2, said why', async () => {
    const n = await tail(['--node', '127.0.0.1:1']);
    expect(n.code).toBe(2);
    expect(n.stderr).toContain(`--node: no node "127.0.0.1:1" here; the nodes are: ${node()}`);
    for (const bad of ['10', '5x', '-1h', '0s', '1.5h', 'h', '']) {
      const r = await tail(['--since', bad]);
      expect([bad, r.code]).toEqual([bad, 2]);
      expect(r.stderr).toContain('--since');
      expect(r.stdout).toBe('');
    }
    const r = await tail(['--reason', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--reason.*bogus|bogus.*--reason/);
  });

  it('plain form: the table shows only the matching rows', async () => {
    const r = await cli(['tail', '-p', String(server.port), '--user', 'admin', '--reason', 'command'], {
      REDISCLI_AUTH: 'adm-pw-123',
      ...state.env,
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/ command {2}flushall /);
  });
});
