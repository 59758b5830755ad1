// A small schema for operation parameters: each check turns an unknown JSON value into a typed
// one or throws, naming the path of what is wrong ("params.clients[2].id: expected a string").
// Hand-written because the project has no schema library, and an operation's parameters are a
// handful of strings and lists: what a flow saves must be refused on load when it is bad,
// before anything runs.

export class OperationError extends Error {
  override name = 'OperationError';
}

export type Check<T> = (value: unknown, path: string) => T;

const fail = (path: string, what: string): never => {
  throw new OperationError(`${path}: ${what}`);
};

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

export const str =
  (
    opts: { nonEmpty?: boolean; pattern?: RegExp; refuse?: (s: string) => string | undefined } = {},
  ): Check<string> =>
  (v, path) => {
    if (typeof v !== 'string') return fail(path, `expected a string, got ${kindOf(v)}`);
    if (opts.nonEmpty && v === '') return fail(path, 'must not be empty');
    if (opts.pattern && !opts.pattern.test(v)) return fail(path, `does not match ${String(opts.pattern)}`);
    const refused = opts.refuse?.(v);
    return refused ? fail(path, refused) : v;
  };

export const int =
  (min = 0): Check<number> =>
  (v, path) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min
      ? v
      : fail(path, `expected an integer >= ${min}`);

export const oneOf =
  <const T extends string>(...values: T[]): Check<T> =>
  (v, path) =>
    values.includes(v as T) ? (v as T) : fail(path, `expected one of ${values.join(', ')}`);

export const list =
  <T>(item: Check<T>, opts: { nonEmpty?: boolean } = {}): Check<T[]> =>
  (v, path) => {
    if (!Array.isArray(v)) return fail(path, `expected a list, got ${kindOf(v)}`);
    if (opts.nonEmpty && v.length === 0) return fail(path, 'must not be empty');
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };

type Shape = Record<string, Check<unknown>>;
type Out<S extends Shape> = {
  [K in keyof S as undefined extends ReturnType<S[K]> ? never : K]: ReturnType<S[K]>;
} & {
  [K in keyof S as undefined extends ReturnType<S[K]> ? K : never]?: ReturnType<S[K]>;
};

export const optional =
  <T>(c: Check<T>): Check<T | undefined> =>
  (v, path) =>
    v === undefined ? undefined : c(v, path);

/** An object with exactly these fields: an unknown one is refused (a typo must not be ignored). */
export const obj =
  <S extends Shape>(shape: S): Check<Out<S>> =>
  (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return fail(path, `expected an object, got ${kindOf(v)}`);
    const rec = v as Record<string, unknown>;
    for (const k of Object.keys(rec)) if (!Object.hasOwn(shape, k)) fail(`${path}.${k}`, 'unknown field');
    const out: Record<string, unknown> = {};
    for (const [k, check] of Object.entries(shape)) {
      const x = check(rec[k], `${path}.${k}`);
      if (x !== undefined) out[k] = x;
    }
    return out as Out<S>;
  };

/** Objects told apart by one field's value (`change: 'disable'`). */
export const tagged =
  <const F extends string, M extends Record<string, Check<unknown>>>(
    field: F,
    shapes: M,
  ): Check<{ [K in keyof M]: ReturnType<M[K]> }[keyof M]> =>
  (v, path) => {
    const tag = (v as Record<string, unknown> | null)?.[field];
    if (typeof tag !== 'string' || !Object.hasOwn(shapes, tag))
      return fail(`${path}.${field}`, `expected one of ${Object.keys(shapes).join(', ')}`);
    return shapes[tag]!(v, path) as { [K in keyof M]: ReturnType<M[K]> }[keyof M];
  };
