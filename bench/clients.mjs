// The Clients pane with 10,000 connected clients on a real redis-server (issue 5: a refresh,
// i.e. fetch, parse, merge and render, at most 100 ms on the console's side; moving the
// selection at most 16 ms a frame; RSS at most 150 MB; the console's polling at most 1% of
// the server's main thread). Run by `npm run bench`, or alone: `node bench/clients.mjs` (it
// bundles what it runs; no `npm run build` needed).
//  - the server: its own redis-server, --maxclients 10500. A "holder" node process (not the
//    one measured) opens BENCH_CLIENTS raw sockets, 500 at a time so the accept backlog is
//    not overrun: most CLIENT SETNAME (names of varied length), some AUTH as app1..app5
//    first, some run a GET; all stay open. INFO clients must say >= BENCH_CLIENTS.
//  - the console: the real app (bootApp, the TUI's wiring) rendered by Ink into a 100x30 fake
//    terminal in a fresh node process, connected as the default (admin) user; '3' is pressed
//    and the clock runs to the frame holding the table and "10,0.. clients" (first list).
//  - refresh: the feed paused (p), then `app.actions.clients.refresh()` called N times, each
//    timed from the call to the frame written that says "read 0s ago"; the console's CPU over
//    the same interval; the server's own time for that CLIENT LIST from INFO commandstats
//    (read by this process before and after, over another connection). Console side = wall
//    minus the server's usec.
//  - moving the selection: `j` pressed 200 times, each timed from the key to the frame written.
//  - RSS of the console: sampled every 50 ms through the run (peak) and VmHWM.
//  - server share: the feed resumed (p) and left to its own pace for BENCH_CLIENTS_WATCH_S;
//    INFO commandstats `client|list` usec over the wall time, the polls and their interval,
//    and (context) INFO used_cpu_* over the same window beside a window without CLIENT LIST.
import { FakeStdin } from './fake-terminal.mjs';
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { startBenchChild } from './bench-child.mjs';
import { bundleApp } from './bundle-app.mjs';
import { freePort } from './free-port.mjs';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const BATCH = Number(process.env.BENCH_CLIENTS_BATCH ?? 500);
const REFRESHES = Number(process.env.BENCH_CLIENTS_REFRESHES ?? 25);
const MOVES = Number(process.env.BENCH_CLIENTS_MOVES ?? 200);
const WATCH_S = Number(process.env.BENCH_CLIENTS_WATCH_S ?? 30);
const APP_USERS = 5;
const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
// BENCH_CLIENTS_PROF=DIR: the console child writes V8 CPU profiles there, from an unminified
// bundle: refreshes.cpuprofile (the refreshes only) and the whole run's; moves.heapprofile
// (what the moves allocate, garbage included); end.heapsnapshot (after the run and a full GC).
const PROF = process.env.BENCH_CLIENTS_PROF;
// BENCH_CLIENTS_TRACE=1: every refresh and every move over 16 ms, one line each.
const TRACE = process.env.BENCH_CLIENTS_TRACE;
// BENCH_CLIENTS_NODE_ARGS="--trace-gc": node flags for the console child (its stdout is shown).
const NODE_ARGS = (process.env.BENCH_CLIENTS_NODE_ARGS ?? '').split(' ').filter(Boolean);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)];
const mean = (xs) => xs.reduce((a, x) => a + x, 0) / xs.length;
const ms = (x) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const mb = (bytes) => (bytes / 1048576).toFixed(0);
const n = (x) => x.toLocaleString('en-US');

const serverVersion = () =>
  /v=(\S+)/.exec(spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? '?';

const startRedis = (port, dir) =>
  spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--maxclients',
      String(CLIENTS + 500),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );

async function connectAdmin(port) {
  const { Redis } = await import('ioredis');
  const redis = new Redis({
    host: '127.0.0.1',
    port,
    protocol: 2,
    lazyConnect: true,
    retryStrategy: null,
    maxRetriesPerRequest: 0,
  });
  redis.on('error', () => {});
  for (let t = 0; ; t += 50) {
    try {
      await redis.connect();
      return redis;
    } catch (err) {
      if (t > 5000) throw new Error(`redis-server did not start on ${port}`, { cause: err });
      await sleep(50);
    }
  }
}

const infoFields = async (redis, section) =>
  Object.fromEntries(
    (await redis.info(section))
      .split('\r\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]),
  );

/** INFO commandstats' CLIENT LIST: calls and usec (the server's own time in the command). */
async function clientListStats(redis) {
  const stats = await infoFields(redis, 'commandstats');
  const of = (name) => {
    const v = stats[`cmdstat_${name}`] ?? 'calls=0,usec=0';
    return { calls: Number(/calls=(\d+)/.exec(v)[1]), usec: Number(/usec=(\d+)/.exec(v)[1]) };
  };
  // The feed also reads ACL LIST with each poll (who is disabled now): counted in its share.
  const acl = of('acl|list');
  return { ...of('client|list'), aclCalls: acl.calls, aclUsec: acl.usec };
}

/** The server's CPU (s): the whole process, and its main thread alone. */
async function serverCpu(redis) {
  const f = await infoFields(redis, 'cpu');
  return {
    all: Number(f.used_cpu_sys) + Number(f.used_cpu_user),
    main: Number(f.used_cpu_sys_main_thread) + Number(f.used_cpu_user_main_thread),
  };
}

/**
 * The machine's busy CPU time and the part of it this bench's own processes used (ticks):
 * the rest is other work on the machine (a type check, a test run) competing with the console.
 */
function machine(pids) {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const busy = f[0] + f[1] + f[2] + f[5] + f[6]; // user nice system irq softirq
  let ours = 0;
  for (const pid of pids) {
    try {
      const st = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ours += Number(st[11]) + Number(st[12]) + Number(st[13]) + Number(st[14]);
    } catch {
      // gone
    }
  }
  return { busy, ours, at: performance.now() };
}
const cores = Number(spawnSync('nproc', { encoding: 'utf8' }).stdout) || 1;
/** Other processes' share of the machine between two machine() samples (% of all cores). */
const others = (a, b) => (((b.busy - a.busy - (b.ours - a.ours)) * 10) / ((b.at - a.at) * cores)) * 100;

// ---------------------------------------------------------------------------------------
// The holder: BENCH_CLIENTS raw connections, kept open, in a process of their own.

const resp = (...args) =>
  `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

/** What connection i says once connected: the commands, and how many replies to wait for. */
function greeting(i) {
  const names = [
    () => `worker-${i}`,
    () => `worker-${i}`,
    () => `orders-api-${i % 64}-${i}`,
    () => `sidekiq:prod-web-${(i * 7919) % 997}:pid${1000 + (i % 30000)}`,
    () => `w${i}`,
    () => `celery@ip-10-0-${i % 256}-${(i * 31) % 256}.eu-west-1.compute.internal-${i}`,
  ];
  const name = names[i % names.length]();
  const cmds = [];
  const kind = i % 20;
  if (kind < 3 || kind === 10) {
    const u = `app${(Math.floor(i / 20) % APP_USERS) + 1}`;
    cmds.push(resp('AUTH', u, `pw-${u}`));
  }
  if (kind === 5 || kind === 15 || kind === 10) cmds.push(resp('GET', `app:key:${i % 1000}`));
  else cmds.push(resp('CLIENT', 'SETNAME', name));
  return { text: cmds.join(''), replies: cmds.length };
}

async function holder() {
  const port = Number(process.env.RW_BENCH_PORT);
  const total = Number(process.env.RW_BENCH_CLIENTS);
  const sockets = [];
  let errors = 0;
  let firstError;
  const open = (i) =>
    new Promise((resolve, reject) => {
      const { text, replies } = greeting(i);
      const s = netConnect({ host: '127.0.0.1', port });
      let lines = 0;
      let done = false;
      s.setEncoding('latin1');
      s.on('connect', () => s.write(text));
      s.on('data', (d) => {
        for (let k = d.indexOf('\n'); k >= 0; k = d.indexOf('\n', k + 1)) lines += 1;
        if (d.startsWith('-') || d.includes('\n-')) {
          errors += 1;
          firstError ??= d.trim();
        }
        // GET of a missing key: one line ($-1); +OK: one line.
        if (!done && lines >= replies) {
          done = true;
          resolve();
        }
      });
      s.on('error', (err) => {
        if (!done) {
          done = true;
          reject(err);
        }
      });
      sockets.push(s);
    });
  const t0 = performance.now();
  for (let from = 0; from < total; from += BATCH) {
    const batch = [];
    for (let i = from; i < Math.min(total, from + BATCH); i++) batch.push(open(i));
    await Promise.all(batch);
  }
  process.send({ type: 'opened', ms: performance.now() - t0, sockets: sockets.length, errors, firstError });
  // Kept open until killed, or until the bench is gone.
  setInterval(() => {}, 60_000);
  process.on('disconnect', () => process.exit(0));
}

function startHolder(port) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [self, '--holder'], {
      env: { ...process.env, RW_BENCH_PORT: String(port), RW_BENCH_CLIENTS: String(CLIENTS) },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let err = '';
    proc.stderr.on('data', (d) => (err += d.toString()));
    const timer = setTimeout(() => reject(new Error('holder: connections not open within 60 s')), 60_000);
    proc.once('message', (m) => {
      clearTimeout(timer);
      resolve({ proc, ...m });
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`holder exited (${code}): ${err.slice(-2000)}`));
    });
  });
}

// ---------------------------------------------------------------------------------------
// The bench (this process): server, holder, console child, INFO from the side.

/** The app as the TUI wires it (bench/bundle-app.mjs). */
const bundle = (outdir) =>
  bundleApp(
    outdir,
    'clients',
    [
      "export { NodeConnection } from './src/redis/node.js';",
      "export { parseClientList } from './src/redis/parse/client-list.js';",
    ],
    { minify: !PROF },
  );

/** The console in a child process; `ask(type)` sends a request and waits for its reply. */
async function startConsole(bundlePath, port, xdg) {
  return startBenchChild({
    script: self,
    env: {
      RW_BENCH_BUNDLE: bundlePath,
      RW_BENCH_PORT: String(port),
      RW_BENCH_CLIENTS: String(CLIENTS),
      ...(PROF ? { RW_BENCH_PROF: PROF } : {}),
      XDG_CONFIG_HOME: join(xdg, 'config'),
      XDG_STATE_HOME: join(xdg, 'state'),
    },
    nodeArgs: [...(PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : []), '--expose-gc', ...NODE_ARGS],
    // Ink writes to a fake terminal: the child's own stdout only carries what NODE_ARGS print.
    stdout: NODE_ARGS.length ? 'inherit' : 'ignore',
    readyMs: 30_000,
    askMs: 30_000,
    stopMs: 10_000,
  });
}

export async function clientsBench() {
  const fds = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
  if (fds < CLIENTS + 100)
    throw new Error(
      `ulimit -n is ${fds}: the holder and redis-server each need ${CLIENTS} descriptors and more; raise it (ulimit -n ${CLIENTS + 1000}) or lower BENCH_CLIENTS`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'rw-bench-clients-'));
  // Inside node_modules so the bundle resolves yoga-layout and the keyring like dist/ does,
  // and out of dist/, which `npm run build` may remove while the bench runs.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, 'rw-bench-clients-'));
  let redis;
  let admin;
  let hold;
  let tui;
  try {
    const port = await freePort();
    redis = startRedis(port, dir);
    const [app, a] = await Promise.all([bundle(outdir), connectAdmin(port)]);
    admin = a;
    for (let u = 1; u <= APP_USERS; u++)
      await admin.acl('SETUSER', `app${u}`, 'on', `>pw-app${u}`, '~app:*', '+@read', '+@connection');

    // 1. The connections, from the holder process.
    hold = await startHolder(port);
    const connected = Number((await infoFields(admin, 'clients')).connected_clients);
    if (hold.errors) throw new Error(`holder: ${hold.errors} error replies, e.g. ${hold.firstError}`);
    if (connected < CLIENTS) throw new Error(`INFO clients: connected_clients ${connected} < ${CLIENTS}`);
    console.log(
      `clients: ${n(hold.sockets)} connections opened in ${ms(hold.ms)} ms (${BATCH} at a time, from a holder process); INFO connected_clients ${n(connected)} (redis-server ${serverVersion()}, ulimit -n ${fds})`,
    );

    // 2. The console, its first list.
    tui = await startConsole(app, port, join(dir, 'console'));
    const pids = [process.pid, redis.pid, hold.proc.pid, tui.proc.pid];
    const m0 = machine(pids);
    const first = await tui.ask('open');
    console.log(
      `  first list (key '3' to the frame with the table and "${n(first.count)} clients"): ${ms(first.wall)} ms, console CPU ${ms(first.cpu)} ms`,
    );
    await tui.ask('pause');

    // 3a. Refreshes, one at a time, with the server's own time for each CLIENT LIST.
    const refreshes = [];
    if (PROF) await tui.ask('profileStart');
    for (let i = 0; i < REFRESHES; i++) {
      // Past the last "read Ns ago" (rounded), past Ink's 33 ms throttle.
      await sleep(1100);
      const s0 = await clientListStats(admin);
      const r = await tui.ask('refresh');
      const s1 = await clientListStats(admin);
      if (s1.calls - s0.calls !== 1)
        throw new Error(`refresh ${i}: ${s1.calls - s0.calls} CLIENT LIST calls, not 1`);
      refreshes.push({ ...r, serverMs: (s1.usec - s0.usec) / 1000 });
    }
    if (PROF) await tui.ask('profileStop');
    if (TRACE)
      for (const r of refreshes)
        console.log(
          `  refresh: wall ${ms(r.wall)} (server ${ms(r.serverMs)}, round trip ${ms(r.rtt)}, parse+merge ${ms(r.parse)}, render ${ms(r.render)}), CPU ${ms(r.cpu)}, GC ${ms(r.gc)} ms`,
        );
    const side = refreshes.map((r) => r.wall - r.serverMs);
    const pick = (k) => refreshes.map((r) => r[k]);
    console.log(
      `clients: refresh at ${n(CLIENTS)} clients: console side median ${ms(median(side))} ms, p95 ${ms(p95(side))} ms (goal <= 100 ms)`,
    );
    console.log(
      `  ${REFRESHES} refreshes (feed paused, refresh() called), from the call to the frame written saying "read 0s ago", minus the server's own CLIENT LIST time (INFO commandstats: median ${ms(median(pick('serverMs')))} ms); wall median ${ms(median(pick('wall')))} ms, p95 ${ms(p95(pick('wall')))} ms`,
    );
    console.log(
      `  console CPU over the same interval: median ${ms(median(pick('cpu')))} ms, p95 ${ms(p95(pick('cpu')))} ms; reply ${(median(pick('bytes')) / 1048576).toFixed(1)} MB, ${n(median(pick('rows')))} rows`,
    );
    console.log(
      `  where the wall time goes (medians): CLIENT LIST sent to reply received ${ms(median(pick('rtt')))} ms (server ${ms(median(pick('serverMs')))} ms + transfer and RESP read), reply to store updated (parse, merge) ${ms(median(pick('parse')))} ms, store to frame written (React, Ink) ${ms(median(pick('render')))} ms; GC pauses within: median ${ms(median(pick('gc')))} ms, max ${ms(Math.max(...pick('gc')))} ms`,
    );

    // 3b. Moving the selection (and the server's CPU without CLIENT LIST, for 3d's context).
    const m1 = machine(pids);
    const c0 = await serverCpu(admin);
    const l0 = await clientListStats(admin);
    const tq0 = performance.now();
    if (PROF) await tui.ask('allocStart');
    const mv = await tui.ask('moves', 120_000);
    if (PROF) await tui.ask('allocStop');
    const quietS = (performance.now() - tq0) / 1000;
    const c1 = await serverCpu(admin);
    const l1 = await clientListStats(admin);
    if (l1.calls !== l0.calls)
      throw new Error(`paused, yet ${l1.calls - l0.calls} CLIENT LIST calls while moving`);
    if (MOVES > 0) {
      if (mv.moved !== MOVES) throw new Error(`after ${MOVES} moves the selection moved ${mv.moved}`);
      console.log(
        `clients: moving the selection at ${n(CLIENTS)} clients: median ${ms(median(mv.walls))} ms, p95 ${ms(p95(mv.walls))} ms per frame (goal <= 16 ms)`,
      );
      console.log(
        `  ${mv.walls.length} presses of j, from the key to the frame written (selection ${mv.from} -> ${mv.from + mv.moved}); CPU median ${ms(median(mv.cpus))} ms; Ink's render step alone (onRender renderTime): median ${ms(median(mv.renders))} ms, p95 ${ms(p95(mv.renders))} ms`,
      );
      if (TRACE)
        mv.walls.forEach((x, i) => {
          if (x > 16)
            console.log(
              `  move ${i + 1}: ${ms(x)} ms, CPU ${ms(mv.cpus[i])}, Ink render ${ms(mv.renders[i])}, GC ${ms(mv.gcMs[i])}`,
            );
        });
      const slow = mv.walls.map((x, i) => [x, mv.gcMs[i]]).filter(([x]) => x > 16);
      console.log(
        `  ${slow.length} of ${mv.walls.length} over 16 ms${slow.length ? `: ${slow.filter(([, g]) => g > 1).length} of them with a GC pause in the window (${ms(slow.reduce((a, [, g]) => a + g, 0))} ms of GC in all); slowest ${ms(Math.max(...mv.walls))} ms` : ''}`,
      );
    }

    // 3d. The feed on its own pace: the server's share.
    const m2 = machine(pids);
    const w = await tui.ask('resume');
    const s0 = await clientListStats(admin);
    const u0 = await serverCpu(admin);
    const t0 = performance.now();
    await sleep(WATCH_S * 1000);
    const s1 = await clientListStats(admin);
    const u1 = await serverCpu(admin);
    const secs = (performance.now() - t0) / 1000;
    const still = Number((await infoFields(admin, 'clients')).connected_clients);
    const m3 = machine(pids);
    const st = await tui.ask('stats');
    const calls = s1.calls - s0.calls;
    const usec = s1.usec - s0.usec;
    const aclUsec = s1.aclUsec - s0.aclUsec;
    const share = ((usec + aclUsec) / 1e6 / secs) * 100;
    const polls = st.polls.filter((p) => p.at >= w.at);
    const gaps = polls.slice(1).map((p, i) => p.polledAt - polls[i].polledAt);
    const paces = polls.filter((p) => p.nextAt).map((p) => p.nextAt - p.polledAt);

    // 3c. RSS (reported after the watch: the peak covers every phase).
    console.log(
      `clients: RSS of the console at ${n(CLIENTS)} clients: peak ${mb(st.peakRss)} MB (goal <= 150 MB)`,
    );
    console.log(
      `  sampled every 50 ms from connecting to the end of the watch (VmHWM ${mb(st.hwm)} MB); after the refreshes ${mb(refreshes.at(-1).rss)} MB, after the moves ${mb(mv.rss)} MB, at the end ${mb(st.rss)} MB (V8 heap ${mb(st.heapTotal)} MB, of which used ${mb(st.heapUsed)} MB; external ${mb(st.external)} MB, of which ArrayBuffers ${mb(st.arrayBuffers)} MB)`,
    );
    console.log(
      `  V8 heap pages by space at the end (MB): ${Object.entries(st.spaces)
        .filter(([, b]) => b >= 1048576)
        .map(([k, b]) => `${k} ${mb(b)}`)
        .join(', ')}`,
    );
    console.log(
      `  before '3' (connected, no list): ${mb(first.before)} MB (V8 heap ${mb(first.beforeHeap)} MB, of which used ${mb(first.beforeHeapUsed)} MB); after a full GC at the end: heap used ${mb(st.gcHeapUsed)} MB, RSS ${mb(st.gcRss)} MB`,
    );
    console.log(
      `clients: server's main thread on the console's polling (CLIENT LIST + ACL LIST): ${share.toFixed(2)}% (goal <= 1%)`,
    );
    console.log(
      `  ${n(still)} clients connected at the end; ${secs.toFixed(0)} s of the feed at its own pace: ${calls} CLIENT LIST, ${calls ? ms(usec / 1000 / calls) : '-'} ms each, and ${s1.aclCalls - s0.aclCalls} ACL LIST, ${ms(aclUsec / 1000)} ms in all (INFO commandstats usec); mean interval ${gaps.length ? (mean(gaps) / 1000).toFixed(2) : '-'} s (the feed's pace: ${paces.length ? (median(paces) / 1000).toFixed(2) : '-'} s, i.e. max(1 s, 100 x the median round trip of ${polls.length ? ms(median(polls.map((p) => p.ms))) : '-'} ms))`,
    );
    const pct = (d, s) => ((d / s) * 100).toFixed(2);
    console.log(
      `  context, INFO used_cpu_sys+user: ${pct(u1.all - u0.all, secs)}% of a core while polling (main thread ${pct(u1.main - u0.main, secs)}%), ${pct(c1.all - c0.all, quietS)}% (main ${pct(c1.main - c0.main, quietS)}%) over ${quietS.toFixed(0)} s paused (no CLIENT LIST; ${n(CLIENTS)} idle clients, the console's ACL LOG tail)`,
    );
    if (st.parses.length) {
      const pw = st.parses.map((x) => x.wall);
      console.log(
        `clients: the parse alone (parseClientList of one ${n(CLIENTS)}-client reply in the console process, after the run, ${pw.length} times): median ${ms(median(pw))} ms (range ${ms(Math.min(...pw))}-${ms(Math.max(...pw))}), CPU median ${ms(median(st.parses.map((x) => x.cpu)))} ms, GC pauses within median ${ms(median(st.parses.map((x) => x.gc)))} ms`,
      );
    }
    const o = [others(m0, m1), others(m1, m2), others(m2, m3)];
    console.log(
      `clients: other processes' CPU on this ${cores}-core machine meanwhile (e.g. a type check or a test run): ${o.map((x) => `${Math.max(0, x).toFixed(0)}%`).join(', ')} of it during the first list and refreshes, the moves, the watch${Math.max(...o) > 10 ? ': the console competed for the CPU, its figures are pessimistic' : ''}`,
    );
  } finally {
    await tui?.stop().catch(() => tui.proc.kill('SIGKILL'));
    hold?.proc.kill('SIGKILL');
    admin?.disconnect();
    redis?.kill('SIGKILL');
    if (redis && redis.exitCode === null && redis.signalCode === null)
      await new Promise((r) => redis.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
    rmSync(outdir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// The console child.

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** A terminal 100x30: frames are kept (the last ones only) with the time they were written. */
class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  writes = [];
  count = 0;
  write = (s) => {
    this.writes.push({ at: performance.now(), cpu: cpuMs(), s: String(s), i: this.count++ });
    if (this.writes.length > 64) this.writes.splice(0, 32);
    this.emit('frame');
    return true;
  };
  /** The first frame written from write number `from` on that passes `test`. */
  find(from, test) {
    return this.writes.find((w) => w.i >= from && test(w.s));
  }
}

/**
 * Resolves once test() holds: checked at every frame written (no busy polling in the process
 * measured, whose CPU is counted), and every 50 ms for what comes without a frame.
 */
function until(test, what, screen, timeoutMs = 15_000) {
  if (test()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!test()) return;
      done();
      resolve();
    };
    const done = () => {
      screen.off('frame', onFrame);
      clearInterval(slow);
      clearTimeout(timer);
    };
    // After the write returns: Ink may still be inside its render when it writes.
    const onFrame = () => process.nextTick(check);
    screen.on('frame', onFrame);
    const slow = setInterval(check, 50);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${what}; last frame:\n${screen.writes.at(-1)?.s ?? '(none)'}`));
    }, timeoutMs);
  });
}

async function child() {
  const m = await import(pathToFileURL(process.env.RW_BENCH_BUNDLE).href);
  const want = Number(process.env.RW_BENCH_CLIENTS);
  // Each CLIENT LIST timed: sent, reply received, size. Wrapped as it is, nothing else changes.
  let lastList;
  let listAgain;
  const callBuffer = m.NodeConnection.prototype.callBuffer;
  m.NodeConnection.prototype.callBuffer = async function timedCallBuffer(command, args) {
    if (command !== 'CLIENT' || args?.[0] !== 'LIST') return callBuffer.call(this, command, args);
    const rec = { sent: performance.now() };
    lastList = rec;
    listAgain = () => callBuffer.call(this, 'CLIENT', ['LIST']);
    const reply = await callBuffer.call(this, command, args);
    rec.reply = performance.now();
    rec.bytes = reply?.length ?? 0;
    return reply;
  };
  // GC pauses (start, duration), to tell a slow frame's GC from its work.
  const gcs = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ at: e.startTime, ms: e.duration });
    if (gcs.length > 4096) gcs.splice(0, 2048);
  }).observe({ entryTypes: ['gc'] });
  const gcIn = (from, to) =>
    gcs.reduce((a, g) => a + Math.max(0, Math.min(to, g.at + g.ms) - Math.max(from, g.at)), 0);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

  const { store: profiles } = m.openProfileStore();
  const journal = m.openJournal();
  const app = await m.bootApp({
    profiles,
    journal,
    connection: { spec: { host: '127.0.0.1', port: Number(process.env.RW_BENCH_PORT) }, readOnly: false },
  });
  const state = () => app.store.get();
  // Every store update of the list: when, the console's CPU then, and the feed's figures.
  const polls = [];
  let polledAt;
  let sel;
  let selAt = 0;
  // Subscribed before Ink renders anything, so it runs before React sees a change.
  app.store.subscribe(() => {
    if (state().ui.selection.clients !== sel) {
      sel = state().ui.selection.clients;
      selAt = performance.now();
    }
    const c = state().clients;
    if (c.polledAt === polledAt) return;
    polledAt = c.polledAt;
    const node = Object.values(c.nodes)[0];
    polls.push({
      at: performance.now(),
      cpu: cpuMs(),
      polledAt,
      nextAt: c.nextAt,
      ms: node?.ms,
      list: lastList,
    });
  });
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const renders = [];
  const ink = m.render(
    app.element(() => {}),
    {
      stdout,
      stderr: new FakeStdout(),
      stdin: new m.KeyStream(stdin),
      exitOnCtrlC: false,
      patchConsole: false,
      onRender: ({ renderTime }) => {
        renders.push({ at: performance.now(), renderTime });
        if (renders.length > 512) renders.splice(0, 256);
      },
    },
  );
  await until(
    () => (state().connection?.nodes ?? []).some((n) => n.state === 'ready'),
    'the connection',
    stdout,
  );
  // Quiet first: no frame pending in Ink's 30 fps throttle when a key goes in.
  const quiet = async () => {
    for (let k = -1; k !== stdout.count;) {
      k = stdout.count;
      await sleep(150);
    }
  };
  await quiet();
  const countRe = /(\d{1,3}(?:,\d{3})+|\d+) clients/;
  const tableShown = (s) => {
    const c = countRe.exec(s);
    if (!c || Number(c[1].replaceAll(',', '')) < want) return false;
    return (s.match(/127\.0\.0\.1:\d+/g) ?? []).length >= 10;
  };

  const profiler = new inspector.Session();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      profiler.post(method, params, (err, r) => (err ? reject(err) : resolve(r))),
    );
  const handlers = {
    async profileStart() {
      profiler.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
      return {};
    },
    async allocStart() {
      profiler.connect();
      await post('HeapProfiler.enable');
      await post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      return {};
    },
    async allocStop() {
      const { profile } = await post('HeapProfiler.stopSampling');
      writeFileSync(join(process.env.RW_BENCH_PROF, 'moves.heapprofile'), JSON.stringify(profile));
      profiler.disconnect();
      return {};
    },
    async profileStop() {
      const { profile } = await post('Profiler.stop');
      writeFileSync(join(process.env.RW_BENCH_PROF, 'refreshes.cpuprofile'), JSON.stringify(profile));
      profiler.disconnect();
      return {};
    },
    async open() {
      const { rss: before, heapUsed: beforeHeapUsed, heapTotal: beforeHeap } = process.memoryUsage();
      const mark = stdout.count;
      const [t0, c0] = [performance.now(), cpuMs()];
      stdin.write('3');
      await until(() => stdout.find(mark, tableShown), 'the first list', stdout, 30_000);
      const f = stdout.find(mark, tableShown);
      return {
        wall: f.at - t0,
        cpu: f.cpu - c0,
        count: state().clients.rows.length,
        before,
        beforeHeap,
        beforeHeapUsed,
      };
    },
    async pause() {
      await quiet();
      const mark = stdout.count;
      stdin.write('p');
      await until(() => stdout.find(mark, (s) => s.includes('PAUSED')), 'PAUSED', stdout);
      // A poll in flight when p was pressed is dropped by the feed; let it land.
      await sleep(500);
      await quiet();
      return {};
    },
    async refresh() {
      const mark = stdout.count;
      const p0 = polls.length;
      const [t0, c0] = [performance.now(), cpuMs()];
      const ok = await app.actions.clients.refresh();
      if (!ok) throw new Error('refresh() resolved false');
      const shown = (s) => s.includes('read 0s ago') && tableShown(s);
      await until(() => polls.length > p0 && stdout.find(mark, shown), 'the refreshed frame', stdout);
      const f = stdout.find(mark, shown);
      const p = polls[p0];
      const mem = process.memoryUsage();
      // GC entries reach the observer a little later.
      await sleep(30);
      return {
        gc: gcIn(t0, f.at),
        wall: f.at - t0,
        cpu: f.cpu - c0,
        rtt: p.list.reply - p.list.sent,
        parse: p.at - p.list.reply,
        render: f.at - p.at,
        bytes: p.list.bytes,
        rows: state().clients.rows.length,
        rss: mem.rss,
      };
    },
    async moves() {
      await quiet();
      const walls = [];
      const cpus = [];
      const rs = [];
      const gcMs = [];
      const from = state().ui.selection.clients ?? 0;
      for (let i = 0; i < MOVES; i++) {
        // Past Ink's 33 ms throttle window, so each key gets its own frame at once.
        await sleep(40);
        const mark = stdout.count;
        const r = renders.length;
        const [t, c] = [performance.now(), cpuMs()];
        stdin.write('j');
        // The frame that shows the move (not the freshness line's 1 s tick).
        await until(
          () => selAt > t && stdout.writes.some((w) => w.i >= mark && w.at >= selAt),
          `the frame of move ${i + 1}`,
          stdout,
          5000,
        );
        const f = stdout.writes.find((w) => w.i >= mark && w.at >= selAt);
        walls.push(f.at - t);
        cpus.push(f.cpu - c);
        const step = renders.slice(r).filter((x) => x.at <= f.at);
        rs.push(step.reduce((a, x) => a + x.renderTime, 0));
        gcMs.push([t, f.at]);
      }
      await sleep(50);
      for (let i = 0; i < gcMs.length; i++) gcMs[i] = gcIn(...gcMs[i]);
      return {
        walls,
        cpus,
        renders: rs,
        gcMs,
        from,
        moved: state().ui.selection.clients - from,
        rss: process.memoryUsage().rss,
      };
    },
    async resume() {
      const p0 = polls.length;
      const at = performance.now();
      stdin.write('p');
      // The first poll after resuming is immediate: the watch starts once it is in.
      await until(() => polls.length > p0, 'the first poll after resuming', stdout);
      return { at };
    },
    async stats() {
      const mem = process.memoryUsage();
      peakRss = Math.max(peakRss, mem.rss);
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) * 1024;
      // What is live, not garbage waiting for the next full GC (--expose-gc; the run is over).
      globalThis.gc?.();
      const after = process.memoryUsage();
      if (process.env.RW_BENCH_PROF)
        v8.writeHeapSnapshot(join(process.env.RW_BENCH_PROF, 'end.heapsnapshot'));
      // Last, with the figures above taken: the parse alone, on one more reply, five times.
      const parses = [];
      if (listAgain) {
        const reply = await listAgain();
        for (let i = 0; i < 5; i++) {
          const [t, c] = [performance.now(), cpuMs()];
          m.parseClientList(reply, 'bench');
          const [t1, c1] = [performance.now(), cpuMs()];
          await sleep(30);
          parses.push({ wall: t1 - t, cpu: c1 - c, gc: gcIn(t, t1) });
          await sleep(200);
        }
      }
      return {
        parses,
        gcHeapUsed: after.heapUsed,
        gcRss: after.rss,
        heapTotal: mem.heapTotal,
        // Where the heap's pages are (committed), before the full GC: new space is the young
        // generation's two semi-spaces.
        spaces: Object.fromEntries(
          v8
            .getHeapSpaceStatistics()
            .map((x) => [x.space_name.replace(/_space$/, ''), x.physical_space_size]),
        ),
        external: mem.external,
        arrayBuffers: mem.arrayBuffers,
        polls: polls.map(({ list, ...p }) => ({ ...p, rtt: list ? list.reply - list.sent : undefined })),
        peakRss,
        hwm,
        rss: mem.rss,
        heapUsed: mem.heapUsed,
      };
    },
  };
  process.on('message', async (msg) => {
    if (msg.type === 'quit') {
      clearInterval(sampler);
      ink.unmount();
      await app.close();
      process.exit(0);
    }
    try {
      process.send({ type: msg.type, ...(await handlers[msg.type]()) });
    } catch (err) {
      process.send({ type: 'error', message: err.stack ?? String(err) });
    }
  });
  // The bench gone (killed, crashed): so is this console.
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready' });
}

if (process.argv[1] === self) {
  if (process.argv[2] === '--child') await child();
  else if (process.argv[2] === '--holder') await holder();
  else await clientsBench();
}
