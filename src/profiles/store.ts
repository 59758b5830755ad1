// Opening saved connection profiles ($XDG_CONFIG_HOME/redis-warden/profiles.json, via
// conf): mode repair, corruption quarantine, migrations, then a ProfileStore handle.
import path from 'node:path';
import Conf from 'conf';
import { toDisplay } from '../domain/display.js';
import { configDir, ensurePrivateDir, formatMode, tightenFileMode } from '../fs/xdg.js';
import { ProfileError } from './errors.js';
import { CONF_INTERNAL_KEY, profilesDataProblems } from './file-data.js';
import { quoted } from './validate.js';
import type { Profile } from './schema.js';
import { PROFILES_FILE_VERSION, profileMigrations } from './migrations.js';
import { describeError, ProfileStore } from './profile-store.js';
import { compareVersions, quarantine, readIfExists, recordedVersion } from './recovery.js';

export { ProfileStore } from './profile-store.js';

type Data = Record<string, unknown>;

export const PROFILES_FILE = 'profiles.json';

export interface OpenProfileStoreOptions {
  /** Directory holding profiles.json; default configDir(). */
  dir?: string;
}

export interface OpenedProfileStore {
  store: ProfileStore;
  /** For the operator: a corrupt file moved aside, a file mode that was too open. */
  warnings: string[];
}

function makeConf(dir: string): Conf<Data> {
  return new Conf<Data>({
    cwd: dir,
    configName: path.basename(PROFILES_FILE, '.json'),
    // conf's default is 0666 minus umask: world-readable. Profiles name files, users and
    // hosts (and, with the `plain` source, a password): owner only.
    configFileMode: 0o600,
    projectVersion: PROFILES_FILE_VERSION,
    migrations: profileMigrations,
    defaults: { profiles: {} },
    // Profile names may contain dots.
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
    watch: false,
  });
}

/** When only some profiles are invalid (the file's shape is fine), the others can be kept. */
function salvageable(
  data: Record<string, unknown>,
): { keep: Record<string, Profile>; dropped: string[]; defaultProfile?: string } | undefined {
  const profiles = data.profiles;
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) return undefined;
  const keep: Record<string, Profile> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(profiles as Record<string, unknown>)) {
    const ok = profilesDataProblems({ profiles: { [key]: value } }).length === 0;
    if (ok) keep[key] = value as Profile;
    else dropped.push(key);
  }
  const defaultProfile = typeof data.defaultProfile === 'string' ? data.defaultProfile : undefined;
  return Object.keys(keep).length ? { keep, dropped, defaultProfile } : undefined;
}

const isCorruption = (err: unknown): boolean =>
  err instanceof SyntaxError || (err instanceof Error && !(err as NodeJS.ErrnoException).code);

export function openProfileStore(options: OpenProfileStoreOptions = {}): OpenedProfileStore {
  const dir = ensurePrivateDir(options.dir ?? configDir());
  const file = path.join(dir, PROFILES_FILE);
  const warnings: string[] = [];
  const raw = readIfExists(file);
  if (raw !== undefined) {
    const loose = tightenFileMode(file);
    if (loose !== undefined)
      warnings.push(`${file} was mode ${formatMode(loose)} (readable by others); tightened to 0600`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      // The parser's message quotes the file, which may hold a plain password: not shown.
      warnings.push(quarantine(file, raw, 'is not valid JSON'));
    }
    if (parsed !== undefined && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
      // conf would quietly treat these as an empty store.
      warnings.push(quarantine(file, raw, 'does not hold a JSON object'));
      parsed = undefined;
    }
    const version = recordedVersion(parsed);
    if (version !== undefined && compareVersions(version, PROFILES_FILE_VERSION) > 0) {
      throw new ProfileError(
        `${file} was written by a newer redis-warden (format ${version}; this one reads ${PROFILES_FILE_VERSION}): upgrade, or set XDG_CONFIG_HOME to use another directory`,
      );
    }
  }
  let problems: string[];
  let conf: Conf<Data> | undefined;
  let salvage: { keep: Record<string, Profile>; dropped: string[]; defaultProfile?: string } | undefined;
  try {
    conf = makeConf(dir);
    const { [CONF_INTERNAL_KEY]: _internal, ...data } = conf.store;
    problems = profilesDataProblems(data);
    salvage = problems.length ? salvageable(data) : undefined;
  } catch (err) {
    if (!isCorruption(err) || !readIfExists(file))
      throw new ProfileError(`cannot open ${file}: ${describeError(err)}`);
    problems = ['could not be migrated to the current format'];
  }
  if (problems.length > 0 && raw !== undefined) {
    const shown =
      problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
    const moved = quarantine(file, raw, `failed validation (${shown})`);
    conf = makeConf(dir);
    if (salvage) {
      // One bad entry must not cost the operator every other saved connection.
      conf.set('profiles', salvage.keep);
      if (salvage.defaultProfile && salvage.keep[salvage.defaultProfile])
        conf.set('defaultProfile', salvage.defaultProfile);
      warnings.push(
        `${moved.replace(/ and redis-warden starts with no profiles:.*$/, '.')} The valid profiles were kept; set aside: ${salvage.dropped.map((d) => toDisplay(d)).join(', ')}.`,
      );
    } else warnings.push(moved);
  }
  if (!conf) throw new ProfileError(`cannot open ${file}`);
  const store = new ProfileStore(conf);
  const dflt = conf.get('defaultProfile');
  if (typeof dflt === 'string' && !store.get(dflt)) {
    warnings.push(`default profile ${quoted(dflt)} does not exist any more; no default is set`);
    store.clearDefault();
  }
  return { store, warnings };
}
