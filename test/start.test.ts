// Starting and stopping the console in a real terminal.
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BIN, ptyEnv, runInPty } from './helpers/pty.js';

let env: NodeJS.ProcessEnv;
let cleanup: () => void;
beforeEach(() => {
  ({ env, cleanup } = ptyEnv('rw-start-'));
  delete env.UNSET_PW_VAR;
});
afterEach(() => cleanup());

it('a default profile whose password variable is unset opens the console on Profiles, saying why', async () => {
  execFileSync(
    'node',
    [BIN, 'profiles', 'add', 'prod', '-p', '1', '--password-env', 'UNSET_PW_VAR', '--default'],
    { env },
  );
  const pty = runInPty([], env);
  expect(await pty.waitFor('Pick or fix a profile')).toBe(true);
  expect(pty.output()).toContain('Not connected: environment variable UNSET_PW_VAR is not set');
  expect(pty.output()).toContain('prod');
  pty.child.stdin?.write('q');
  await pty.exited();
}, 20_000);

it('SIGTERM (or a closed SSH session, SIGHUP) quits like q: terminal restored, process gone', async () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    const pty = runInPty(['-p', '1'], env);
    expect(await pty.waitFor('7 Profiles')).toBe(true);
    const pids = execFileSync('pgrep', ['-P', String(pty.child.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n');
    for (const pid of pids) process.kill(Number(pid), signal);
    await pty.exited();
    expect(pty.output(), signal).toContain('\x1b[?1049l');
  }
}, 30_000);

// How soon it quits (~250 ms; it was 2,050 ms, ioredis waiting 2 s on a socket that never
// closes) is a figure printed by bench/quit.mjs, not a wall-clock assertion here.
it('q with the server down, while the console retries, quits', async () => {
  const pty = runInPty(['-p', '1'], env);
  expect(await pty.waitFor('7 Profiles')).toBe(true);
  // Retrying by now: a connection was refused and said so.
  expect(await pty.waitFor('UNREACHABLE')).toBe(true);
  pty.child.stdin?.write('q');
  await pty.exited();
  expect(pty.output()).toContain('\x1b[?1049l');
}, 20_000);
