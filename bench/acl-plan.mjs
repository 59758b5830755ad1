// `acl plan` on big ACL files against a real redis-server (issue #12: one user with 32,000
// key patterns took 32 s, 200,000 did not finish in 14 minutes, a 10 MB file peaked at 1 GB).
// Run by `npm run bench`, or alone after `npm run build`: `node bench/acl-plan.mjs`.
//  - files: one user with 8,000 / 32,000 / 200,000 key patterns, and a ~10 MB file of 443
//    users with 1,000 patterns each (what a big multi-tenant deployment could hold);
//  - each is planned against a server without those users (every user a create), and the
//    32,000 one also against a server that has it (the same user read back from ACL LIST,
//    parsed and compared: "Nothing to do");
//  - time: the wall clock of the whole command (process start to exit); peak RSS: the
//    process's VmHWM, read from /proc while it runs. Medians of BENCH_ACL_RUNS (default 3).
//  - memory: the extra RSS over the floor (a one-line file: Node, the bundle, one connection)
//    divided by the file's size; the goal is a small multiple of the file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../scripts/node-flags.mjs';
import { freePort } from './free-port.mjs';

const RUNS = Number(process.env.BENCH_ACL_RUNS ?? 3);
const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
const bin = join(root, 'bin', 'redis-warden.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => (bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0);
const n = (x) => x.toLocaleString('en-US');

async function startRedis(port, dir) {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  for (let t = 0; ; t += 50) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG')
      return child;
    if (t > 5000) throw new Error(`redis-server did not start on ${port}`);
    await sleep(50);
  }
}

const DEFAULT = 'user default on nopass ~* &* +@all';

function oneUser(patterns) {
  const keys = Array.from({ length: patterns }, (_, i) => (i % 4 === 0 ? `%R~tenant:${i}:*` : `~app:${i}:*`));
  return `${DEFAULT}\nuser big on >big-secret-pw ${keys.join(' ')} &events:* -@all +@read +@write -@dangerous\n`;
}

function tenMegabytes() {
  const lines = [DEFAULT];
  let size = DEFAULT.length;
  for (let u = 0; size < 10 * 1024 * 1024; u++) {
    const keys = Array.from({ length: 1000 }, (_, i) => `%R~tenant:${u}:obj:${i}:*`);
    const line = `user svc${u} on >pw-${u}-secret ${keys.join(' ')} &ch:${u} -@all +@read +@write -@dangerous`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** One `acl plan` (or apply) as an operator runs it: wall time, peak RSS, exit code. */
async function run(args, port) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, bin, 'acl', ...args, '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, REDISCLI_AUTH: '' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
    } catch {
      // exited between two polls
    }
  }, 10);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  const ms = performance.now() - t0;
  if (code !== 0 && code !== 1)
    throw new Error(`acl ${args.join(' ')}: exit ${code}: ${stderr.slice(0, 500)}`);
  return { ms, peak, code };
}

let floor = 0;

async function measure(label, file, port, args = ['plan', file]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run(args, port));
  const size = statSync(file).size;
  const peak = median(runs.map((r) => r.peak));
  console.log(
    `acl ${args[0]}, ${label} (${mb(size)} MB): median ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s` +
      ` (${runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')}), peak RSS ${mb(peak)} MB;` +
      ` extra RSS over the floor / file size: ${mb(peak - floor)} / ${mb(size)} MB = ${((peak - floor) / size).toFixed(1)}x`,
  );
}

export async function aclPlanBench() {
  const dir = mkdtempSync(join(tmpdir(), 'rw-bench-acl-'));
  let redis;
  try {
    const port = await freePort();
    redis = await startRedis(port, dir);
    const version = /v=(\S+)/.exec(
      spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout,
    )?.[1];
    console.log(`acl plan: redis-server ${version ?? '?'}, node ${process.version} ${NODE_FLAGS.join(' ')}`);
    const tiny = join(dir, 'one-line.acl');
    writeFileSync(tiny, `${DEFAULT}\n`);
    floor = median(await Promise.all([0, 1, 2].map(() => run(['plan', tiny], port).then((r) => r.peak))));
    console.log(
      `acl plan of a one-line file: peak RSS ${mb(floor)} MB (the floor: Node, the bundle, one connection)`,
    );
    const files = {};
    for (const patterns of [8_000, 32_000, 200_000]) {
      files[patterns] = join(dir, `user-${patterns}.acl`);
      writeFileSync(files[patterns], oneUser(patterns));
      await measure(`1 user x ${n(patterns)} key patterns, a create`, files[patterns], port);
    }
    const big = join(dir, 'ten-mb.acl');
    writeFileSync(big, tenMegabytes());
    const users = readFileSync(big, 'utf8').split('\n').length - 2;
    await measure(`${n(users)} users x 1,000 key patterns, all creates`, big, port);
    await measure(`${n(users)} users x 1,000 key patterns, all creates, --json`, big, port, [
      'plan',
      big,
      '--json',
    ]);
    // Once the server has the user: ACL LIST read, parsed and compared ("Nothing to do").
    // Not 200,000: Redis itself adds each pattern after a scan of those before it (listSearchKey
    // in ACLSetSelector), so its own ACL SETUSER of 200,000 patterns runs for many minutes.
    const applied = await run(['apply', files[32_000], '--yes'], port);
    console.log(
      `acl apply of the 32,000 patterns (Redis's own ACL SETUSER is most of it): ${(applied.ms / 1000).toFixed(2)} s`,
    );
    await measure('1 user x 32,000 key patterns, the server already has them', files[32_000], port);
  } finally {
    redis?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === self) await aclPlanBench();
