// A MONITOR line -> its time, database, source and arguments, then redacted. Pure. Redis
// prints each argument quoted by sdscatrepr (\" \\ \n \r \t \a \b, any other byte outside
// printable ASCII as \xNN), so the exact bytes come back; ioredis's own monitor parser splits
// on `" "` and would cut an argument that holds one.
import { decodeServerBytes } from '../../domain/bytes.js';
import { redact, redactArgs } from '../../domain/redact.js';

export interface MonitorLine {
  /** `seconds.micros` since the epoch, as the server printed it. */
  time: string;
  db: number;
  /** `ip:port`, `[ipv6]:port`, `unix:/path` or `lua`. */
  source: string;
  /** The command and its arguments, surrogate-escaped (src/domain/bytes.ts), secrets redacted. */
  args: string[];
}

const HEAD = /^(\d+\.\d+) \[(\d+) ([^\]]*)\] /;
const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, a: 7, b: 8, '"': 34, '\\': 92 };

/** The quoted arguments of a line's tail; undefined when it is not what sdscatrepr writes. */
function unquote(tail: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < tail.length) {
    if (tail[i] !== '"') return undefined;
    const bytes: number[] = [];
    i++;
    for (;;) {
      const c = tail[i];
      if (c === undefined) return undefined;
      if (c === '"') break;
      if (c === '\\') {
        const e = tail[i + 1] ?? '';
        if (e === 'x' && /^[0-9a-f]{2}$/i.test(tail.slice(i + 2, i + 4))) {
          bytes.push(parseInt(tail.slice(i + 2, i + 4), 16));
          i += 4;
          continue;
        }
        const b = ESCAPES[e];
        if (b === undefined) return undefined;
        bytes.push(b);
        i += 2;
        continue;
      }
      bytes.push(c.charCodeAt(0) & 0xff);
      i++;
    }
    out.push(decodeServerBytes(Uint8Array.from(bytes)));
    i++;
    if (i < tail.length) {
      if (tail[i] !== ' ') return undefined;
      i++;
    }
  }
  return out;
}

/** One line of a MONITOR stream (without the RESP `+` and CRLF), redacted; undefined if it is not one. */
export function parseMonitorLine(line: string, secrets: readonly string[] = []): MonitorLine | undefined {
  const m = HEAD.exec(line);
  if (!m) return undefined;
  const args = unquote(line.slice(m[0].length));
  if (!args?.length) return undefined;
  const [command = '', ...rest] = args;
  return {
    time: m[1]!,
    db: Number(m[2]),
    source: m[3]!,
    // The command name too: a known secret may stand anywhere, even there.
    args: [redact(command, secrets), ...redactArgs(command, rest, { secrets })],
  };
}
