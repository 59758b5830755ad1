// `acl drift` on a 6-node cluster (3 primaries, 3 replicas) with 1,000 users on each node,
// beside the same command on one node with the same 1,000 users (issue 13: reading every node
// and computing the drift in at most 1.5x the time of one node). Each run is the built CLI as
// an operator runs it (`redis-warden acl drift`), a fresh process, median of N wall times.
// Run after `npm run build`: `node bench/acl-drift.mjs`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchCluster } from './cluster.mjs';

const USERS = 1000;
const RUNS = Number(process.env.BENCH_DRIFT_RUNS ?? 7);
const root = fileURLToPath(new URL('..', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { ports, stop } = await startBenchCluster('drift');

async function load(port) {
  const { Redis } = await import('ioredis');
  const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: null });
  await redis.connect();
  const p = redis.pipeline();
  for (let i = 1; i <= USERS; i++) {
    const id = String(i).padStart(4, '0');
    p.acl('SETUSER', `user${id}`, 'on', `>pw-${id}`, `~app:${id}:*`, '&chan:*', '+@read', '-@dangerous');
  }
  await p.exec();
  await redis.quit();
}

function drift(port, cluster) {
  const t0 = performance.now();
  const r = spawnSync(
    'node',
    [join(root, 'bin/redis-warden.js'), 'acl', 'drift', '-p', String(port), ...(cluster ? ['-c'] : [])],
    {
      encoding: 'utf8',
      env: { ...process.env, REDISCLI_AUTH: '' },
    },
  );
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`acl drift exited ${r.status}: ${r.stdout}${r.stderr}`);
  return ms;
}

try {
  await Promise.all(ports.map(load));
  drift(ports[6], false); // warm: the servers' first ACL LIST after the users were created
  drift(ports[0], true);
  const one = [];
  const six = [];
  for (let i = 0; i < RUNS; i++) {
    one.push(drift(ports[6], false));
    six.push(drift(ports[0], true));
  }
  const [a, b] = [median(one), median(six)];
  console.log(`acl drift, ${USERS} users per node (median of ${RUNS}, wall time of the CLI process):`);
  console.log(`  one node:            ${a.toFixed(0)} ms`);
  console.log(`  6-node cluster (-c): ${b.toFixed(0)} ms  (${(b / a).toFixed(2)}x one node; target <= 1.5x)`);
} finally {
  await stop();
}
