// `redis-warden audit --json` on one node and on a 6-node cluster (3 primaries, 3 replicas),
// beside `redis-cli INFO` for scale (issue 14: one node in at most 1 s, six in at most 2 s; the
// probes run in parallel across nodes). Each run is the built CLI as CI runs it, a fresh
// process, median of N wall times. Run by `npm run bench`, or alone after `npm run build`:
// `node bench/audit.mjs`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 7);
const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A cluster node needs its port + 10000 (the bus) free too.
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

const cli = (...args) => spawnSync('redis-cli', args, { encoding: 'utf8' });
async function ready(port) {
  for (let i = 0; i < 100; i++) {
    if (cli('-p', String(port), 'PING').stdout.trim() === 'PONG') return;
    await sleep(50);
  }
  throw new Error(`redis-server on ${port} did not start`);
}

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
  const ports = await pickPorts();
  const dir = mkdtempSync(join(tmpdir(), 'rw-bench-audit-'));
  const servers = ports.map((port, i) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--dbfilename',
        `d${port}.rdb`,
        ...(i < 6 ? ['--cluster-enabled', 'yes', '--cluster-config-file', `n${port}.conf`] : []),
      ],
      { stdio: 'ignore' },
    ),
  );
  try {
    await Promise.all(ports.map(ready));
    const created = cli(
      '--cluster',
      'create',
      ...ports.slice(0, 6).map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    );
    if (created.status !== 0) throw new Error(`cluster create: ${created.stdout}${created.stderr}`);
    for (
      let i = 0;
      i < 100 && !cli('-p', String(ports[0]), 'CLUSTER', 'INFO').stdout.includes('cluster_state:ok');
      i++
    )
      await sleep(100);
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
    for (const s of servers) s.kill('SIGKILL');
    await sleep(100);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === self) await auditBench();
