// One time bound for a whole headless command: a deadline set when it starts connecting.
// Every wait (the connection, each reply, the re-read, closing) is bounded by what is left,
// so the command ends within its bound whatever the server does, and the message says how
// long it really waited.

export class Deadline {
  readonly startedAt = Date.now();

  private lifted = false;

  constructor(readonly budgetMs: number) {}

  /** Ms left, never below 0; undefined once lifted (a follow that runs until it is stopped). */
  left(): number | undefined {
    return this.lifted ? undefined : Math.max(0, this.startedAt + this.budgetMs - Date.now());
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
