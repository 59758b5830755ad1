// Bundled in place of 'yoga-layout' (see scripts/bundle-options.mjs): the instance that
// src/ui/layout-engine.ts made before the TUI's code was set up.
const yoga = globalThis[Symbol.for('redis-warden.yoga')];
if (!yoga) throw new Error('internal: Ink was loaded before its layout engine (src/ui/layout-engine.ts)');
export default yoga;
