// The one way a test waits: on a condition, never for a fixed time. A fixed sleep is either
// too short on a busy machine (a flaky test) or too long everywhere (a slow suite).

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Resolves with the condition's first truthy value, checked every `everyMs`; rejects after
 * `timeoutMs` naming `what` was awaited (and the last error the condition threw, if any).
 */
export async function until<T>(
  condition: () => T | Promise<T>,
  what: string | (() => string),
  timeoutMs = 5000,
  everyMs = 20,
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await condition();
      if (v) return v as Truthy<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}${last instanceof Error ? ` (last: ${last.message})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Lets `ms` pass when the passing of time IS what a test checks ("nothing happens for N ms",
 * "it retries by then"): named so, and so not mistaken for a wait on something.
 */
export const letTimePass = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
