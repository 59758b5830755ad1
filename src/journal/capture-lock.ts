// One writer per capture file, and a capture that outlives its writer. The lock is a file
// naming its holder (pid, host, boot, start time and a nonce per holder); it is only ever
// created whole (written aside, then link()ed into place), so a reader never sees half of it.
//
// Taking over a dead holder's lock is where two survivors race: "remove the stale lock, make
// mine" lets both remove and both make. So a stale lock is never removed. Instead each holder
// may be followed by a successor, the file `<lock>.next.<holder's nonce>`, made with link(),
// which fails when the name exists: of all survivors that find the same holder dead exactly
// one makes that name. The lock belongs to the last live link of the chain that starts at
// `<lock>`. The winner then renames itself into `<lock>` (only the chain's live end ever
// changes `<lock>`) and the old links are removed: a name left out of the chain never
// re-enters it, because nonces are never reused.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { liveness, selfIdentity } from './process-identity.js';
import type { Liveness, ProcessIdentity } from './process-identity.js';

export interface LockHolder extends ProcessIdentity {
  nonce: string;
  /** ISO time it took the lock (for a person reading the file). */
  since: string;
}

export interface LockResult {
  held: boolean;
  /** Not held: who holds it. */
  holder?: LockHolder;
  /** Held now, and taken from this holder, who had stopped without releasing it. */
  tookOverFrom?: LockHolder & { why?: string };
}

export interface CaptureLock {
  readonly path: string;
  /** Takes the lock when it is free or its holder is gone; cheap enough to call every poll. */
  acquire(): LockResult;
  /** Whether this holder still has it (its file is the chain's end). */
  held(): boolean;
  release(): void;
}

export interface CaptureLockOptions {
  /** Tests: stand in for the liveness check. */
  liveness?: (holder: ProcessIdentity) => Liveness;
}

// A file that does not parse (a lock of an older version caught mid-write, a damaged disk):
// its writer, if any, had this long to finish it.
const UNREADABLE_GRACE_MS = 5000;
// A chain is one link per holder that died without releasing; this is only a loop guard.
const MAX_CHAIN = 1000;

interface Link {
  file: string;
  holder: LockHolder;
}

const errno = (err: unknown) => (err as NodeJS.ErrnoException).code;

function readHolder(file: string): LockHolder | 'unreadable' | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return errno(err) === 'ENOENT' ? undefined : 'unreadable';
  }
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    // The nonce becomes part of a file name: nothing but hex.
    if (
      Number.isInteger(h.pid) &&
      h.pid! > 0 &&
      typeof h.host === 'string' &&
      /^[0-9a-f]{8,64}$/.test(h.nonce ?? '')
    )
      return h as LockHolder;
  } catch {
    // below
  }
  // An older version's lock: the pid alone. It stands for a holder without a start time.
  const pid = Number(text.trim());
  if (/^\d+$/.test(text.trim()) && pid > 0)
    return { pid, host: selfIdentity().host, nonce: `00${pid.toString(16)}`.padStart(8, '0'), since: '' };
  // Anything else names no one: dead once its writer has surely finished it.
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (err) {
    return errno(err) === 'ENOENT' ? undefined : 'unreadable';
  }
  return Date.now() - st.mtimeMs > UNREADABLE_GRACE_MS
    ? { pid: 0, host: selfIdentity().host, nonce: `ffff${st.ino.toString(16)}`.slice(0, 64), since: '' }
    : 'unreadable';
}

export function captureLock(lockPath: string, options: CaptureLockOptions = {}): CaptureLock {
  const me: LockHolder = { ...selfIdentity(), nonce: crypto.randomBytes(12).toString('hex'), since: '' };
  const alive = (h: LockHolder): Liveness =>
    h.pid === 0 ? { alive: false, why: 'its file names no one' } : (options.liveness ?? liveness)(h);
  const nextOf = (nonce: string) => `${lockPath}.next.${nonce}`;
  const tmp = `${lockPath}.${process.pid}.${me.nonce}.tmp`;
  const dir = path.dirname(lockPath);
  const base = path.basename(lockPath);

  /** The chain from `<lock>`; undefined when a link is unreadable (ask again later). */
  function walk(): Link[] | undefined {
    const chain: Link[] = [];
    let file = lockPath;
    while (chain.length < MAX_CHAIN) {
      const h = readHolder(file);
      if (h === 'unreadable') return undefined;
      if (h === undefined) return chain;
      chain.push({ file, holder: h });
      file = nextOf(h.nonce);
    }
    return undefined;
  }

  const mine = (chain: Link[] | undefined) => chain?.at(-1)?.holder.nonce === me.nonce;

  let text = '';
  function writeTmp(): void {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.rmSync(tmp, { force: true });
    text = JSON.stringify({ ...me, since: new Date().toISOString() });
    fs.writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  }

  /** Makes `target` this holder's file, only if no file has that name (O_EXCL, in effect). */
  const tryLink = (target: string): boolean => {
    try {
      fs.linkSync(tmp, target);
      return true;
    } catch (err) {
      if (errno(err) === 'EEXIST') return false;
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errno(err) ?? '')) throw err;
    }
    // A file system without hard links: O_EXCL excludes as well; a reader that comes
    // between the create and the write finds it unreadable for a moment, and waits.
    try {
      fs.writeFileSync(target, text, { mode: 0o600, flag: 'wx' });
      return true;
    } catch (err) {
      if (errno(err) === 'EEXIST') return false;
      throw err;
    }
  };

  /** Removes links no chain reaches (read the names first: a link made after is not judged). */
  function sweep(): void {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((n) => n.startsWith(`${base}.next.`));
    } catch {
      return;
    }
    const chain = walk();
    if (!chain) return;
    const reached = new Set(chain.map((l) => path.basename(l.file)));
    for (const n of names) if (!reached.has(n)) fs.rmSync(path.join(dir, n), { force: true });
  }

  function won(from?: Link): LockResult {
    // Only the chain's live end changes `<lock>`: this names the writer for whoever reads it.
    try {
      fs.renameSync(tmp, lockPath);
    } catch {
      // The chain still ends here; a later acquire()'s sweep tidies up.
    }
    sweep();
    if (!from) return { held: true };
    return { held: true, tookOverFrom: { ...from.holder, why: alive(from.holder).why } };
  }

  function acquire(): LockResult {
    let written = false;
    try {
      for (let attempt = 0; attempt < 8; attempt++) {
        const chain = walk();
        if (!chain) return { held: false };
        const end = chain.at(-1);
        if (end?.holder.nonce === me.nonce) return { held: true };
        // The usual answer, and a cheap one: the writer is alive.
        if (end && alive(end.holder).alive) return { held: false, holder: end.holder };
        if (!written) writeTmp();
        written = true;
        if (!end) {
          if (tryLink(lockPath)) return won();
          continue; // another console made it first
        }
        // Its holder is gone. Of every console that saw this, one makes the successor link.
        if (!tryLink(nextOf(end.holder.nonce))) continue;
        // A successor of a holder already dropped from the chain (this console looked
        // while another took over) is on no chain: not the lock.
        if (mine(walk())) return won(end);
        fs.rmSync(nextOf(end.holder.nonce), { force: true });
      }
      return { held: false, holder: walk()?.at(-1)?.holder };
    } finally {
      if (written) fs.rmSync(tmp, { force: true });
    }
  }

  return {
    path: lockPath,
    acquire,
    held: () => mine(walk()),
    release() {
      // Only the live end may drop the chain; everyone before it is dead.
      if (!mine(walk())) return;
      fs.rmSync(lockPath, { force: true });
      sweep();
    },
  };
}
