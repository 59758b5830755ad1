// The shape of profiles.json as a whole, and its validation on load.
import { profileProblems, quoted } from './validate.js';
import type { Profile } from './schema.js';

export interface ProfilesData {
  profiles: Record<string, Profile>;
  defaultProfile?: string;
}

// conf keeps its migration bookkeeping under this key in the same file.
export const CONF_INTERNAL_KEY = '__internal__';
const TOP_KEYS = new Set(['profiles', 'defaultProfile', CONF_INTERNAL_KEY]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem with the whole file's data; empty when it is a valid ProfilesData. */
export function profilesDataProblems(data: unknown): string[] {
  if (!isObject(data)) return ['the file must hold a JSON object'];
  const problems: string[] = [];
  for (const k of Object.keys(data))
    if (!TOP_KEYS.has(k)) problems.push(`unknown top-level field ${quoted(k)}`);
  if (!isObject(data.profiles)) {
    problems.push('"profiles" must be an object keyed by profile name');
  } else {
    for (const [key, profile] of Object.entries(data.profiles)) {
      const where = `profiles[${quoted(key)}]`;
      for (const p of profileProblems(profile)) problems.push(`${where}: ${p}`);
      if (isObject(profile) && profile.name !== key) problems.push(`${where}: name does not match its key`);
    }
  }
  if (data.defaultProfile !== undefined && typeof data.defaultProfile !== 'string') {
    problems.push('"defaultProfile" must be a profile name');
  }
  return problems;
}
