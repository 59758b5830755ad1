// The MONITOR sample: on its own connection, within its bounds (seconds, lines), with every
// password that passes during it redacted, and its lines parsed back to their exact bytes.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorSample } from '../../src/redis/monitor-sample.js';
import { parseMonitorLine } from '../../src/redis/parse/monitor.js';
import { until } from '../helpers/until.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';

const USERS = [
  'user default off',
  'user admin on >admin-pw-1 ~* &* +@all',
  'user app on >app-secret-9 ~* +@all',
];

let server: RedisHandle;
let app: Redis;

beforeAll(async () => {
  server = await startRedis({ aclUsers: USERS });
  app = new Redis({ host: server.host, port: server.port, username: 'app', password: 'app-secret-9' });
});
afterAll(async () => {
  app.disconnect();
  await server.stop();
});

const conn = () => ({ host: server.host, port: server.port, user: 'admin', password: 'admin-pw-1' });
const monitors = async () => ((await app.call('CLIENT', 'LIST')) as string).includes('cmd=monitor');

describe('monitorSample', () => {
  it('redacts a password sent during the sample and ends within its bound', async () => {
    const t0 = Date.now();
    const sample = monitorSample(conn(), { seconds: 2, maxLines: 1000, secrets: ['app-secret-9'] });
    await until(monitors, 'monitoring');
    await app.call('AUTH', 'app', 'app-secret-9');
    await app.call('HELLO', '2', 'AUTH', 'app', 'app-secret-9');
    await app.set('token', 'app-secret-9');
    await app.set('plain', 'visible');
    const s = await sample;
    expect(Date.now() - t0).toBeLessThan(3500);
    expect(s.error).toBeUndefined();
    expect(s.endedBy).toBe('time');
    const text = JSON.stringify(s.lines);
    expect(text).not.toContain('app-secret-9');
    expect(text).not.toContain('admin-pw-1');
    expect(s.lines.map((l) => l.args)).toContainEqual(['set', 'plain', 'visible']);
    expect(s.lines.map((l) => l.args)).toContainEqual(['set', 'token', '‹redacted›']);
    await until(async () => !(await monitors()), 'the sample link closed');
  });

  it('starts on a busy server: lines read together with the OK of MONITOR are lines, not an error', async () => {
    let busy = true;
    const load = (async () => {
      while (busy) await Promise.all(Array.from({ length: 50 }, (_, i) => app.set(`busy${i}`, 'v')));
    })();
    const samples = await Promise.all(
      Array.from({ length: 5 }, () => monitorSample(conn(), { seconds: 5, maxLines: 200 })),
    );
    busy = false;
    await load;
    for (const s of samples) {
      expect(s.error).toBeUndefined();
      expect(s.endedBy).toBe('lines');
    }
  });

  it('stops at maxLines', async () => {
    const sample = monitorSample(conn(), { seconds: 10, maxLines: 2 });
    await until(monitors, 'monitoring');
    for (let i = 0; i < 5; i++) await app.set(`k${i}`, 'v');
    const s = await sample;
    expect(s.endedBy).toBe('lines');
    expect(s.lines).toHaveLength(2);
    await until(async () => !(await monitors()), 'the sample link closed');
  });

  it('a user who may not MONITOR: an error, at once, no lines', async () => {
    const s = await monitorSample(
      { host: server.host, port: server.port, user: 'nobody', password: 'x' },
      { seconds: 5, maxLines: 10 },
    );
    expect(s.endedBy).toBe('error');
    expect(s.error?.name).toBe('WRONGPASS');
    expect(s.endedAt - s.startedAt).toBeLessThan(2000);
  });
});

describe('parseMonitorLine', () => {
  it('gives back the exact bytes of each argument, even a quote, a space or an invalid byte', () => {
    const l = parseMonitorLine('1700000000.123456 [3 127.0.0.1:5000] "set" "a\\" \\"b" "\\xff\\n"');
    expect(l).toEqual({
      time: '1700000000.123456',
      db: 3,
      source: '127.0.0.1:5000',
      args: ['set', 'a" "b', '\udcff\n'],
    });
  });

  it('redacts AUTH, HELLO AUTH, MIGRATE AUTH, ACL SETUSER and CONFIG SET requirepass', () => {
    const args = (tail: string) => parseMonitorLine(`1.2 [0 lua] ${tail}`)?.args;
    expect(args('"AUTH" "pw1"')).toEqual(['AUTH', '‹redacted›']);
    expect(args('"AUTH" "u" "pw1"')).toEqual(['AUTH', 'u', '‹redacted›']);
    expect(args('"HELLO" "3" "AUTH" "u" "pw1"')).toEqual(['HELLO', '3', 'AUTH', 'u', '‹redacted›']);
    expect(args('"MIGRATE" "h" "1" "" "0" "5" "AUTH" "pw1" "KEYS" "k"')?.join(' ')).not.toContain('pw1');
    expect(args('"ACL" "SETUSER" "u" ">pw1"')?.join(' ')).not.toContain('pw1');
    expect(args('"CONFIG" "SET" "requirepass" "pw1"')?.join(' ')).not.toContain('pw1');
    expect(parseMonitorLine('not a monitor line')).toBeUndefined();
    expect(parseMonitorLine('OK')).toBeUndefined();
  });
});
