import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { track, untrack } from './process-registry.js';
import { requireRedisServer } from './redis-binary.js';
import { connectRaw, RespError } from './resp-client.js';
import type { RawTarget } from './resp-client.js';

const READY_TIMEOUT_MS = 10_000;
const POLL_MS = 25;
const OUTPUT_LIMIT = 8192;

export interface Spawned {
  child: ChildProcess;
  /** stdout+stderr: config errors are printed there before the logfile is opened. */
  output(): string;
  exited: Promise<void>;
  running(): boolean;
}

export class RedisStartError extends Error {
  override readonly name = 'RedisStartError';

  constructor(
    message: string,
    readonly addressInUse: boolean,
  ) {
    super(message);
  }
}

export function logTail(dir: string, lines = 25): string {
  try {
    return readFileSync(join(dir, 'redis.log'), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no logfile yet)';
  }
}

export function spawnRedis(configPath: string, dir: string): Spawned {
  const binary = requireRedisServer();
  const child = spawn(binary.path, [configPath], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // A server a test forgot to stop must not keep the worker alive; the exit hook kills it.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as Socket | null)?.unref();
  let done = false;
  const exited = new Promise<void>((resolve) => {
    const finish = () => ((done = true), resolve());
    child.once('exit', finish);
    // A failed spawn (ENOENT, EACCES) emits 'error' and never 'exit'.
    child.once('error', (error) => {
      collect(Buffer.from(`spawn failed: ${error.message}\n`));
      finish();
    });
  });
  track(child, dir);
  void exited.then(() => untrack(child.pid));
  return { child, output: () => output, exited, running: () => !done };
}

async function answersPing(target: RawTarget): Promise<boolean> {
  let conn;
  try {
    conn = await connectRaw({ ...target, timeoutMs: 1000 });
    await conn.call('PING');
    return true;
  } catch (error) {
    // NOAUTH and friends still prove the server is up and parsing commands; LOADING does not.
    return error instanceof RespError && !error.message.startsWith('LOADING');
  } finally {
    conn?.close();
  }
}

function describeFailure(what: string, spawned: Spawned, dir: string): RedisStartError {
  const output = spawned.output().trim();
  const log = logTail(dir);
  const text = `${output}\n${log}`;
  const inUse = /Address already in use|Could not create server TCP listening socket/i.test(text);
  return new RedisStartError(
    `redis-server ${what}\n--- output ---\n${output || '(none)'}\n--- ${join(dir, 'redis.log')} (tail) ---\n${log}`,
    inUse,
  );
}

/** Resolves once the server answers on `target` (and its unix socket exists); fails fast on exit. */
export async function waitReady(
  spawned: Spawned,
  target: RawTarget,
  dir: string,
  socketPath?: string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!spawned.running()) {
      const code = spawned.child.exitCode ?? spawned.child.signalCode;
      throw describeFailure(`exited during start-up (${String(code)})`, spawned, dir);
    }
    if ((await answersPing(target)) && (!socketPath || existsSync(socketPath))) return;
    await sleep(POLL_MS);
  }
  spawned.child.kill('SIGKILL');
  await spawned.exited;
  throw describeFailure(`did not accept connections within ${READY_TIMEOUT_MS / 1000} s`, spawned, dir);
}

/** Sends `signal`, escalating to SIGKILL when the process outlives `graceMs`. */
export async function endProcess(spawned: Spawned, signal: NodeJS.Signals, graceMs = 5000): Promise<void> {
  if (!spawned.running()) return;
  spawned.child.kill(signal);
  const grace = new AbortController();
  const timedOut = await Promise.race([
    spawned.exited.then(() => false),
    sleep(graceMs, undefined, { signal: grace.signal }).then(
      () => true,
      () => false,
    ),
  ]);
  grace.abort();
  if (timedOut) {
    spawned.child.kill('SIGKILL');
    await spawned.exited;
  }
}
