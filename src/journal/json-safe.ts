// Turns what callers hand the journal (errors, Buffers, bigints, Maps) into plain JSON
// data BEFORE redaction: a Buffer holding a password would otherwise be serialised as a
// byte array that no string rule can see, and an ioredis error would carry its
// `command.args` (AUTH / SETUSER secrets) into the file.

export function toJsonSafe(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  const obj = value;
  if (seen.has(obj)) return '[Circular]';
  seen.add(obj);
  try {
    if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
    if (obj instanceof Uint8Array)
      return Buffer.from(obj.buffer, obj.byteOffset, obj.byteLength).toString('utf8');
    if (obj instanceof Error) {
      // Only name and message: never `command`, `args` or other properties libraries attach.
      return { name: obj.name, message: obj.message };
    }
    if (obj instanceof Map) {
      return Object.fromEntries([...obj].map(([k, v]) => [String(k), toJsonSafe(v, seen)]));
    }
    if (Array.isArray(obj) || obj instanceof Set) {
      return [...(obj as Iterable<unknown>)].map((v) => toJsonSafe(v, seen) ?? null);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const safe = toJsonSafe(v, seen);
      if (safe !== undefined) out[k] = safe;
    }
    return out;
  } finally {
    seen.delete(obj);
  }
}

// Characters a terminal acts on or reorders even inside a JSON string: C1 controls (CSI is
// U+009B), bidi overrides and isolates, line and paragraph separators. JSON.stringify
// escapes C0 and lone surrogates only; these are written as \uXXXX too, so `cat journal.jsonl`
// is as safe as the screen. Parsing gives back the same string.
const TERMINAL_ACTIVE = /[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify, with the characters above escaped: one line of a journal or capture. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(
    TERMINAL_ACTIVE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
