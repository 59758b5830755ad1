import { lstat, mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { checkWriteTarget, UserFileError, writeUserFile } from '../fs/user-files.js';
import { PkiError } from './errors.js';

export interface PkiFile {
  /** A bare file name inside `dir`, e.g. `redis.key`. */
  name: string;
  content: string;
  kind: 'key' | 'cert';
}

export interface WriteOptions {
  /** true: any existing file may be replaced; a list: only these (absolute paths or bare names). */
  overwrite?: boolean | readonly string[];
}

// The modes of the usual recipe: `chmod 600 *.key; chmod 644 *.crt`, in a private directory.
const DIR_MODE = 0o700;
const MODES = { key: 0o600, cert: 0o644 } as const;

function checkFile({ name, kind }: PkiFile): void {
  if (kind !== 'key' && kind !== 'cert') throw new PkiError(`"${name}": kind must be "key" or "cert"`);
  if (!name || name === '.' || name === '..' || basename(name) !== name || name.includes('\\')) {
    throw new PkiError(`"${name}" is not a plain file name (no directories allowed)`);
  }
}

async function exists(path: string): Promise<boolean> {
  // lstat: a link at the name (even one pointing nowhere) is taken, and is never followed.
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

function refused<T>(target: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof UserFileError)) throw error;
    if (error.errno === 'EEXIST') throw new PkiError(`${target} already exists; refusing to overwrite it`);
    throw new PkiError(`${target} ${error.reason}`);
  }
}

function place(target: string, file: PkiFile, overwrite: boolean): void {
  // A temp file created with the final mode, so a key is never readable by others, not even
  // for a moment; then link() (refuses a file that appeared since the check) or rename().
  refused(target, () => writeUserFile(target, file.content, { mode: MODES[file.kind], overwrite }));
}

/**
 * Writes certificates (0644) and keys (0600) into `dir` (created 0700), each through a temp
 * file and an atomic rename. Existing files are refused, before anything is written, unless
 * `overwrite` is set; a link, directory, FIFO or device at a name is refused even then.
 * Returns the absolute paths written, in input order.
 */
export async function writePkiFiles(
  dir: string,
  files: PkiFile[],
  options: WriteOptions = {},
): Promise<string[]> {
  const allowed = options.overwrite ?? false;
  files.forEach(checkFile);
  const root = resolve(dir);
  const targets = files.map((file) => join(root, file.name));
  if (new Set(targets).size !== targets.length) throw new PkiError('the same file name is listed twice');
  const mayReplace = (target: string, name: string) =>
    allowed === true || (Array.isArray(allowed) && (allowed.includes(target) || allowed.includes(name)));
  await mkdir(root, { recursive: true, mode: DIR_MODE });
  // Every name is checked before the first file is written, so a refusal writes nothing.
  const taken: string[] = [];
  for (const [i, target] of targets.entries()) {
    if (mayReplace(target, files[i]?.name ?? '')) refused(target, () => checkWriteTarget(target));
    else if (await exists(target)) taken.push(target);
  }
  if (taken.length > 0) {
    throw new PkiError(
      `${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}; refusing to overwrite`,
    );
  }
  for (const [i, file] of files.entries()) {
    const target = targets[i] ?? '';
    place(target, file, mayReplace(target, file.name));
  }
  return targets;
}
