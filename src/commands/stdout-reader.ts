// `tail -f | head -2`: the reader goes while the tail is idle, and a write's EPIPE would
// only tell at the next event, minutes later maybe. Node cannot poll a write-only pipe
// (libuv watches a pipe only while a write is pending, and a zero-byte write to a pipe
// succeeds without readers), so on Linux this looks in /proc for the processes that hold
// stdout's pipe open for reading and ends the tail once none is left.
//
// It only ever decides "gone" after having seen a reader: a reader it cannot see (another
// account's process, sshd) leaves the watch off, and the next write's EPIPE tells, as before.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const NOTHING = () => undefined;

/** Whether process `pid` holds `pipe` ("pipe:[123]") open for reading. */
function readsPipe(pid: string, pipe: string): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // gone, or not ours to look at
  }
  for (const fd of fds) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== pipe) continue;
      const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))?.[1];
      // The access mode is the low two bits: 1 is O_WRONLY (a writer like this process).
      if (flags !== undefined && (parseInt(flags, 8) & 3) !== 1) return true;
    } catch {
      // closed meanwhile
    }
  }
  return false;
}

const readersOf = (pipe: string): string[] =>
  readdirSync('/proc').filter((d) => /^\d+$/.test(d) && d !== String(process.pid) && readsPipe(d, pipe));

/**
 * Calls `onGone` once when stdout is a pipe whose every reader has exited or closed it.
 * Returns the function that stops watching. A no-op off Linux and when stdout is no pipe.
 */
export function watchStdoutReader(onGone: () => void, everyMs = 300): () => void {
  if (process.platform !== 'linux') return NOTHING;
  let pipe: string;
  let readers: string[];
  try {
    pipe = readlinkSync('/proc/self/fd/1');
    if (!pipe.startsWith('pipe:')) return NOTHING; // a terminal, a file or a socket
    readers = readersOf(pipe);
  } catch {
    return NOTHING;
  }
  if (!readers.length) return NOTHING;
  const timer = setInterval(() => {
    readers = readers.filter((pid) => readsPipe(pid, pipe));
    if (readers.length) return;
    // The ones seen are gone; another may hold it now (the shell that forked the reader
    // still had it at the first look).
    readers = readersOf(pipe);
    if (readers.length) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
