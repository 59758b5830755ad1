// Ink's layout engine, yoga, is WebAssembly that its main module instantiates with a top-level
// await, which a CommonJS bundle cannot hold. So it is instantiated here, before anything loads
// Ink, through yoga's own loader (no top-level await), and the bundle gives Ink
// scripts/yoga-holder.mjs in place of 'yoga-layout', which hands Ink this instance.
import { loadYoga } from 'yoga-layout/load';

const KEY = Symbol.for('redis-warden.yoga');

export async function loadLayoutEngine(): Promise<void> {
  const slots = globalThis as Record<symbol, unknown>;
  slots[KEY] ??= await loadYoga();
}
