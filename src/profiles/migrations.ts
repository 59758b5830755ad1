// Versioned upgrades of profiles.json, run by conf when the file's recorded version is
// older than PROFILES_FILE_VERSION. Each step is a pure function on the parsed data so
// it can be tested without conf; add a new key for each format change, never edit one.
import type Conf from 'conf';

/** Version of the file format (not of the package): bump only when the shape changes. */
export const PROFILES_FILE_VERSION = '1.0.0';

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

// Hand-written shorthands an operator may have used before the format was versioned.
function sourceFromShorthand(value: unknown): unknown {
  if (value === undefined) return { kind: 'none' };
  if (typeof value !== 'string') return value;
  if (value === 'none' || value === 'prompt' || value === 'keyring') return { kind: value };
  if (value.startsWith('env:')) return { kind: 'env', name: value.slice(4) };
  if (value.startsWith('file:')) return { kind: 'file', path: value.slice(5) };
  // Anything else may be a literal password: leave it so validation rejects the file
  // (which is then backed up and reported) rather than guessing what it meant.
  return value;
}

/**
 * 1.0.0: files written before versioning (or by hand). `profiles` may be a list,
 * `default` names the default profile, and `password` may be missing or a shorthand
 * string (`env:NAME`, `file:/path`, `keyring`, `prompt`, `none`).
 */
export function migrateToV1(data: Data): Data {
  const out: Data = { ...data };
  let profiles: unknown = out.profiles ?? {};
  if (Array.isArray(profiles)) {
    const byName: Data = {};
    profiles.forEach((p, i) => {
      const key = isObject(p) && typeof p.name === 'string' ? p.name : `#${i}`;
      byName[key] = p;
    });
    profiles = byName;
  }
  if (isObject(profiles)) {
    const upgraded: Data = {};
    for (const [key, p] of Object.entries(profiles)) {
      upgraded[key] = isObject(p) ? { ...p, password: sourceFromShorthand(p.password) } : p;
    }
    profiles = upgraded;
  }
  out.profiles = profiles;
  if (typeof out.default === 'string' && out.defaultProfile === undefined) out.defaultProfile = out.default;
  delete out.default;
  return out;
}

/** The steps in the form conf wants, keyed by the version each one produces. */
export const profileMigrations: Record<string, (store: Conf<Data>) => void> = {
  '1.0.0': (store) => {
    store.store = migrateToV1(store.store);
  },
};
