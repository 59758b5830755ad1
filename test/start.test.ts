// Starting the console in a real terminal when the default profile cannot connect.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'bin', 'redis-warden.js');

it('a default profile whose password variable is unset opens the console on Profiles, saying why', async () => {
  const root = mkdtempSync(join(tmpdir(), 'rw-start-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'c'),
    XDG_STATE_HOME: join(root, 's'),
    TERM: 'xterm',
    REDISCLI_AUTH: '',
  };
  delete env.UNSET_PW_VAR;
  try {
    execFileSync(
      'node',
      [BIN, 'profiles', 'add', 'prod', '-p', '1', '--password-env', 'UNSET_PW_VAR', '--default'],
      { env },
    );
    const child = spawn('script', ['-qfec', `stty cols 120 rows 30; exec node ${BIN}`, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    for (let t = 0; t < 8000 && !out.includes('Pick or fix a profile'); t += 50)
      await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain('Not connected: environment variable UNSET_PW_VAR is not set');
    expect(out).toContain('prod');
    child.stdin.write('q');
    await new Promise((r) => child.once('exit', r));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}, 20_000);

it('SIGTERM (or a closed SSH session, SIGHUP) quits like q: terminal restored, process gone', async () => {
  const root = mkdtempSync(join(tmpdir(), 'rw-start-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'c'),
    XDG_STATE_HOME: join(root, 's'),
    TERM: 'xterm',
  };
  try {
    for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
      const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec node ${BIN} -p 1`, '/dev/null'], {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      for (let t = 0; t < 8000 && !out.includes('7 Profiles'); t += 50)
        await new Promise((r) => setTimeout(r, 50));
      const pids = execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
        .trim()
        .split('\n');
      for (const pid of pids) process.kill(Number(pid), signal);
      await new Promise((r) => child.once('exit', r));
      expect(out.endsWith('\x1b[?1049l') || out.includes('\x1b[?1049l'), signal).toBe(true);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}, 30_000);
