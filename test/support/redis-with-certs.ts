// A TLS-only redis-server on certificate files made by the test (the wizard's own output),
// rather than test/support's: the server, its replicas and its clients all use those files.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { buildConfig } from './redis-config.js';
import { endProcess, spawnRedis, waitReady } from './redis-process.js';
import type { Spawned } from './redis-process.js';
import type { RawTarget } from './resp-client.js';

export interface CertFiles {
  caPath: string;
  certPath: string;
  keyPath: string;
  /** The client certificate the readiness PING (and the test) connects with. */
  clientCertPath: string;
  clientKeyPath: string;
}

export interface CertServer {
  host: string;
  port: number;
  dir: string;
  /** A raw TLS target with the client certificate, verifying the server as a client would. */
  target: RawTarget;
  log(): string;
  stop(): Promise<void>;
}

export function clientTarget(host: string, port: number, f: CertFiles): RawTarget {
  return {
    host,
    port,
    tls: {
      ca: readFileSync(f.caPath),
      cert: readFileSync(f.clientCertPath),
      key: readFileSync(f.clientKeyPath),
    },
  };
}

/** TLS only (`port 0`), `tls-auth-clients yes`, on `files`; `extraConfig` last (replicaof...). */
export async function startWithCerts(files: CertFiles, extraConfig: string[] = []): Promise<CertServer> {
  const dir = await mkdtemp(join(tmpdir(), 'redis-warden-certs-'));
  const port = await freePort();
  const configPath = join(dir, 'redis.conf');
  const config = buildConfig({
    dir,
    bind: '127.0.0.1',
    port: 0,
    tlsPort: port,
    tls: { ...files, authClients: 'yes' },
    extraConfig,
  });
  await writeFile(configPath, config, { mode: 0o600 });
  let spawned: Spawned | undefined;
  try {
    spawned = spawnRedis(configPath, dir);
    await waitReady(spawned, clientTarget('127.0.0.1', port, files), dir);
  } catch (err) {
    if (spawned) await endProcess(spawned, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const proc = spawned;
  return {
    host: '127.0.0.1',
    port,
    dir,
    target: clientTarget('127.0.0.1', port, files),
    log: () => {
      try {
        return readFileSync(join(dir, 'redis.log'), 'utf8');
      } catch {
        return '';
      }
    },
    stop: async () => {
      await endProcess(proc, 'SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
