// One time bound for a whole headless command. It counts from when the process started (an
// operator times the command, not its connecting), or from the end of a password prompt (a
// prompt waits on a person, not a server). Every wait (the connection, each reply, the
// re-read, closing) is bounded by what is left, and the waits end a little early so closing
// and exiting fit inside the bound too; the message says how long it really waited.
import { performance } from 'node:perf_hooks';

/** What closing the links and exiting take, kept back from the waits (at most a tenth of the bound). */
export const EXIT_RESERVE_MS = 100;

let processStart: number | undefined;

/** cli.ts, once, as a headless command starts: its bounds count from the process's start. */
export function countFromProcessStart(): void {
  processStart = performance.timeOrigin;
}

/** When a bound set now starts: the process's start when cli.ts said so (else now: tests in-process). */
export const boundStart = (): number => processStart ?? Date.now();

export class Deadline {
  /** When the waits end: the bound less the exit reserve. */
  readonly endsAt: number;

  private lifted = false;

  constructor(
    readonly budgetMs: number,
    readonly startedAt = Date.now(),
  ) {
    this.endsAt = startedAt + budgetMs - Math.min(EXIT_RESERVE_MS, Math.floor(budgetMs / 10));
  }

  /** Ms left, never below 0; undefined once lifted (a follow that runs until it is stopped). */
  left(): number | undefined {
    return this.lifted ? undefined : Math.max(0, this.endsAt - Date.now());
  }

  /** From now on nothing is bounded by it (`tail -f` after its first read). */
  lift(): void {
    this.lifted = true;
  }

  elapsed(): number {
    return Date.now() - this.startedAt;
  }
}

/** 10000 -> "10.0 s": what an operator reads in a message. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * The longest one reply is waited for: half the bound (at most 5 s), so a lost reply leaves
 * time to re-read what the command changed.
 */
export const replyWaitMs = (budgetMs: number): number =>
  Math.max(50, Math.min(5000, Math.floor(budgetMs / 2)));
