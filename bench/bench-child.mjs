// A console run in a child process for a bench, driven over IPC: `ask(type)` sends a request
// and resolves with the child's reply of that type (or rejects with its error, its exit, or a
// timeout, each carrying the end of its stderr).
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { NODE_FLAGS } from '../scripts/node-flags.mjs';

export async function startBenchChild({
  script,
  env,
  nodeArgs = [],
  stdout = 'ignore',
  readyMs = 20_000,
  askMs = 15_000,
  stopMs = 5000,
}) {
  const full = { ...process.env, ...env };
  // is-in-ci makes Ink skip writing frames; the benches need them.
  delete full.CI;
  delete full.CONTINUOUS_INTEGRATION;
  const proc = spawn(process.execPath, [...NODE_FLAGS, ...nodeArgs, script, '--child'], {
    env: full,
    stdio: ['ignore', stdout, 'pipe', 'ipc'],
  });
  let err = '';
  proc.stderr.on('data', (d) => (err += d.toString()));
  const replies = new EventEmitter();
  proc.on('message', (m) => replies.emit(m.type, m));
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const failed = exited.then((code) => {
    throw new Error(`console child exited (${code}): ${err.slice(-2000)}`);
  });
  failed.catch(() => {});
  const ask = (type, timeoutMs = askMs) =>
    Promise.race([
      failed,
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`console child: no ${type} reply: ${err.slice(-2000)}`)),
          timeoutMs,
        );
        replies.once('error', (m) => {
          clearTimeout(timer);
          reject(new Error(`console child: ${m.message}`));
        });
        replies.once(type, (m) => {
          clearTimeout(timer);
          replies.removeAllListeners('error');
          resolve(m);
        });
        if (type !== 'ready') proc.send({ type });
      }),
    ]);
  await ask('ready', readyMs);
  return {
    proc,
    ask,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.send({ type: 'quit' });
      const t = setTimeout(() => proc.kill('SIGKILL'), stopMs);
      await exited;
      clearTimeout(t);
    },
  };
}
