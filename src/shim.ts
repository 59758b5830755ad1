// What the bundle and bin/redis-warden.js tell each other. Both calls do nothing when the code
// runs some other way (the tests import the source).

const slot = (name: string): unknown =>
  (globalThis as Record<symbol, unknown>)[Symbol.for(`redis-warden.${name}`)];

/** The console's code is loaded: the shim puts back what it changed while it loaded. */
export function loaded(): void {
  const done = slot('loaded');
  if (typeof done === 'function') (done as () => void)();
}

interface CodeCache {
  state: { cache: string; warning?: string };
  save: (kind: 'cli' | 'tui') => void;
}
const codeCache = () => slot('code-cache') as CodeCache | undefined;

/**
 * The code a run needs is compiled: the shim keeps V8's code cache of it for the next start.
 * "tui" once the TUI has drawn; "cli" when a headless command ends.
 */
export function saveCodeCache(kind: 'cli' | 'tui'): void {
  codeCache()?.save(kind);
}

/** How this start used the code cache (see bin/redis-warden.js); undefined without the shim. */
export function codeCacheState(): string | undefined {
  return codeCache()?.state.cache;
}

/** Why the code cache is not used, when the operator should fix it (a directory others can write). */
export function codeCacheWarning(): string | undefined {
  return codeCache()?.state.warning;
}
