// Quitting with the server down: `q` while the console retries a connection that is refused
// (also `node bench/quit.mjs`). It was 2,050 ms (ioredis waited 2 s on a socket that never
// closes); a figure, not a test: wall-clock time on a shared machine is no pass/fail.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NODE_FLAGS } from '../scripts/node-flags.mjs';
import { freePort } from './free-port.mjs';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_QUIT_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One run: ms from `q` to the process's exit, the console having retried for `retryMs`. */
function quitOnce(port, env, retryMs) {
  return new Promise((resolve, reject) => {
    const cmd = ['node', ...NODE_FLAGS, join(root, 'bin/redis-warden.js'), '-p', String(port)]
      .map((a) => `'${a}'`)
      .join(' ');
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${cmd}`, '/dev/null'], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    let sent;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the console did not start and quit within 20 s'));
    }, 20_000);
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (sent === undefined && out.includes('7 Profiles')) {
        sent = null;
        // Retrying by then: the quit meets a connection attempt under way.
        setTimeout(() => {
          sent = performance.now();
          child.stdin.write('q');
        }, retryMs);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (typeof sent === 'number') resolve(performance.now() - sent);
      else reject(new Error(`exited before q: ${out.slice(-300)}`));
    });
  });
}

export async function quitBench() {
  const dir = mkdtempSync(join(tmpdir(), 'rw-bench-quit-'));
  // A port nobody listens on: the console retries, refused.
  const port = await freePort();
  const env = {
    XDG_CONFIG_HOME: join(dir, 'c'),
    XDG_STATE_HOME: join(dir, 's'),
    TERM: 'xterm',
    REDISCLI_AUTH: '',
  };
  try {
    const xs = [];
    for (let i = 0; i < RUNS; i++) xs.push(await quitOnce(port, env, 1000));
    console.log(
      `quit with the server down (q to exit): median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms over ${RUNS} (was 2,050 ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await quitBench();
