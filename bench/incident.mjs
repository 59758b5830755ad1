// `redis-warden incident start` (issue 16): the evidence from one node holding 1,000,000 keys and
// 10,000 connected clients (the figures), and from a 6-node cluster, each a fresh CLI process (median of N
// wall times), and the server's longest command while the evidence was read: SLOWLOG with
// slowlog-log-slower-than 0 (set by this bench, restored after), so every command of the
// snapshot is timed by the server itself. Targets: one node <= 3 s, six <= 5 s, no command
// over 10 ms. The bench needs 10,000+ file descriptors (`ulimit -n`; it says so when it has not)
// and raises the node's maxclients for the run.
// Run alone after `npm run build`: `node bench/incident.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { redisCli, startBenchCluster } from './cluster.mjs';

const RUNS = Number(process.env.BENCH_INCIDENT_RUNS ?? 5);
const KEYS = Number(process.env.BENCH_INCIDENT_KEYS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_INCIDENT_CLIENTS ?? 10_000);
const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function start(port, cluster, state) {
  const t0 = performance.now();
  const r = spawnSync(
    'node',
    [
      join(root, 'bin/redis-warden.js'),
      'incident',
      'start',
      '--json',
      '-p',
      String(port),
      ...(cluster ? ['-c'] : []),
    ],
    { encoding: 'utf8', env: { ...process.env, REDISCLI_AUTH: '', XDG_STATE_HOME: state } },
  );
  const ms = performance.now() - t0;
  // exit 1 is findings at high (these servers have a nopass default user): only 2 fails.
  if (r.status === 2 || r.status === null) throw new Error(`incident start exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** The longest command (µs) the server logged while `work` ran, and which. */
function longestDuring(port, work) {
  const cli = (...a) => redisCli('-p', String(port), ...a).stdout.trim();
  const was = [cli('CONFIG', 'GET', 'slowlog-log-slower-than'), cli('CONFIG', 'GET', 'slowlog-max-len')];
  cli('CONFIG', 'SET', 'slowlog-max-len', '100000');
  cli('CONFIG', 'SET', 'slowlog-log-slower-than', '0');
  cli('SLOWLOG', 'RESET');
  const out = work();
  const log = JSON.parse(
    spawnSync('redis-cli', ['-p', String(port), '--json', 'SLOWLOG', 'GET', '100000'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    }).stdout,
  );
  cli('CONFIG', 'SET', 'slowlog-log-slower-than', was[0].split('\n')[1]);
  cli('CONFIG', 'SET', 'slowlog-max-len', was[1].split('\n')[1]);
  // Each entry: [id, unix time, µs, [command, args...], client address, client name].
  let max = 0;
  let what = '';
  for (const [, , usec, argv] of log) {
    if (usec > max && !/^(slowlog|config)$/i.test(argv[0])) {
      max = usec;
      what = argv.slice(0, 2).join(' ');
    }
  }
  const commands = log.length;
  return { out, max, what, commands };
}

export async function incidentBench() {
  const { ports, stop } = await startBenchCluster('incident');
  const state = mkdtempSync(join(tmpdir(), 'rw-bench-incident-state-'));
  const sockets = [];
  try {
    const one = ports[6];
    redisCli('-p', String(one), 'CONFIG', 'SET', 'maxclients', String(CLIENTS + 200));
    const maxclients = redisCli('-p', String(one), 'CONFIG', 'GET', 'maxclients')
      .stdout.trim()
      .split('\n')[1];
    if (Number(maxclients) < CLIENTS + 50)
      console.log(
        `note: the server's maxclients is ${maxclients} (its file limit): fewer than ${CLIENTS} clients will connect`,
      );
    redisCli('-p', String(one), 'EVAL', `for i=1,${KEYS} do redis.call('SET','k:'..i,'v') end`, '0');
    for (let i = 0; i < CLIENTS; i++) {
      sockets.push(connect(one, '127.0.0.1').on('error', () => {}));
      // Let the server accept as we go: a burst of 10,000 SYNs overflows the listen backlog.
      if (i % 500 === 499) await sleep(50);
    }
    await sleep(1000);
    const seen = redisCli('-p', String(one), 'INFO', 'clients').stdout.match(/connected_clients:(\d+)/)?.[1];
    start(one, false, state); // warm the file cache
    const single = longestDuring(one, () => Array.from({ length: RUNS }, () => start(one, false, state)));
    const six = longestDuring(ports[0], () =>
      Array.from({ length: RUNS }, () => start(ports[0], true, state)),
    );
    console.log(`incident start --json (median of ${RUNS}, wall time of the CLI process):`);
    console.log(
      `  one node, ${redisCli('-p', String(one), 'DBSIZE').stdout.trim()} keys, ${seen} clients: ${median(single.out).toFixed(0)} ms  (target <= 3000 ms); its longest command ${single.max} µs (${single.what}) (target <= 10000 µs)`,
    );
    console.log(
      `  (the server logged ${single.commands} and ${six.commands} commands: every one of the snapshots)`,
    );
    console.log(
      `  6-node cluster (-c):  ${median(six.out).toFixed(0)} ms  (target <= 5000 ms); the seed's longest command ${six.max} µs (${six.what})`,
    );
  } finally {
    for (const s of sockets) s.destroy();
    await stop();
    rmSync(state, { recursive: true, force: true });
  }
}

if (process.argv[1] === self) await incidentBench();
