// How every headless command runs: signals taken, the time bound started, and every error
// turned into a clear message and an exit code, never a stack.
import type { Command } from 'commander';
import { UsageError } from './commands/context.js';
import { takeSignals } from './commands/signals.js';
import { safeErrorMessage } from './domain/redact.js';
import { toDisplay } from './domain/display.js';
import { NeedsInputError } from './profiles/errors.js';
import { countFromProcessStart } from './redis/deadline.js';
import { loaded } from './shim.js';

export type Run = (cmd: Command) => Promise<number>;

export function exitWith(code: number): void {
  process.exitCode = code;
}

/**
 * Runs a command body; turns every error into a clear message and an exit code, never a stack.
 * `tui`: the command opens the console (`incident resume`), which keeps its own signal handlers
 * (they restore the terminal first), as the bare command does.
 */
export function action(run: Run, opts: { tui?: boolean } = {}) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    try {
      if (cmd.name() !== 'redis-warden' && !opts.tui) {
        loaded();
        takeSignals(); // the TUI has its own: it restores the terminal first
        countFromProcessStart(); // --timeout bounds the command as an operator times it
      }
      exitWith(await run(cmd));
    } catch (err) {
      const usage = err instanceof UsageError || err instanceof NeedsInputError;
      process.stderr.write(`redis-warden: ${toDisplay(safeErrorMessage(err))}\n`);
      if (err instanceof UsageError) for (const line of err.details) process.stderr.write(`${line}\n`);
      exitWith(2);
      if (!usage && process.env.REDIS_WARDEN_DEBUG && err instanceof Error)
        process.stderr.write(`${err.stack ?? ''}\n`);
    }
  };
}
