// Reading and writing the files an operator names (an ACL file, a password file, TLS files,
// an export's --out, certificate files). A path on argv or in a profile may name anything:
// /dev/zero (read forever: 3 GB RSS in seconds), a FIFO (blocks forever, under any
// --timeout), /proc/self/pagemap (a "regular file" of size 0 that reads half a gigabyte),
// a directory, or a symbolic link put where an output file should be. So:
// - a read takes only a regular file, opened without blocking, and never more than the
//   caller's bound, whatever size the file claims;
// - a write goes to a new temp file in the same directory (created with its final mode),
//   then takes the name by link() (refuses anything there, atomically) or, to overwrite,
//   by rename(), which replaces a name and never writes through it. A symbolic link, a
//   directory, a FIFO or a device at that name is refused before anything is written.
// The reasons name the path and what is wrong with it; they never hold the file's contents.
// It sits below every layer that names files (redis/, pki/, profiles/, commands/) and
// imports nothing of the project.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const KiB = 1024;
export const MiB = 1024 * KiB;
const READ_CHUNK = 64 * KiB;

/** Why a user-named file was refused. `reason` reads after the path: "… /dev/zero is a …". */
export class UserFileError extends Error {
  readonly code = 'USER_FILE';
  constructor(
    readonly path: string,
    readonly reason: string,
    /** The errno code when the system refused (ENOENT, EEXIST, EACCES...). */
    readonly errno?: string,
  ) {
    super(`${path} ${reason}`);
  }
}

/** 1.0 MiB, 64.0 KiB: the unit a bound is chosen in. */
export const formatSize = (n: number): string =>
  n >= MiB ? `${(n / MiB).toFixed(1)} MiB` : `${(n / KiB).toFixed(1)} KiB`;

const errnoOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? 'error';

function systemReason(code: string, verb: 'read' | 'written'): string {
  const denied = code === 'EACCES' || code === 'EPERM';
  if (verb === 'read') {
    if (code === 'ENOENT') return 'does not exist';
    if (denied) return 'is not readable by you';
  } else {
    // A write creates a file in the directory first, so that is what is missing or closed.
    if (code === 'ENOENT') return 'cannot be written: its directory does not exist';
    if (denied) return 'cannot be written: its directory is not writable by you';
  }
  return `cannot be ${verb} (${code})`;
}

/** The kind of a non-regular file, in words, or undefined for a regular file. */
function notRegular(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a directory';
  if (st.isSymbolicLink()) return 'is a symbolic link';
  return 'is not a regular file (a device, a pipe or a socket)';
}

export interface ReadLimit {
  /** The most bytes the file may hold. */
  maxBytes: number;
  /** What the bound is for, as in "larger than the 1.0 MiB <noun> may be". */
  noun: string;
}

/** The file's bytes; a UserFileError unless it is a regular file of at most maxBytes. */
export function readUserFile(path: string, limit: ReadLimit): Buffer {
  const tooBig = (size?: number) =>
    new UserFileError(
      path,
      `is ${size === undefined ? 'larger than' : `${formatSize(size)}: larger than`} the ${formatSize(limit.maxBytes)} ${limit.noun} may be`,
    );
  const check = (st: Stats) => {
    const why = notRegular(st);
    if (why) throw new UserFileError(path, why);
    if (st.size > limit.maxBytes) throw tooBig(st.size);
  };
  let fd: number;
  try {
    // stat first: opening a device can itself do something (a tape rewinds, a tty attaches).
    check(statSync(path));
    // Non-blocking: if a FIFO was swapped in since the stat, the open must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    if (err instanceof UserFileError) throw err;
    throw new UserFileError(path, systemReason(errnoOf(err), 'read'), errnoOf(err));
  }
  try {
    const st = fstatSync(fd);
    check(st);
    // Read to EOF, never past the bound: /proc files say size 0 and hold more, and a file
    // may grow while it is read. Reads are whole chunks (pagemap refuses other sizes), so
    // room is kept for one chunk past the bound: reaching past it is what says "too big".
    const cap = limit.maxBytes + READ_CHUNK;
    let buf = Buffer.allocUnsafe(Math.min(cap, st.size + READ_CHUNK));
    let got = 0;
    for (;;) {
      if (got > limit.maxBytes) throw tooBig();
      if (buf.length - got < READ_CHUNK) {
        const next = Buffer.allocUnsafe(Math.min(cap, Math.max(buf.length * 2, got + READ_CHUNK)));
        buf.copy(next, 0, 0, got);
        buf = next;
      }
      const n = readSync(fd, buf, got, READ_CHUNK, null);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } catch (err) {
    if (err instanceof UserFileError) throw err;
    throw new UserFileError(path, systemReason(errnoOf(err), 'read'), errnoOf(err));
  } finally {
    closeSync(fd);
  }
}

export interface WriteOptions {
  /** The file's mode, exactly (the umask does not narrow it): 0o600 for anything secret. */
  mode: number;
  /** Replace an existing regular file; without it an existing name is refused (errno EEXIST). */
  overwrite?: boolean;
}

/** Refuses what may not be written over at `path`: a symbolic link, a directory, a FIFO, a device. */
export function checkWriteTarget(path: string): void {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return;
    throw new UserFileError(path, systemReason(errnoOf(err), 'written'), errnoOf(err));
  }
  const why = notRegular(st);
  if (why === 'is a symbolic link')
    throw new UserFileError(path, `${why}: it is not written through; name the file itself`);
  if (why) throw new UserFileError(path, `${why}: it is not written over`);
}

/**
 * Writes `bytes` to `path` with `mode` through a temp file in the same directory, so the
 * name only ever holds the old file or the whole new one, and nothing at that name (a link,
 * a FIFO, a device, another hard link of the file) is opened or written through.
 */
export function writeUserFile(path: string, bytes: Uint8Array | string, opts: WriteOptions): void {
  if (opts.overwrite) checkWriteTarget(path);
  // Short enough for NAME_MAX whatever the target's name; the leading dot hides it.
  const temp = join(
    dirname(path),
    `.${basename(path).slice(0, 120)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, opts.mode);
  } catch (err) {
    // The directory is what could not be written: say it of the file the operator named.
    throw new UserFileError(path, systemReason(errnoOf(err), 'written'), errnoOf(err));
  }
  try {
    try {
      fchmodSync(fd, opts.mode);
      const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (opts.overwrite) renameSync(temp, path);
    else linkSync(temp, path); // fails with EEXIST, atomically, on anything at that name
  } catch (err) {
    if (err instanceof UserFileError) throw err;
    const code = errnoOf(err);
    throw new UserFileError(path, code === 'EEXIST' ? 'exists' : systemReason(code, 'written'), code);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // renamed away already
    }
  }
}
