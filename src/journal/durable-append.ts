// The one way lines reach an audit file: O_APPEND, one write() per batch, fsync before
// returning. An entry that returned must survive a crash or a dropped SSH session.
import fs from 'node:fs';

/**
 * Appends `lines` (each without its newline) to `file`, creating it 0600. A file that
 * group/others can read is tightened first; the old mode is returned so the caller can
 * say so. A torn last line (a crash mid-write) is closed with a newline first, so the
 * new entries do not fuse with it and become unreadable too.
 */
export function appendLinesDurable(file: string, lines: readonly string[]): number | undefined {
  if (lines.length === 0) return undefined;
  // a+ (not a) so the last byte can be read with pread; writes still go to the end.
  const fd = fs.openSync(file, 'a+', 0o600);
  try {
    const st = fs.fstatSync(fd);
    let loosened: number | undefined;
    if ((st.mode & 0o077) !== 0) {
      loosened = st.mode & 0o777;
      fs.fchmodSync(fd, 0o600);
    }
    let text = lines.join('\n') + '\n';
    if (st.size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, st.size - 1);
      if (last[0] !== 0x0a) text = '\n' + text;
    }
    writeAll(fd, Buffer.from(text, 'utf8'));
    fs.fsyncSync(fd);
    return loosened;
  } finally {
    fs.closeSync(fd);
  }
}

// One write() normally takes the whole buffer, which keeps lines from two writers whole;
// the loop only matters on a short write (disk full, signal).
function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}
