import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { PkiError } from './errors.js';

export interface PkiFile {
  /** A bare file name inside `dir`, e.g. `redis.key`. */
  name: string;
  content: string;
  kind: 'key' | 'cert';
}

export interface WriteOptions {
  overwrite?: boolean;
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
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

async function writeTemp(path: string, content: string, mode: number): Promise<void> {
  // Created with the final mode so a key is never readable by others, not even for a moment;
  // chmod afterwards because the umask may have narrowed a certificate's mode at creation.
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function place(temp: string, target: string, overwrite: boolean): Promise<void> {
  if (overwrite) {
    await rename(temp, target);
    return;
  }
  // link() fails with EEXIST atomically, so a file that appeared since the check is still kept.
  try {
    await link(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new PkiError(`${target} already exists; refusing to overwrite it`);
    }
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Writes certificates (0644) and keys (0600) into `dir` (created 0700), each through a temp
 * file and an atomic rename. Existing files are refused, before anything is written, unless
 * `overwrite` is set. Returns the absolute paths written, in input order.
 */
export async function writePkiFiles(
  dir: string,
  files: PkiFile[],
  options: WriteOptions = {},
): Promise<string[]> {
  const overwrite = options.overwrite ?? false;
  files.forEach(checkFile);
  const root = resolve(dir);
  const targets = files.map((file) => join(root, file.name));
  if (new Set(targets).size !== targets.length) throw new PkiError('the same file name is listed twice');
  await mkdir(root, { recursive: true, mode: DIR_MODE });
  if (!overwrite) {
    const taken: string[] = [];
    for (const target of targets) if (await exists(target)) taken.push(target);
    if (taken.length > 0) {
      throw new PkiError(
        `${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}; refusing to overwrite`,
      );
    }
  }
  for (const [i, file] of files.entries()) {
    const target = targets[i] ?? '';
    const temp = join(root, `.${file.name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeTemp(temp, file.content, MODES[file.kind]);
      await place(temp, target, overwrite);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }
  return targets;
}
