import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyType } from '../../src/pki/generate.js';
import { freePort } from './ports.js';
import { buildConfig } from './redis-config.js';
import { endProcess, logTail as logTailOf, RedisStartError, spawnRedis, waitReady } from './redis-process.js';
import type { Spawned } from './redis-process.js';
import { makeTlsFiles } from './redis-tls.js';
import type { TlsFiles } from './redis-tls.js';
import type { RawTarget } from './resp-client.js';

export interface RedisOptions {
  /** requirepass (and masterauth, so replicas of this server can sync). */
  password?: string;
  /** aclfile lines, e.g. `user admin on >pw ~* +@all`. */
  aclUsers?: string[];
  /** true: server TLS only (`port 0`); 'mutual': clients need a certificate signed by the CA. */
  tls?: boolean | 'mutual';
  /** Issue the server certificate for this DNS name only (no localhost, no IP SANs). */
  serverCertHost?: string;
  tlsKeyType?: KeyType;
  unixSocket?: boolean;
  /** Free-form redis.conf lines, appended last so they override the defaults. */
  extraConfig?: string[];
  /** Default 127.0.0.1; the first address is the one the handle reports. */
  bind?: string;
  /** A cluster-enabled node (nodes.conf in its dir); its port leaves port + 10000 free for the bus. */
  cluster?: boolean;
  /** A fixed port; by default a free one is picked (and re-picked if someone takes it first). */
  port?: number;
}

export interface RedisHandle {
  host: string;
  /** The TLS port when `tls` is set (the plain port is then disabled). */
  port: number;
  tls?: TlsFiles;
  socketPath?: string;
  password?: string;
  dir: string;
  configPath: string;
  readonly pid: number | undefined;
  /** SIGTERM, wait, remove the directory. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would; the directory and port stay for restart(). */
  kill(): Promise<void>;
  /** Start again on the same port and config, resolved once it answers. */
  restart(): Promise<void>;
  logTail(lines?: number): string;
}

const START_ATTEMPTS = 3;
const CLUSTER_CONFIG = ['cluster-enabled yes', 'cluster-config-file nodes.conf', 'cluster-node-timeout 5000'];

function readyTarget(host: string, port: number, tls?: TlsFiles): RawTarget {
  if (!tls) return { host, port };
  return {
    host,
    port,
    tls: {
      ca: tls.caPem,
      ...(tls.clientCertPem ? { cert: tls.clientCertPem, key: tls.clientKeyPem } : {}),
      // Readiness only: tests with a wrong-host certificate still need to know the server is up.
      checkServerIdentity: () => undefined,
    },
  };
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'redis-warden-'));
  try {
    return await startIn(dir, options);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(dir: string, options: RedisOptions): Promise<RedisHandle> {
  const bind = options.bind ?? '127.0.0.1';
  const host = (bind.split(/\s+/)[0] ?? '127.0.0.1').replace(/^-/, '');
  const tls = options.tls
    ? await makeTlsFiles(dir, {
        mutual: options.tls === 'mutual',
        serverCertHost: options.serverCertHost,
        keyType: options.tlsKeyType,
      })
    : undefined;
  const aclfile = options.aclUsers ? join(dir, 'users.acl') : undefined;
  if (aclfile) await writeFile(aclfile, (options.aclUsers ?? []).join('\n') + '\n', { mode: 0o600 });
  const socketPath = options.unixSocket ? join(dir, 'redis.sock') : undefined;
  const configPath = join(dir, 'redis.conf');

  let spawned: Spawned | undefined;
  let port = options.port ?? 0;
  const launch = async () => {
    spawned = spawnRedis(configPath, dir);
    await waitReady(spawned, readyTarget(host, port, tls), dir, socketPath);
  };
  for (let attempt = 1; ; attempt += 1) {
    port = options.port ?? (await freePort({ clusterBus: options.cluster }));
    const config = buildConfig({
      dir,
      bind,
      port: tls ? 0 : port,
      tlsPort: tls ? port : undefined,
      password: options.password,
      masterauth: options.password,
      aclfile,
      tls: tls && { ...tls, authClients: options.tls === 'mutual' ? 'yes' : 'no' },
      socketPath,
      extraConfig: [...(options.cluster ? CLUSTER_CONFIG : []), ...(options.extraConfig ?? [])],
    });
    await writeFile(configPath, config, { mode: 0o600 });
    try {
      await launch();
      break;
    } catch (error) {
      // Another process may grab a "free" port before redis binds it; only then is a retry right.
      const retry = error instanceof RedisStartError && error.addressInUse && !options.port;
      if (!retry || attempt >= START_ATTEMPTS) throw error;
    }
  }

  let stopped = false;
  return {
    host,
    port,
    tls,
    socketPath,
    password: options.password,
    dir,
    configPath,
    get pid() {
      return spawned?.child.pid;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (spawned) await endProcess(spawned, 'SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
    async kill() {
      if (spawned) await endProcess(spawned, 'SIGKILL');
    },
    async restart() {
      if (stopped) throw new Error('restart() after stop(): the server directory is gone');
      if (spawned) await endProcess(spawned, 'SIGTERM');
      await launch();
    },
    logTail: (lines) => logTailOf(dir, lines),
  };
}
