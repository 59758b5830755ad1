// `redis-warden audit --json` on one node and on a 6-node cluster (3 primaries, 3 replicas),
// beside `redis-cli INFO` for scale (issue 14: one node in at most 1 s, six in at most 2 s; the
// probes run in parallel across nodes). Each run is the built CLI as CI runs it, a fresh
// process, median of N wall times. Run by `npm run bench`, or alone after `npm run build`:
// `node bench/audit.mjs`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchCluster } from './cluster.mjs';

const RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 7);
const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, REDISCLI_AUTH: '' } });
  const ms = performance.now() - t0;
  // audit exits 1 on these open servers (below the bar): only 2 (nothing read) is a failure.
  if (r.status === 2 || r.status === null) throw new Error(`${cmd} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const audit = (port, cluster) =>
  timed('node', [
    join(root, 'bin/redis-warden.js'),
    'audit',
    '--json',
    '-p',
    String(port),
    ...(cluster ? ['-c'] : []),
  ]);
const info = (port) => timed('redis-cli', ['-p', String(port), 'INFO']);

export async function auditBench() {
  const { ports, stop } = await startBenchCluster('audit');
  try {
    audit(ports[6], false); // warm the file cache
    const one = [];
    const six = [];
    const base = [];
    for (let i = 0; i < RUNS; i++) {
      one.push(audit(ports[6], false));
      six.push(audit(ports[0], true));
      base.push(info(ports[6]));
    }
    const [a, b, c] = [median(one), median(six), median(base)];
    console.log(`audit --json (median of ${RUNS}, wall time of the CLI process):`);
    console.log(`  redis-cli INFO (scale): ${c.toFixed(0)} ms`);
    console.log(`  one node:               ${a.toFixed(0)} ms  (target <= 1000 ms)`);
    console.log(`  6-node cluster (-c):    ${b.toFixed(0)} ms  (target <= 2000 ms)`);
  } finally {
    await stop();
  }
}

if (process.argv[1] === self) await auditBench();
