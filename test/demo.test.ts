// --demo: a private redis-server with the guide's users and live activity, gone on exit.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startDemoActivity, startDemoServer } from '../src/redis/demo.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'redis-warden.js');

describe('demo server', () => {
  it('seeds the guide users, produces ACL LOG violations, and cleans up on stop', async () => {
    const demo = await startDemoServer();
    const stopActivity = startDemoActivity(demo);
    const admin = new Redis({
      port: demo.port,
      host: '127.0.0.1',
      username: 'admin',
      password: demo.password,
      lazyConnect: true,
      protocol: 2,
    });
    try {
      await admin.connect();
      const users = (await admin.call('ACL', ['USERS'])) as string[];
      expect(users).toEqual(
        expect.arrayContaining(['admin', 'app', 'readonly', 'replication', 'monitor', 'default']),
      );
      await new Promise((r) => setTimeout(r, 8000));
      const log = (await admin.call('ACL', ['LOG'])) as unknown[];
      expect(log.length).toBeGreaterThan(0);
      const clients = String(await admin.call('CLIENT', ['LIST']));
      expect(clients).toContain('name=checkout-api');
    } finally {
      admin.disconnect();
      stopActivity();
      await demo.stop();
    }
    expect(existsSync(demo.dir)).toBe(false);
  }, 30_000);

  it('npm start -- --demo in a real terminal: opens on the demo server, q quits and stops the server', async () => {
    const xdg = mkdtempSync(join(tmpdir(), 'rw-demo-'));
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec node ${BIN} --demo`, '/dev/null'], {
      env: { ...process.env, XDG_CONFIG_HOME: join(xdg, 'c'), XDG_STATE_HOME: join(xdg, 's'), TERM: 'xterm' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 300 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(re);
    };
    try {
      await waitFor(/Demo: a private redis-server on 127\.0\.0\.1:(\d+)/);
      const port = /127\.0\.0\.1:(\d+), logged in/.exec(out)?.[1];
      await waitFor(/● ready/);
      expect(out).toContain('as admin');
      child.stdin.write('q');
      await new Promise((r) => child.once('exit', r));
      const left = spawnSync('pgrep', ['-f', `redis-server 127.0.0.1:${port}`], { encoding: 'utf8' });
      expect(left.stdout.trim()).toBe('');
    } finally {
      child.kill('SIGKILL');
      rmSync(xdg, { recursive: true, force: true });
    }
  }, 30_000);

  it('in a terminal without redis-server on PATH, --demo says how to install it', async () => {
    const nodeDir = join(process.execPath, '..');
    const child = spawn(
      'script',
      [
        '-qfec',
        `stty cols 100 rows 30; PATH=/nonexistent exec ${process.execPath} ${BIN} --demo`,
        '/dev/null',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PATH: `${nodeDir}:/usr/bin:/bin` } },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => child.once('exit', r));
    expect(out).toMatch(/redis-server was not found.*apt-get install redis-server/s);
  }, 20_000);
});
