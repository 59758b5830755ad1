// Who holds a lock, told apart from whoever gets the same pid later. A pid alone is not an
// identity: after a crash the kernel hands it to the next process, and a lock that trusted
// it would be held by a shell or a browser forever. On Linux a process is also named by its
// start time (clock ticks since boot, /proc/<pid>/stat) and the boot it started in.
import fs from 'node:fs';
import os from 'node:os';

export interface ProcessIdentity {
  pid: number;
  host: string;
  /** /proc/sys/kernel/random/boot_id; absent off Linux. */
  boot?: string;
  /** Field 22 of /proc/<pid>/stat; absent off Linux. */
  start?: string;
}

function readOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface ProcStat {
  /** R, S, D, T, Z (zombie: exited, not yet reaped), X... */
  state: string;
  /** Clock ticks since boot. */
  start: string;
}

function procStat(pid: number): ProcStat | undefined {
  const stat = readOr(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may itself hold spaces or ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields here start at field 3 (state); the start time is field 22.
  return fields[19] === undefined ? undefined : { state: fields[0] ?? '', start: fields[19] };
}

/** When the process started (clock ticks since boot), or undefined where /proc cannot tell. */
export function processStart(pid: number): string | undefined {
  return procStat(pid)?.start;
}

export function bootId(): string | undefined {
  return readOr('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

let self: ProcessIdentity | undefined;

export function selfIdentity(): ProcessIdentity {
  self ??= { pid: process.pid, host: os.hostname(), boot: bootId(), start: processStart(process.pid) };
  return { ...self };
}

export interface Liveness {
  /** false only when it is certain the process is gone (or its pid now names another one). */
  alive: boolean;
  why?: string;
}

/**
 * Whether the process a lock names still runs. Where it cannot be known (another host, no
 * /proc) it counts as alive: a live holder's lock must never be taken, a dead one's may wait.
 */
export function liveness(owner: ProcessIdentity, here: ProcessIdentity = selfIdentity()): Liveness {
  if (owner.host !== here.host) return { alive: true, why: `on another host (${owner.host})` };
  if (owner.boot !== undefined && here.boot !== undefined && owner.boot !== here.boot)
    return { alive: false, why: 'the machine restarted since' };
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return { alive: false, why: 'it exited' };
    // EPERM: a process of another user has the pid; its start time below says whether it is ours.
  }
  const now = procStat(owner.pid);
  if (owner.start !== undefined && now !== undefined && now.start !== owner.start)
    return { alive: false, why: 'it exited (its pid was reused)' };
  // Killed, and its parent has not collected it yet: it will never write again.
  if (now?.state === 'Z' || now?.state === 'X') return { alive: false, why: 'it exited' };
  return { alive: true };
}
