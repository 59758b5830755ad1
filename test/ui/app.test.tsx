// The app shell against a real redis-server: header, panes, help, palette, quit, and
// recovery when the server dies and comes back.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { startTui, tempXdg } from '../helpers/tui.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';
import { BINDINGS } from '../../src/ui/keymap/bindings.js';
import { requireRedisServer } from '../support/redis-binary.js';

let server: RedisHandle;
let xdg: XdgDirs;
let tui: Tui | undefined;

beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >admin-pw-1 ~* &* +@all',
      'user narrow on >narrow-pw-1 resetkeys resetchannels -@all +ping',
    ],
  });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  xdg = tempXdg();
});
afterEach(async () => {
  await tui?.stop();
  tui = undefined;
  xdg.cleanup();
});

const connection = () => ({
  spec: { host: server.host, port: server.port, user: 'admin' },
  password: 'admin-pw-1',
  readOnly: false,
});

describe('app shell', () => {
  it('shows the server, the console user and the connection state in the header', async () => {
    tui = await startTui({ connection: connection() });
    const f = await tui.waitFor((f) => f.includes('● ready'), 'ready');
    expect(f).toContain(`${server.host}:${server.port}`);
    // "Valkey 8.0.1", not the redis_version:7.2.4 it also reports.
    expect(f).toContain(`${requireRedisServer().label} master`);
    expect(f).toContain('as admin');
    expect(f).toContain('1 node');
    expect(f).not.toContain('admin-pw-1');
  });

  it('switches panes with digits, Tab and Shift-Tab', async () => {
    tui = await startTui({ connection: connection() });
    await tui.waitFor((f) => f.includes('● ready'), 'ready');
    tui.press('pane.users');
    await tui.waitFor((f) => f.includes('USER') && f.includes('COMMANDS'), 'users pane');
    tui.press('pane.next');
    await tui.waitFor((f) => f.includes('REASON') && f.includes('OBJECT'), 'acl log pane');
    tui.press('pane.prev');
    tui.press('pane.prev');
    await tui.waitFor((f) => f.includes('No saved profiles'), 'profiles pane (wraps around)');
  });

  it('? shows help generated from the key table; Esc closes it', async () => {
    tui = await startTui({ connection: connection(), pane: 'profiles' });
    tui.press('app.help');
    const f = await tui.waitFor((f) => f.includes('Keys — Esc closes'), 'help');
    // This pane's keys first; the keys that work everywhere follow (one column at 100 wide).
    for (const b of BINDINGS.filter((b) => b.scope === 'profiles')) expect(f).toContain(b.description);
    for (let i = 0; i < 30; i++) tui.key('down');
    const end = await tui.waitFor((f) => f.includes('Switch panes'), 'scrolled to the end');
    expect(end).toContain(BINDINGS.find((b) => b.id === 'app.quit')!.description);
    tui.press('app.back');
    await tui.waitFor((f) => !f.includes('Keys — Esc closes'), 'help closed');
  });

  it('? scrolls when the keys do not fit (↑/↓), so every key can be read on a small terminal', async () => {
    tui = await startTui({ connection: connection() });
    tui.press('pane.users');
    tui.press('app.help');
    const f = await tui.waitFor((f) => f.includes('Keys — Esc closes'), 'help');
    // The test terminal is 24 rows, as small as the console supports.
    expect(f).toMatch(/↑\/↓ scroll: 1-\d+ of \d+/);
    expect(f).not.toContain('Switch panes');
    for (let i = 0; i < 40; i++) tui.key('down');
    await tui.waitFor((f) => f.includes('Switch panes'), 'scrolled to the end');
    tui.key('up');
    await tui.waitFor((f) => !f.includes('Switch panes'), 'up answers at once');
  });

  it(': opens the palette; aliases switch panes; unknown commands are explained', async () => {
    tui = await startTui({ connection: connection() });
    tui.press('app.palette');
    await tui.waitFor((f) => f.includes('Enter runs'), 'palette');
    tui.type('log');
    tui.key('return');
    await tui.waitFor((f) => f.includes('REASON') && f.includes('OBJECT'), ':log');
    tui.press('app.palette');
    await tui.waitFor((f) => f.includes('Enter runs'), 'palette');
    tui.type('clients');
    tui.key('return');
    await tui.waitFor((f) => f.includes('HIGHLIGHT') && f.includes('client|list'), ':clients');
    tui.press('app.palette');
    await tui.waitFor((f) => f.includes('Enter runs'), 'palette');
    tui.type('audit');
    tui.key('return');
    await tui.waitFor((f) => f.includes('CHECK') && f.includes('TITLE'), ':audit');
    tui.press('app.palette');
    await tui.waitFor((f) => f.includes('Enter runs'), 'palette');
    tui.type('certs');
    tui.key('return');
    await tui.waitFor((f) => f.includes('the wizard'), ':certs');
    tui.press('app.palette');
    await tui.waitFor((f) => f.includes('Enter runs'), 'palette');
    tui.type('incident');
    tui.key('return');
    await tui.waitFor((f) => f.includes('No incident yet'), ':incident');
    tui.press('app.palette');
    await tui.waitFor((f) => f.includes('Enter runs'), 'palette');
    tui.type('users');
    tui.key('return');
    await tui.waitFor((f) => f.includes('COMMANDS') && f.includes('narrow'), ':users');
    tui.press('app.palette');
    await tui.waitFor((f) => f.includes('Enter runs'), 'palette');
    tui.type('nope');
    tui.key('return');
    await tui.waitFor((f) => f.includes('Unknown command :nope'), 'unknown command message');
    tui.press('app.palette');
    await tui.waitFor((f) => f.includes('Enter runs'), 'palette');
    tui.type('profiles');
    tui.key('return');
    await tui.waitFor((f) => f.includes('No saved profiles'), ':profiles');
  });

  it('q quits', async () => {
    tui = await startTui({ connection: connection() });
    tui.press('app.quit');
    expect(tui.quitCalled()).toBe(true);
  });

  it('read-only: a badge in the header, and the keys that change things are hidden and refused', async () => {
    tui = await startTui({ connection: connection(), forcedReadOnly: true, pane: 'profiles' });
    const f = await tui.waitFor((f) => f.includes('READ-ONLY'), 'badge');
    expect(f).not.toMatch(/n new/);
    tui.press('profiles.new');
    await tui.waitFor((f) => f.includes('Read-only: "New profile" is switched off'), 'refusal said');
    expect(tui.frame()).not.toContain('│ New profile');
  });
});

describe('faults', () => {
  it('a NOPERM console user: usable, and the missing permission is named (SEC003)', async () => {
    tui = await startTui({
      connection: {
        spec: { host: server.host, port: server.port, user: 'narrow' },
        password: 'narrow-pw-1',
        readOnly: false,
      },
    });
    const f = await tui.waitFor((f) => f.includes('● ready (SEC003)'), 'ready with a warning');
    expect(f).toContain("SEC003 NOPERM: The console's user lacks +info +acl|whoami.");
    expect(f).toContain('Grant it: ACL SETUSER <user> +info +acl|whoami');
    // The Users pane stays usable: it says what the console may not read instead of failing.
    tui.press('pane.users');
    const users = await tui.waitFor((f) => f.includes('Could not read the users'), 'users pane explains');
    expect(users).toContain('SEC003');
  });

  it('a wrong password: failed SEC002 with the fix, no retry storm, r retries', async () => {
    tui = await startTui({
      connection: {
        spec: { host: server.host, port: server.port, user: 'admin' },
        password: 'wrong',
        readOnly: false,
      },
    });
    const f = await tui.waitFor((f) => f.includes('✗ failed SEC002'), 'failed');
    expect(f).toContain('Check the credentials');
    expect(f).toContain('Press r to retry');
    tui.press('app.refresh');
    await tui.waitFor((f) => f.includes('✗ failed SEC002'), 'failed again after retry');
  });
});

describe('a server that dies and comes back', () => {
  it('shows reconnecting with the stale time, then recovers by itself', async () => {
    const victim = await startRedis();
    try {
      tui = await startTui({
        connection: { spec: { host: victim.host, port: victim.port }, readOnly: false },
      });
      await tui.waitFor((f) => f.includes('● ready'), 'ready');
      await victim.kill();
      await tui.waitFor(
        (f) => /reconnecting \(stale \d+s\)/.test(f) && f.includes('UNREACHABLE'),
        'reconnecting, explained',
      );
      await victim.restart();
      await tui.waitFor((f) => f.includes('● ready'), 'ready again', 15_000);
    } finally {
      await victim.stop();
    }
  });
});

describe('cluster', () => {
  it('-c shows every node in the header: 6 nodes, 3 primaries, all ready', async () => {
    const cluster = await startCluster();
    try {
      tui = await startTui({ connection: { spec: { ...cluster.seed, cluster: true }, readOnly: false } });
      await tui.waitFor(
        (f) => f.includes('6 nodes (3 primaries)') && f.includes('● ready 6/6'),
        '6 nodes ready',
        15_000,
      );
      await cluster.nodes[4]!.kill();
      await tui.waitFor((f) => f.includes('reconnecting 1/6 nodes'), 'one node down, the rest shown');
    } finally {
      await tui?.stop();
      tui = undefined;
      await cluster.stop();
    }
  }, 60_000);
});

describe('nothing listening', () => {
  it('says connecting (never "reconnecting") and UNREACHABLE with the fix, until a server appears', async () => {
    const victim = await startRedis();
    const port = victim.port;
    await victim.kill();
    try {
      tui = await startTui({ connection: { spec: { host: victim.host, port }, readOnly: false } });
      const f = await tui.waitFor((f) => f.includes('UNREACHABLE'), 'unreachable');
      expect(f).toMatch(/◌ connecting \(\d+s; UNREACHABLE\)/);
      expect(f).not.toContain('reconnecting');
      expect(f).toContain('Nothing is listening there');
      await victim.restart();
      await tui.waitFor((f) => f.includes('● ready'), 'ready once the server is up', 15_000);
    } finally {
      await victim.stop();
    }
  });
});
