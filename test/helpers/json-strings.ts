// Machine-output tests look at what a consumer gets after JSON.parse: every string and key.

/** Every string and every object key in a parsed JSON value. */
export function* jsonStrings(v: unknown): Generator<string> {
  if (typeof v === 'string') yield v;
  else if (Array.isArray(v)) for (const x of v) yield* jsonStrings(x);
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) {
      yield k;
      yield* jsonStrings(x);
    }
}
