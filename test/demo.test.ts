// --demo: a private redis-server with the guide's users and live activity, gone on exit.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startDemoActivity, startDemoServer } from '../src/redis/demo.js';
import { DEMO_EXPECTED_NETWORKS, DEMO_SOURCES, pickDemoSources } from '../src/redis/demo-sources.js';
import { inNetworks, parseNetworks } from '../src/domain/clients/cidr.js';
import { BIN, runInPty } from './helpers/pty.js';
import { until } from './helpers/until.js';

const demoDirs = () => new Set(readdirSync(tmpdir()).filter((d) => d.startsWith('redis-warden-demo-')));

const runDemo = (xdg: string) =>
  runInPty(['--demo'], {
    ...process.env,
    XDG_CONFIG_HOME: join(xdg, 'c'),
    XDG_STATE_HOME: join(xdg, 's'),
    TERM: 'xterm',
  });

describe('demo server', () => {
  it('seeds the guide users, produces ACL LOG violations, keeps no password file, listens on 127.0.0.1 only', async () => {
    const demo = await startDemoServer();
    const sources = await pickDemoSources();
    expect(sources).toEqual({ addresses: [...DEMO_SOURCES] }); // Linux: all of 127/8 is lo
    const stopActivity = startDemoActivity(demo, sources.addresses);
    const admin = new Redis({
      path: demo.socket,
      username: 'admin',
      password: demo.password,
      lazyConnect: true,
      protocol: 2,
    });
    try {
      await admin.connect();
      const users = (await admin.call('ACL', ['USERS'])) as string[];
      expect(users).toEqual(
        expect.arrayContaining(['admin', 'app', 'readonly', 'replication', 'monitor', 'legacy', 'default']),
      );
      expect(await admin.call('CONFIG', ['GET', 'port'])).toEqual(['port', String(demo.port)]);
      expect(await admin.call('CONFIG', ['GET', 'bind'])).toEqual(['bind', '127.0.0.1']);
      expect(await admin.call('CONFIG', ['GET', 'protected-mode'])).toEqual(['protected-mode', 'yes']);
      expect(existsSync(join(demo.dir, 'users.acl'))).toBe(false);
      expect(statSync(demo.dir).mode & 0o077).toBe(0);
      await until(
        async () => ((await admin.call('ACL', ['LOG'])) as unknown[]).length > 0,
        'ACL LOG violations from the demo activity',
        15_000,
        200,
      );
      await until(
        async () => String(await admin.call('CLIENT', ['LIST'])).includes('name=checkout-api'),
        'the checkout-api client',
        15_000,
        200,
      );
      // The simulated clients come from several loopback addresses, one outside the networks.
      const addrs = async () =>
        new Set(
          [...String(await admin.call('CLIENT', ['LIST'])).matchAll(/ addr=(127\.[\d.]+):\d+/g)].map(
            (m) => m[1]!,
          ),
        );
      await until(async () => (await addrs()).size >= 4, 'clients from four source addresses', 15_000, 200);
      const nets = parseNetworks(DEMO_EXPECTED_NETWORKS);
      const outside = [...(await addrs())].filter((a) => !inNetworks(a, nets));
      expect(outside).toEqual(['127.0.0.9']);
      // The nopass user anyone on the host can reach over TCP touches only its own keys.
      const legacy = new Redis({ host: '127.0.0.1', port: demo.port, username: 'legacy', lazyConnect: true });
      try {
        await legacy.connect();
        expect(await legacy.set('legacy:k', 'v')).toBe('OK');
        await expect(legacy.get('app:1')).rejects.toThrow(/NOPERM/);
        await expect(legacy.call('CONFIG', ['GET', 'dir'])).rejects.toThrow(/NOPERM/);
      } finally {
        legacy.disconnect();
      }
    } finally {
      admin.disconnect();
      stopActivity();
      await demo.stop();
    }
    expect(existsSync(demo.dir)).toBe(false);
  }, 30_000);

  it('a source address this host cannot bind: every client from 127.0.0.1, and it says so', async () => {
    // 192.0.2.1 (TEST-NET-1) is on no interface here.
    const picked = await pickDemoSources(['127.0.0.2', '192.0.2.1']);
    expect(picked.addresses).toEqual(['127.0.0.1', '127.0.0.1']);
    expect(picked.note).toMatch(/cannot use 192\.0\.2\.1 as a source address.*127\.0\.0\.1/);
  });

  it('npm start -- --demo in a real terminal: opens on the demo server, q quits and removes it', async () => {
    const xdg = mkdtempSync(join(tmpdir(), 'rw-demo-'));
    const before = demoDirs();
    const { child, output, exited } = runDemo(xdg);
    try {
      expect(await until(() => output().includes('● ready'), "output().includes('● ready')")).toBe(true);
      expect(output()).toContain('as admin');
      const mine = [...demoDirs()].filter((d) => !before.has(d));
      expect(mine).toHaveLength(1);
      // The ACL Log pane's tail keeps a capture of the demo server (its lock first, then its
      // state and the events of the demo's denied commands).
      const captures = join(xdg, 's', 'redis-warden', 'captures');
      const written = () =>
        existsSync(join(captures, 'demo')) && readdirSync(join(captures, 'demo')).length >= 2;
      expect(await until(written, 'written', 15_000)).toBe(true);
      child.stdin?.write('q');
      await exited();
      expect(
        await until(() => !existsSync(join(tmpdir(), mine[0]!)), '!existsSync(join(tmpdir(), mine[0]!))'),
      ).toBe(true);
      expect(existsSync(join(captures, 'demo'))).toBe(false);
    } finally {
      child.kill('SIGKILL');
      rmSync(xdg, { recursive: true, force: true });
    }
  }, 40_000);

  it('killed with SIGKILL, the console leaves no server and no files behind', async () => {
    const xdg = mkdtempSync(join(tmpdir(), 'rw-demo-'));
    const before = demoDirs();
    const { child, output } = runDemo(xdg);
    try {
      expect(await until(() => output().includes('● ready'), "output().includes('● ready')")).toBe(true);
      const mine = [...demoDirs()].filter((d) => !before.has(d));
      const sock = join(tmpdir(), mine[0]!, 'redis.sock');
      const node = spawnSync('pgrep', ['-f', `${BIN} --demo`], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .filter(Boolean);
      for (const pid of node) process.kill(Number(pid), 'SIGKILL');
      expect(
        await until(
          () => !existsSync(join(tmpdir(), mine[0]!)),
          '!existsSync(join(tmpdir(), mine[0]!))',
          10_000,
        ),
      ).toBe(true);
      expect(spawnSync('pgrep', ['-f', sock]).status).not.toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(xdg, { recursive: true, force: true });
    }
  }, 30_000);

  it('in a terminal without redis-server on PATH, --demo says how to install it', async () => {
    const child = spawn(
      'script',
      [
        '-qfec',
        `stty cols 100 rows 30; PATH=/nonexistent exec ${process.execPath} ${BIN} --demo`,
        '/dev/null',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => child.once('exit', r));
    expect(out).toMatch(/redis-server was not found.*apt-get install redis-server/s);
  }, 20_000);
});
