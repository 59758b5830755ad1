// `--demo`: a private, throwaway redis-server seeded with the guide's ACL users and some
// live activity (including denied commands and failed AUTHs), so every pane has something
// to show without touching a real server.
//
// Private means: the console talks to it over a unix socket in a 0700 directory; the
// simulated clients come over a TCP port bound to 127.0.0.1 only (protected mode on, the
// `default` user off), from several loopback source addresses so the Clients pane has
// addresses to show (demo-sources.ts). Other local accounts can reach that port while the
// demo runs: every seeded user has a generated password but `legacy`, the deliberately risky
// nopass user, which may only GET/SET keys named legacy:*. The ACL file with the generated passwords is deleted as soon as the server has read it;
// and a watchdog shell stops the server and removes the directory when this process ends,
// however it ends (quit, hang-up, kill -9).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { connectorFrom } from './demo-sources.js';

export const INSTALL_HINT =
  'redis-server 7+ is needed: apt-get install redis-server (Debian/Ubuntu), dnf install redis (Fedora), brew install redis (macOS).';

export interface DemoServer {
  socket: string;
  /** The loopback TCP port (127.0.0.1 only) the simulated clients use. */
  port: number;
  user: string;
  password: string;
  dir: string;
  /** Every seeded user's password, for the activity generator only; never printed. */
  secrets: Record<string, string>;
  stop(): Promise<void>;
}

export function redisServerVersion(): string | undefined {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return /v=(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1];
}

const pw = () => randomBytes(18).toString('base64url');

function aclLines(s: Record<string, string>): string[] {
  return [
    'user default off',
    `user admin on >${s.admin} ~* &* +@all`,
    `user app on >${s.app} ~app:* &* +@read +@write +@connection -@dangerous`,
    `user readonly on >${s.readonly} ~* +@read +@connection -@write -@admin`,
    `user replication on >${s.replication} +psync +replconf +ping`,
    `user monitor on >${s.monitor} resetkeys resetchannels -@all +ping +info +acl|whoami +acl|log +acl|users +acl|cat +client|list +client|info +client|id +config|get +slowlog|get +latency|latest`,
    // Risky to show (no password) but harmless to reach: the TCP port is open to other local
    // accounts while the demo runs, so it may only touch its own keys.
    'user legacy on nopass ~legacy:* resetchannels -@all +get +set +ping',
  ];
}

// Runs redis-server and waits for this process to go; then stops it and removes the dir.
const WATCHDOG = `
redis-server "$@" &
child=$!
trap 'kill $child 2>/dev/null; wait $child 2>/dev/null; rm -rf "$RW_DEMO_DIR"; exit 0' TERM INT HUP
while kill -0 "$RW_PARENT" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done
kill $child 2>/dev/null; wait $child 2>/dev/null; rm -rf "$RW_DEMO_DIR"
`;

/** A unix socket path, or the demo's TCP port and the source address to connect from. */
type Via = string | { port: number; from: string };

const client = (via: Via, user: string, password: string | undefined, extra: object = {}) => {
  const r = new Redis({
    ...(typeof via === 'string'
      ? { path: via }
      : { host: '127.0.0.1', port: via.port, Connector: connectorFrom(via.from) }),
    username: user,
    password,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    protocol: 2,
    ...extra,
  });
  r.on('error', () => undefined);
  return r;
};

/** A free port on 127.0.0.1 (the kernel picks it; redis-server binds it right after). */
const freeLoopbackPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

export async function startDemoServer(): Promise<DemoServer> {
  const version = redisServerVersion();
  if (!version) throw new Error(`redis-server was not found. ${INSTALL_HINT}`);
  if (Number(version.split('.')[0]) < 7)
    throw new Error(`redis-server ${version} is too old. ${INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'redis-warden-demo-')); // mode 0700
  const secrets = { admin: pw(), app: pw(), readonly: pw(), replication: pw(), monitor: pw() };
  const aclFile = join(dir, 'users.acl');
  const socket = join(dir, 'redis.sock');
  writeFileSync(aclFile, aclLines(secrets).join('\n') + '\n', { mode: 0o600 });
  const port = await freeLoopbackPort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--protected-mode',
    'yes',
    '--unixsocket',
    socket,
    '--unixsocketperm',
    '700',
    '--dir',
    dir,
    '--aclfile',
    aclFile,
    '--save',
    '',
    '--appendonly',
    'no',
    '--logfile',
    join(dir, 'redis.log'),
  ];
  const watchdog = spawn('sh', ['-c', WATCHDOG, 'redis-warden-demo', ...args], {
    stdio: 'ignore',
    env: { ...process.env, RW_PARENT: String(process.pid), RW_DEMO_DIR: dir },
  });
  const stop = async () => {
    if (watchdog.exitCode === null && watchdog.signalCode === null) {
      const gone = new Promise((r) => watchdog.once('exit', r));
      watchdog.kill('SIGTERM');
      await gone;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const probe = client(socket, 'admin', secrets.admin, { retryStrategy: () => null });
  for (let i = 0; ; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      if (i > 50 || watchdog.exitCode !== null) {
        probe.disconnect();
        await stop();
        throw new Error('the demo redis-server did not start');
      }
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // Read at start-up; nothing needs the plain-text passwords on disk any more.
  rmSync(aclFile, { force: true });
  await probe.call('CONFIG', ['SET', 'acllog-max-len', '256']);
  for (let i = 0; i < 40; i++) await probe.set(`app:item:${i}`, `value ${i}`);
  probe.disconnect();
  return { socket, port, user: 'admin', password: secrets.admin, dir, secrets, stop };
}

/**
 * Background traffic: app reads and writes, some denied commands, an occasional failed AUTH,
 * over TCP from `sources` (pickDemoSources): the last one, outside the demo's expected
 * networks, is the analytics client's and the AUTH guesser's.
 */
export function startDemoActivity(server: DemoServer, sources: readonly string[]): () => void {
  const from = (i: number) => ({
    port: server.port,
    from: sources[Math.min(i, sources.length - 1)] ?? '127.0.0.1',
  });
  const mk = (user: string, name: string, i: number) => {
    const r = client(from(i), user, server.secrets[user], {
      connectionName: name,
      enableReadyCheck: false,
    });
    r.connect().catch(() => undefined);
    return r;
  };
  const app = mk('app', 'checkout-api', 0);
  const ro = mk('readonly', 'reporting', 1);
  const idle = [mk('app', 'worker-1', 0), mk('app', 'worker-2', 2), mk('readonly', 'analytics', 3)];
  const quiet = () => undefined;
  let tick = 0;
  const timer = setInterval(() => {
    tick++;
    app.set(`app:item:${tick % 40}`, String(Date.now())).catch(quiet);
    app.get(`app:item:${(tick * 7) % 40}`).catch(quiet);
    if (tick % 5 === 0) app.get('secret:payroll').catch(quiet); // key outside ~app:* -> ACL LOG
    if (tick % 7 === 0) ro.set('app:item:1', 'x').catch(quiet); // readonly writes -> ACL LOG
    if (tick % 11 === 0) app.call('CONFIG', ['GET', 'requirepass']).catch(quiet); // -@dangerous -> ACL LOG
    if (tick % 13 === 0) {
      const intruder = client(from(3), 'admin', `guess-${tick}`, { retryStrategy: () => null });
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
