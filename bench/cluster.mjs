// A 6-node cluster (3 primaries, 3 replicas) and one standalone node for the benches that time
// a command on one node beside the same on a cluster (acl drift, audit). Ports from a range
// where each node's bus port (+10000) is free too: other engineers' servers run here as well.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const canBind = (port) =>
  new Promise((resolve) => {
    const s = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

async function pickPorts() {
  for (;;) {
    const base = 21000 + Math.floor(Math.random() * 20000);
    const ports = Array.from({ length: 7 }, (_, i) => base + i);
    const free = await Promise.all(ports.flatMap((p) => [canBind(p), canBind(p + 10000)]));
    if (free.every(Boolean)) return ports;
  }
}

export const redisCli = (...args) => spawnSync('redis-cli', args, { encoding: 'utf8' });

async function ready(port) {
  for (let i = 0; i < 100; i++) {
    if (redisCli('-p', String(port), 'PING').stdout.trim() === 'PONG') return;
    await sleep(50);
  }
  throw new Error(`redis-server on ${port} did not start`);
}

/** ports[0..5]: the cluster (ports[0] its seed); ports[6]: a standalone node. */
export async function startBenchCluster(name) {
  const ports = await pickPorts();
  const dir = mkdtempSync(join(tmpdir(), `rw-bench-${name}-`));
  const servers = ports.map((port, i) =>
    spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        ...['--dir', dir, '--dbfilename', `d${port}.rdb`],
        ...(i < 6 ? ['--cluster-enabled', 'yes', '--cluster-config-file', `n${port}.conf`] : []),
      ],
      { stdio: 'ignore' },
    ),
  );
  const stop = async () => {
    for (const s of servers) s.kill('SIGKILL');
    await sleep(100);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(ports.map(ready));
    const nodes = ports.slice(0, 6).map((p) => `127.0.0.1:${p}`);
    const created = redisCli('--cluster', 'create', ...nodes, '--cluster-replicas', '1', '--cluster-yes');
    if (created.status !== 0) throw new Error(`cluster create: ${created.stdout}${created.stderr}`);
    const ok = () => redisCli('-p', String(ports[0]), 'CLUSTER', 'INFO').stdout.includes('cluster_state:ok');
    for (let i = 0; i < 100 && !ok(); i++) await sleep(100);
    return { ports, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
