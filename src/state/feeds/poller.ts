// A poll loop for a live feed (DESIGN.md, Live feeds): one poll at a time, never two; the
// interval adapts to how long the server takes and backs off on errors; each poll's outcome
// is reported (onResult). Owned by the store, not by a component.

export interface PollerOptions {
  /** The normal interval (ms). */
  intervalMs: number;
  /** Longest interval when backing off (ms). */
  maxIntervalMs?: number;
  /** Resolves to the ms spent waiting for the server (the part that paces the next poll), if known. */
  poll: () => Promise<number | void>;
  /** The largest share of wall time the server may spend answering (default 0.1). */
  serverShare?: number;
  /** Called after every poll, with its outcome. */
  onResult?: (r: { ok: boolean; error?: unknown; tookMs: number; nextMs: number }) => void;
}

export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private failures = 0;
  /** A slower pace while nobody watches (the capture still runs). */
  private idleFactor = 1;

  constructor(private readonly opts: PollerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Poll now (the operator pressed r); a poll in flight is not doubled. */
  now(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  setIdle(idle: boolean): void {
    this.idleFactor = idle ? 2 : 1;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.tick(), ms);
    // A feed alone must not keep a headless `tail` (or a test) alive after everything else ended.
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    const t0 = Date.now();
    let ok = true;
    let error: unknown;
    let serverMs: number | void = undefined;
    try {
      serverMs = await this.opts.poll();
      this.failures = 0;
    } catch (err) {
      ok = false;
      error = err;
      this.failures += 1;
    } finally {
      this.running = false;
    }
    const took = Date.now() - t0;
    const max = this.opts.maxIntervalMs ?? 10_000;
    // A slow server gets polled less (at most serverShare of wall time spent waiting on it);
    // failures back off exponentially. Only the server's share counts: a console busy with
    // a burst must not poll less, or more of the burst rolls off the server's log.
    const base = Math.max(
      this.opts.intervalMs * this.idleFactor,
      (typeof serverMs === 'number' ? serverMs : took) / (this.opts.serverShare ?? 0.1),
    );
    const next = Math.min(max, ok ? base : base * 2 ** Math.min(this.failures, 4));
    this.opts.onResult?.({ ok, error, tookMs: took, nextMs: next });
    if (!this.stopped) this.schedule(next);
  }
}
