// What happens to a profiles file that cannot be trusted: it is moved aside, never
// wiped, and the operator is told where it went.
import fs from 'node:fs';
import { MiB, readUserFile, UserFileError } from '../fs/user-files.js';
import { ProfileError } from './errors.js';

/**
 * Writes the original bytes to `<file>.corrupt-<ISO timestamp>` (mode 0600: the file
 * may hold a `plain` password), removes `file`, and returns the warning to show.
 */
export function quarantine(file: string, raw: Buffer, reason: string, now = new Date()): string {
  const base = `${file}.corrupt-${now.toISOString()}`;
  let backup = base;
  for (let i = 1; ; i++) {
    try {
      fs.writeFileSync(backup, raw, { mode: 0o600, flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || i > 100) throw err;
      backup = `${base}-${i}`;
    }
  }
  fs.chmodSync(backup, 0o600);
  fs.rmSync(file, { force: true });
  return (
    `profiles file ${file} ${reason}. It was moved to ${backup} and redis-warden starts with no profiles: ` +
    `fix that file and copy it back, or add the profiles again.`
  );
}

/** Far above any real profiles file; a FIFO or a device put there must not hang every command. */
export const MAX_PROFILES_FILE = 16 * MiB;

export function readIfExists(file: string): Buffer | undefined {
  try {
    return readUserFile(file, { maxBytes: MAX_PROFILES_FILE, noun: 'a profiles file' });
  } catch (err) {
    if (!(err instanceof UserFileError)) throw err;
    if (err.errno === 'ENOENT') return undefined;
    throw new ProfileError(`profiles file ${file} ${err.reason}`);
  }
}

/** The format version conf recorded in the file, if any. */
export function recordedVersion(data: unknown): string | undefined {
  const internal = (data as { __internal__?: { migrations?: { version?: unknown } } } | null)?.__internal__;
  const v = internal?.migrations?.version;
  return typeof v === 'string' ? v : undefined;
}

/** Compares dotted numeric versions (1.10.0 > 1.9.0); non-numeric parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
