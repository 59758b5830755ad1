// The console in a real pseudo-terminal (util-linux `script`), as an operator runs it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from './until.js';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'redis-warden.js');

/** Fresh config/state dirs and a plain terminal for one console run; cleanup() removes them. */
export function ptyEnv(prefix: string): { env: NodeJS.ProcessEnv; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'c'),
    XDG_STATE_HOME: join(root, 's'),
    TERM: 'xterm',
    REDISCLI_AUTH: '',
  };
  return { env, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface Pty {
  child: ChildProcess;
  output: () => string;
  /** Resolves true once the screen output contains `text`, false after `ms`. */
  waitFor: (text: string, ms?: number) => Promise<boolean>;
  exited: () => Promise<unknown>;
}

export function runInPty(args: string[], env: NodeJS.ProcessEnv, shellPrefix = ''): Pty {
  const child = spawn(
    'script',
    ['-qfec', `stty cols 100 rows 30; ${shellPrefix}exec node ${BIN} ${args.join(' ')}`, '/dev/null'],
    {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise((r) => child.once('exit', r));
  return {
    child,
    output: () => out,
    async waitFor(text, ms = 8000) {
      // A boolean, not a throw: some callers check that a text does NOT come.
      return until(() => out.includes(text), text, ms, 50).then(
        () => true,
        () => false,
      );
    },
    exited: () => exit,
  };
}
