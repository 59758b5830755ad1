// `--demo`: a private, throwaway redis-server on a free loopback port, seeded with the
// guide's ACL users and some live activity (including denied commands and failed AUTHs),
// so every pane has something to show without touching a real server.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const INSTALL_HINT =
  'redis-server 7+ is needed: apt-get install redis-server (Debian/Ubuntu), dnf install redis (Fedora), brew install redis (macOS).';

export interface DemoServer {
  port: number;
  user: string;
  password: string;
  dir: string;
  /** Every seeded user's password, for the activity generator only; never printed. */
  secrets: Record<string, string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export function redisServerVersion(): string | undefined {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return /v=(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1];
}

const pw = () => randomBytes(18).toString('base64url');

export async function startDemoServer(): Promise<DemoServer> {
  const version = redisServerVersion();
  if (!version) throw new Error(`redis-server was not found. ${INSTALL_HINT}`);
  if (Number(version.split('.')[0]) < 7)
    throw new Error(`redis-server ${version} is too old. ${INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'redis-warden-demo-'));
  const secrets = { admin: pw(), app: pw(), readonly: pw(), replication: pw(), monitor: pw() };
  const acl = [
    'user default off',
    `user admin on >${secrets.admin} ~* &* +@all`,
    `user app on >${secrets.app} ~app:* &* +@read +@write +@connection -@dangerous`,
    `user readonly on >${secrets.readonly} ~* +@read +@connection -@write -@admin`,
    `user replication on >${secrets.replication} +psync +replconf +ping`,
    `user monitor on >${secrets.monitor} resetkeys resetchannels -@all +ping +info +acl|whoami +acl|log +acl|users +acl|cat +client|list +client|info +client|id +config|get +slowlog|get +latency|latest`,
    'user legacy on nopass ~* +@all',
  ];
  writeFileSync(join(dir, 'users.acl'), acl.join('\n') + '\n', { mode: 0o600 });
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--aclfile',
      join(dir, 'users.acl'),
      '--save',
      '',
      '--appendonly',
      'no',
      '--logfile',
      join(dir, 'redis.log'),
      '--daemonize',
      'no',
    ],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const probe = new Redis({
    port,
    host: '127.0.0.1',
    username: 'admin',
    password: secrets.admin,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    protocol: 2,
  });
  probe.on('error', () => undefined);
  for (let i = 0; ; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      if (i > 50 || child.exitCode !== null) {
        await stop();
        throw new Error('the demo redis-server did not start');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await probe.call('CONFIG', ['SET', 'acllog-max-len', '256']);
  for (let i = 0; i < 40; i++) await probe.set(`app:item:${i}`, `value ${i}`);
  probe.disconnect();
  return { port, user: 'admin', password: secrets.admin, dir, secrets, stop };
}

/** Background traffic: app reads and writes, some denied commands, an occasional failed AUTH. */
export function startDemoActivity(server: DemoServer): () => void {
  const secrets = server.secrets;
  const mk = (user: string, name: string) => {
    const r = new Redis({
      port: server.port,
      host: '127.0.0.1',
      username: user,
      password: secrets[user],
      connectionName: name,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      protocol: 2,
      enableReadyCheck: false,
    });
    r.on('error', () => undefined);
    r.connect().catch(() => undefined);
    return r;
  };
  const app = mk('app', 'checkout-api');
  const ro = mk('readonly', 'reporting');
  const idle = [mk('app', 'worker-1'), mk('app', 'worker-2'), mk('readonly', 'analytics')];
  let tick = 0;
  const timer = setInterval(() => {
    tick++;
    const quiet = () => undefined;
    app.set(`app:item:${tick % 40}`, String(Date.now())).catch(quiet);
    app.get(`app:item:${(tick * 7) % 40}`).catch(quiet);
    if (tick % 5 === 0) app.get('secret:payroll').catch(quiet); // key outside ~app:* -> ACL LOG
    if (tick % 7 === 0) ro.set('app:item:1', 'x').catch(quiet); // readonly writes -> ACL LOG
    if (tick % 11 === 0) app.call('CONFIG', ['GET', 'requirepass']).catch(quiet); // -@dangerous -> ACL LOG
    if (tick % 13 === 0) {
      const intruder = new Redis({
        port: server.port,
        host: '127.0.0.1',
        username: 'admin',
        password: 'guess-' + tick,
        lazyConnect: true,
        retryStrategy: () => null,
        maxRetriesPerRequest: 0,
        protocol: 2,
      });
      intruder.on('error', quiet);
      intruder
        .connect()
        .catch(quiet)
        .finally(() => intruder.disconnect());
    }
  }, 1500);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const r of [app, ro, ...idle]) r.disconnect();
  };
}
