// Ctrl-C, SIGTERM and SIGHUP end any headless command at once: exit 130, 143 and 129 (128 +
// the signal's number, as a shell reports it), no stack trace. Node's own default does that in
// native code, even in the middle of a long computation, as long as no JavaScript listener is
// installed; a listener only runs when the event loop turns. Libraries install such listeners
// (conf -> atomically -> when-exit, to delete temp files), so a headless command takes the
// signals back and keeps them. A command that stops gracefully (tail -f finishes its capture
// and exits 0) claims them with onInterrupt; it is still ended within GRACE_MS.

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Sig = (typeof SIGNALS)[number];
const EXIT: Record<Sig, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
export const GRACE_MS = 1000;

const ours = new Set<unknown>();
const isSignal = (event: string | symbol): event is Sig => (SIGNALS as readonly unknown[]).includes(event);
let guarded = false;

/** Puts the native default back and keeps it: listeners others add are taken off again. */
export function takeSignals(): void {
  for (const s of SIGNALS) for (const l of process.listeners(s)) if (!ours.has(l)) process.off(s, l);
  if (guarded) return;
  guarded = true;
  process.on('newListener', (event: string | symbol, listener: (...args: unknown[]) => void) => {
    // Added after this returns: take it off on the next tick.
    if (isSignal(event) && !ours.has(listener)) process.nextTick(() => process.off(event, listener));
  });
}

/**
 * `stop` runs on the first SIGINT/SIGTERM/SIGHUP instead of the default; the command then has
 * GRACE_MS to end by itself before it is ended with 128 + the signal. Returns the release.
 */
export function onInterrupt(stop: () => void): () => void {
  takeSignals();
  const handler = (sig: unknown) => {
    release();
    stop();
    const code = EXIT[sig as Sig] ?? 130;
    setTimeout(() => {
      process.stderr.write(
        `redis-warden: interrupted (${String(sig)}), not done after ${GRACE_MS} ms: stopped\n`,
      );
      process.exit(code);
    }, GRACE_MS).unref();
  };
  ours.add(handler);
  for (const s of SIGNALS) process.on(s, handler);
  const release = () => {
    for (const s of SIGNALS) process.off(s, handler);
    ours.delete(handler);
  };
  return release;
}
