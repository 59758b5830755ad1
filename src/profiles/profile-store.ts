// A handle on profiles.json. conf re-reads the file on every access and writes
// atomically (temp file + rename), so two consoles see each other's changes and a crash
// never leaves half a file. Concurrent edits are last-writer-wins per operation.
import path from 'node:path';
import type Conf from 'conf';
import { ensurePrivateDir, tightenFileMode } from '../fs/xdg.js';
import { ProfileError } from './errors.js';
import { CONF_INTERNAL_KEY, profilesDataProblems } from './file-data.js';
import { assertProfileName, validateProfile } from './validate.js';
import type { ProfilesData } from './file-data.js';
import type { Profile } from './schema.js';

type Data = Record<string, unknown>;

export class ProfileStore {
  readonly path: string;

  constructor(private readonly conf: Conf<Data>) {
    this.path = conf.path;
  }

  list(): Profile[] {
    return Object.values(this.read().profiles)
      .map((p) => structuredClone(p))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  get(name: string): Profile | undefined {
    const { profiles } = this.read();
    // hasOwn: "constructor" and "toString" are valid profile names.
    return Object.hasOwn(profiles, name) ? structuredClone(profiles[name]) : undefined;
  }

  add(profile: Profile, options: { replace?: boolean } = {}): void {
    const valid = structuredClone(validateProfile(profile));
    const data = this.read();
    if (Object.hasOwn(data.profiles, valid.name) && !options.replace) {
      throw new ProfileError(`profile "${valid.name}" already exists: remove it first or ask to replace it`);
    }
    data.profiles[valid.name] = valid;
    this.write(data);
  }

  /** Removes and returns the profile (the caller may want to delete its keyring secret). */
  remove(name: string): Profile {
    const data = this.read();
    const profile = this.must(data, name);
    delete data.profiles[name];
    if (data.defaultProfile === name) delete data.defaultProfile;
    this.write(data);
    return profile;
  }

  setDefault(name: string): void {
    const data = this.read();
    this.must(data, name);
    data.defaultProfile = name;
    this.write(data);
  }

  clearDefault(): void {
    const data = this.read();
    delete data.defaultProfile;
    this.write(data);
  }

  getDefault(): Profile | undefined {
    const { profiles, defaultProfile } = this.read();
    if (defaultProfile === undefined || !Object.hasOwn(profiles, defaultProfile)) return undefined;
    return structuredClone(profiles[defaultProfile]);
  }

  private must(data: ProfilesData, name: string): Profile {
    assertProfileName(name);
    const profile = Object.hasOwn(data.profiles, name) ? data.profiles[name] : undefined;
    if (profile) return profile;
    const known = Object.keys(data.profiles).sort();
    const hint =
      known.length === 0
        ? 'there are no profiles yet'
        : `known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}`;
    throw new ProfileError(`no profile named "${name}" (${hint})`);
  }

  private read(): ProfilesData {
    let raw: Data;
    try {
      raw = this.conf.store;
    } catch (err) {
      throw new ProfileError(
        `cannot read ${this.path}: ${describeError(err)}; restart redis-warden to back it up and start afresh`,
      );
    }
    const { [CONF_INTERNAL_KEY]: _internal, ...data } = raw;
    // conf reads a deleted file as {}: that is an empty store, not a broken one.
    data.profiles ??= {};
    const problems = profilesDataProblems(data);
    if (problems.length > 0) {
      throw new ProfileError(
        `${this.path} was changed on disk and is no longer valid (${problems.slice(0, 3).join('; ')})`,
      );
    }
    return data as unknown as ProfilesData;
  }

  private write(data: ProfilesData): void {
    const next: Data = { profiles: data.profiles };
    if (data.defaultProfile !== undefined) next.defaultProfile = data.defaultProfile;
    try {
      // conf would recreate a deleted directory with the umask's mode (0755).
      ensurePrivateDir(path.dirname(this.path));
      this.conf.store = next;
      // conf asks atomically for 0600 but a failed chmod there is swallowed: check.
      tightenFileMode(this.path);
    } catch (err) {
      throw new ProfileError(`cannot write ${this.path}: ${describeError(err)}`);
    }
  }
}

// fs errors name a path and a code; JSON parse errors quote the file, so they are replaced.
export function describeError(err: unknown): string {
  if (err instanceof SyntaxError) return 'it is not valid JSON';
  return err instanceof Error ? err.message : String(err);
}
