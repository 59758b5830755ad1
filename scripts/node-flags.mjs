// The V8 flags the console runs with: bin/redis-warden.js's shebang, `npm start`, and the
// benches, which must measure what ships (test/build/node-flags.test.ts keeps them in step).
//
// --max-semi-space-size=8: the young generation is at most 2 x 8 MB instead of V8's 2 x 16 MB.
// Reading a 10,000-client list fills it once, and V8 then keeps it at full size; half of it
// holds every frame's and poll's garbage just as well (the Clients bench: the same refresh and
// move times, ~15 MB less RSS).
export const NODE_FLAGS = ['--max-semi-space-size=8'];
