// npm run bench: the numbers issue #2 names, measured on this machine.
//  - cold start of the bundled TUI to its first frame (median of N), beside `node -e 0` and
//    beside the smallest Ink app started the same way (the floor Ink and Node set here)
//  - idle: RSS and CPU of the TUI while nothing changes
// The TUI runs in a real pseudo-terminal (util-linux `script`) against a real redis-server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_FLAGS } from '../scripts/node-flags.mjs';
import { freePort } from './free-port.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const root = new URL('..', import.meta.url).pathname;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function startRedis(port, dir) {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  return child;
}

function runInPty(args, env, until) {
  return new Promise((resolve, reject) => {
    const cmd = ['node', ...NODE_FLAGS, join(root, 'bin/redis-warden.js'), ...args]
      .map((a) => `'${a}'`)
      .join(' ');
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${cmd}`, '/dev/null'], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error('no first frame within 10 s')), 10_000);
    function finish(err, ms) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        child.kill('SIGKILL');
        reject(err);
      } else resolve({ ms, child });
    }
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (until(out)) finish(null, performance.now() - t0);
    });
    child.on('exit', () => finish(new Error(`exited early: ${out.slice(-300)}`)));
  });
}

function nodeBaseline(env) {
  const xs = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    spawnSync('node', ['-e', '0'], { env });
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

/**
 * Cold starts in a pseudo-terminal. Two clocks: the console's own (process start to the
 * first frame written, from REDIS_WARDEN_TIMING) and the wall clock around `script`, which
 * adds the pty and shell start-up. A fresh code cache directory: the first start has no cache
 * and writes it (once its first screens are up), the others read it.
 */
async function coldStarts(env, label) {
  const timing = join(dir, `timing-${label}.jsonl`);
  env = { ...env, XDG_CACHE_HOME: join(dir, `cache-${label}`) };
  const walls = [];
  const lines = () => (existsSync(timing) ? readFileSync(timing, 'utf8').trim().split('\n').length : 0);
  for (let i = 0; i < RUNS; i++) {
    const { ms, child } = await runInPty(args, { ...env, REDIS_WARDEN_TIMING: timing }, firstFrame);
    walls.push(ms);
    // Let the console write its own clock before it is stopped, or fast runs go unrecorded;
    // after the first start, also its code cache (written 1.5 s after the first frame).
    for (let t = 0; t < 2000 && lines() <= i; t += 10) await new Promise((r) => setTimeout(r, 10));
    if (i === 0 && !env.REDIS_WARDEN_NO_CODE_CACHE) await new Promise((r) => setTimeout(r, 2500));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  const runs = readFileSync(timing, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const cached = runs.filter((r) => r.codeCache === 'tui');
  const measured = env.REDIS_WARDEN_NO_CODE_CACHE ? runs : cached;
  if (measured.length < runs.length - 1)
    throw new Error(`code cache unused: ${runs.map((r) => r.codeCache).join(' ')}`);
  return {
    inner: median(measured.map((r) => r.firstFrameMs)),
    wall: median(walls.slice(env.REDIS_WARDEN_NO_CODE_CACHE ? 0 : 1)),
  };
}

/**
 * The floor: the smallest Ink app (one bordered line), bundled the way the console is and
 * started the same way, so the console's own cost can be told from Ink's and Node's.
 */
async function inkFloor(env) {
  const { build } = await import('esbuild');
  const out = join(root, 'dist', 'bench', 'ink-floor.mjs');
  mkdirSync(join(root, 'dist', 'bench'), { recursive: true });
  await build({
    stdin: {
      contents: `import { render, Box, Text } from 'ink';
import { appendFileSync } from 'node:fs';
render(<Box borderStyle="round"><Text color="cyan">redis-warden Profiles</Text></Box>);
appendFileSync(process.env.FLOOR_TIMING, Math.round(process.uptime() * 1000) + '\\n');
setTimeout(() => process.exit(0), 20);`,
      resolveDir: root,
      loader: 'jsx',
    },
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    jsx: 'automatic',
    minify: true,
    external: ['yoga-layout'],
    alias: { 'react-devtools-core': join(root, 'scripts', 'devtools-stub.mjs') },
    define: { 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  // The same fetch shim as bin/redis-warden.js, so both skip undici.
  const shim = join(root, 'dist', 'bench', 'ink-floor-shim.mjs');
  writeFileSync(
    shim,
    "Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });\nawait import('./ink-floor.mjs');\n",
  );
  const timing = join(dir, `floor-${Math.random()}.txt`);
  for (let i = 0; i < RUNS; i++) {
    spawnSync('script', ['-qfec', `stty cols 100 rows 30; exec node '${shim}'`, '/dev/null'], {
      env: { ...env, FLOOR_TIMING: timing },
      stdio: 'ignore',
    });
  }
  return median(readFileSync(timing, 'utf8').trim().split('\n').map(Number));
}

function descendants(pid) {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  const kids = r.stdout.split('\n').filter(Boolean).map(Number);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

function procStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  return { ticks, rss };
}

const dir = mkdtempSync(join(tmpdir(), 'rw-bench-'));
const port = await freePort();
const redis = startRedis(port, dir);
await new Promise((r) => setTimeout(r, 300));
const env = {
  XDG_CONFIG_HOME: join(dir, 'config'),
  XDG_STATE_HOME: join(dir, 'state'),
  TERM: 'xterm-256color',
};
const args = ['-p', String(port)];
const firstFrame = (out) => out.includes('Profiles') && out.includes('redis-warden');
try {
  const report = async (label, extraEnv) => {
    const base = { ...process.env, ...extraEnv };
    const baseline = nodeBaseline(base);
    const { inner, wall } = await coldStarts({ ...env, ...extraEnv }, label);
    console.log(
      `cold start to first frame (${label}): median ${inner} ms from process start (goal <= 300 ms); ${wall.toFixed(0)} ms wall clock incl. pty and shell`,
    );
    const first = await coldStarts(
      { ...env, ...extraEnv, REDIS_WARDEN_NO_CODE_CACHE: '1' },
      `${label}-nocache`,
    );
    console.log(
      `  the same without the code cache (the first start after a build or a Node upgrade): median ${first.inner} ms`,
    );
    const floor = await inkFloor(base);
    console.log(`  node -e 0: median ${baseline.toFixed(0)} ms; ratio ${(inner / baseline).toFixed(2)}x`);
    console.log(
      `  a one-line stock Ink app, bundled and started the same way: median ${floor} ms (the console: ${inner - floor >= 0 ? '+' : ''}${inner - floor} ms)`,
    );
  };
  await report('this environment', {});
  if (process.env.NODE_EXTRA_CA_CERTS) {
    // This sandbox sets NODE_EXTRA_CA_CERTS, which costs every node process tens of ms.
    await report('without NODE_EXTRA_CA_CERTS', { NODE_EXTRA_CA_CERTS: '' });
  }

  const { child } = await runInPty(args, env, (out) => out.includes('ready'));
  await new Promise((r) => setTimeout(r, 2000));
  const pid = descendants(child.pid).find((p) =>
    readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('redis-warden'),
  );
  const a = procStat(pid);
  const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 10);
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  const b = procStat(pid);
  const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  const cpuMs = ((b.ticks - a.ticks) / hz) * 1000;
  console.log(`idle RSS: ${(b.rss / 1048576).toFixed(1)} MB (goal <= 100 MB)`);
  console.log(
    `idle CPU: ${cpuMs.toFixed(0)} ms over ${IDLE_S} s = ${((cpuMs / (IDLE_S * 1000)) * 100).toFixed(2)}% of a core (goal: ~0, no busy render loop)`,
  );
  child.kill('SIGKILL');
} finally {
  redis.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}

// BENCH_START_ONLY=1: the cold start and idle figures only (issue #2's numbers).
if (process.env.BENCH_START_ONLY) process.exit(0);

// The Users pane with 1,000 users: first list and moving the selection (also `node bench/users.mjs`).
const { usersBench } = await import('./users.mjs');
await usersBench();

// The ACL LOG tail: violation to row, a 10,000 burst, polling cost (also `node bench/acl-log.mjs`).
const { aclLogBench } = await import('./acl-log.mjs');
await aclLogBench();
const { clientsBench } = await import('./clients.mjs');
await clientsBench();

// `acl plan` on ACL files of 8,000 to 200,000 key patterns and 10 MB (also `node bench/acl-plan.mjs`).
const { aclPlanBench } = await import('./acl-plan.mjs');
await aclPlanBench();

// `audit --json` on one node and a 6-node cluster, beside redis-cli INFO (also `node bench/audit.mjs`).
const { auditBench } = await import('./audit.mjs');
await auditBench();

// `q` with the server down, while the console retries (also `node bench/quit.mjs`).
const { quitBench } = await import('./quit.mjs');
await quitBench();

// `incident start` on a node with 200,000 keys and 1,000 clients, and a 6-node cluster, with the
// server's longest command during it (also `node bench/incident.mjs`).
const { incidentBench } = await import('./incident.mjs');
await incidentBench();
