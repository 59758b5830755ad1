// `clients kill` when the kill's reply is lost (a proxy of the project's own in front of a real
// redis-server): the report says what the re-read found, client by client ("gone after the
// kill" or "still connected"), counts them truthfully, and a node that never comes back is
// "not re-read", within the command's one time bound.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { startProxy } from '../support/proxy.js';
import type { ProxyHandle } from '../support/proxy.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';
import { alive, openRaw } from './clients-cli.js';
import type { KillJson, RawClient } from './clients-cli.js';

const admin = { REDISCLI_AUTH: 'adm-pw-123' };

let server: RedisHandle;
let proxy: ProxyHandle;
let xdg: XdgDirs;
const open: RawClient[] = [];

beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis({ aclUsers: ['user default off', 'user admin on >adm-pw-123 ~* &* +@all'] });
});
afterEach(async () => {
  await proxy.close();
});
afterAll(async () => {
  for (const c of open) c.close();
  await server.stop();
  xdg.cleanup();
});

const victim = async () => {
  const c = await openRaw(server.port, [['AUTH', 'admin', 'adm-pw-123']]);
  open.push(c);
  return c;
};
const kill = (id: string, ...more: string[]) =>
  cli(['clients', 'kill', '--id', id, '--yes', '-p', String(proxy.port), '--user', 'admin', ...more], admin);
const SLOW_START = join(import.meta.dirname, '..', 'support', 'slow-start.mjs');

describe('clients kill when the reply is lost', () => {
  it('the kill ran, its reply never came: the re-read finds the client gone; success, said as such', async () => {
    const c = await victim();
    proxy = await startProxy({ port: server.port });
    proxy.fault(/^CLIENT KILL/i, { kind: 'hold' });
    const r = await kill(c.id, '--timeout', '4000');
    expect(r.stdout).toMatch(
      new RegExp(
        `outcome UNKNOWN \\(the reply was lost\\): TIMEOUT[^\\n]*; re-read: gone after the kill \\(outcome of the command unknown\\): ${c.id} \\(`,
      ),
    );
    expect(r.stdout).toContain(
      "Clients killed: 0 confirmed by reply, 1 gone on re-read (the kill's reply was lost).",
    );
    expect(r.stdout).not.toMatch(/Killed 0 clients|still connected/);
    // Every client named is gone: what the operator asked for holds (README: exit 0).
    expect(r.code).toBe(0);
    await c.waitClosed(1000);
  });

  it('--json: the node outcome stays unknown, with what the re-read found; status done', async () => {
    const c = await victim();
    proxy = await startProxy({ port: server.port });
    proxy.fault(/^CLIENT KILL/i, { kind: 'reset' });
    const r = await kill(c.id, '--json');
    const doc = JSON.parse(r.stdout) as KillJson;
    expect(doc.status).toBe('done');
    expect(doc.results[0]).toMatchObject({
      outcome: 'unknown',
      killed: 0,
      reread: true,
      'gone-on-reread': [c.id],
      'still-connected': [],
    });
    expect(r.code).toBe(0);
  });

  it('the kill never reached the server: the re-read finds the client still connected; exit 1', async () => {
    const c = await victim();
    proxy = await startProxy({ port: server.port });
    proxy.fault(/^CLIENT KILL/i, { kind: 'swallow' });
    const r = await kill(c.id, '--timeout', '4000');
    expect(r.stdout).toMatch(new RegExp(`outcome UNKNOWN[^\\n]*; re-read: still connected: ${c.id} \\(`));
    expect(r.stdout).toContain(
      "Clients killed: 0 confirmed by reply, 0 gone on re-read (the kill's reply was lost); 1 still connected.",
    );
    expect(r.code).toBe(1);
    expect(await alive(c)).toBe(true);
  });

  it('a node that never comes back: "not re-read", its state unknown, within the time bound', async () => {
    const c = await victim();
    proxy = await startProxy({ port: server.port });
    proxy.fault(/^CLIENT KILL/i, { kind: 'stick' });
    const t0 = Date.now();
    // A slow start (400 ms busy before the console's code runs) is inside the bound too.
    const r = await cli(
      [
        'clients',
        'kill',
        '--id',
        c.id,
        '--yes',
        '-p',
        String(proxy.port),
        '--user',
        'admin',
        '--timeout',
        '3000',
      ],
      { ...admin, NODE_OPTIONS: `--import ${SLOW_START}` },
    );
    const took = Date.now() - t0;
    expect(r.stdout).toContain(
      'not re-read: the node did not come back within the time bound; its state is unknown',
    );
    expect(r.stdout).toContain('1 not re-read (state unknown)');
    expect(r.stdout).not.toMatch(/gone after the kill|still connected/);
    expect(r.code).toBe(1);
    // The bound counts from the process's start; a small margin for the process to exit.
    expect(took).toBeLessThan(3000 + 250);
    expect(r.stderr).toBe('');
  });
});
