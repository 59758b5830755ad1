// An error's message is escaped once, where it reaches the terminal (cli.ts): a hostile name
// the operator typed shows as `\x1b[2J`, never `\\x1b[2J` (which cannot be copied back).
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

const HOSTILE = 'x\x1b[2J\u202e';
const ONCE = 'x\\x1b[2J\\u202e';

let server: RedisHandle;
let xdg: XdgDirs;
let dir: string;
// A node id with a hostile character of its own: the unix socket, reached by a link so named.
let link: string;
beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis({ aclUsers: ['user default on nopass ~* &* +@all'], unixSocket: true });
  dir = mkdtempSync(join(tmpdir(), 'rw-esc-'));
  link = join(dir, 'r\x1b[2J.sock');
  symlinkSync(server.socketPath!, link);
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  xdg.cleanup();
});

const once = (stderr: string) => {
  expect(stderr).toContain(ONCE);
  expect(stderr).not.toContain('\\\\');
  expect(stderr).not.toContain('\x1b');
};

describe('errors escaped once', () => {
  it('clients kill --node naming no node: the typed name and the nodes, each escaped once', async () => {
    const r = await cli(['clients', 'kill', '--id', '1', '--node', HOSTILE, '-s', link]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--node: no node "${ONCE}" here; the nodes are: unix:${dir}/r\\x1b[2J.sock`);
    once(r.stderr);
  });

  it('tail --node naming no node', async () => {
    const r = await cli(['tail', '--node', HOSTILE, '-s', link]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the nodes are: unix:${dir}/r\\x1b[2J.sock`);
    once(r.stderr);
  });

  it('profiles default with a hostile name: the validation error, neither raw nor escaped twice', async () => {
    const r = await cli(['profiles', 'default', HOSTILE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`invalid profile name "${ONCE}"`);
    once(r.stderr);
  });
});
