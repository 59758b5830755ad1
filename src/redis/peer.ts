// What answers on a port that does not speak the Redis protocol, told from the first bytes it
// sent (or from its silence): an HTTP server, a TLS server reached in plain text, an SSH
// banner, a server that closes at once or never says anything. Pure: the bytes come in.
import { seconds } from './deadline.js';
import type { Explained } from './errors.js';

export type PeerLook = 'http' | 'tls' | 'ssh' | 'other' | 'closed' | 'silent';

const PORT_FIX =
  'Check the host and port: Redis listens on 6379 unless configured otherwise (port in redis.conf).';

/** A TLS record (handshake 0x16 or alert 0x15, version 3.x): a TLS server answering plain text. */
const isTls = (b: Buffer) => b.length >= 2 && (b[0] === 0x15 || b[0] === 0x16) && b[1] === 0x03;

export function lookOf(bytes: Buffer | undefined): PeerLook {
  if (!bytes?.length) return 'closed';
  if (isTls(bytes)) return 'tls';
  const head = bytes.toString('latin1', 0, 8);
  if (/^HTTP\/\d/.test(head)) return 'http';
  if (head.startsWith('SSH-')) return 'ssh';
  return 'other';
}

/**
 * The first line the peer sent, as inert ASCII (anything else becomes '?'), at most 60
 * characters: enough to recognise it, never the server's raw bytes on a terminal.
 */
export function firstLine(bytes: Buffer): string {
  const end = bytes.indexOf(0x0a);
  const line = bytes.subarray(0, end < 0 ? Math.min(bytes.length, 60) : Math.min(end, 60));
  return Array.from(line, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?'))
    .join('')
    .replace(/\?$/, '');
}

/** The explanation for a peer that is not Redis, by what it looks like. */
export function notRedis(look: PeerLook, bytes: Buffer | undefined, waitedMs?: number): Explained {
  const said = bytes?.length ? `the server answered "${firstLine(bytes)}"` : '';
  const base = { name: 'NOT_REDIS', retryable: false, fix: [PORT_FIX] };
  switch (look) {
    case 'http':
      return {
        ...base,
        message: said,
        cause:
          'The server there does not speak the Redis protocol: it is an HTTP server (a web server, an admin page or an HTTP proxy).',
      };
    case 'ssh':
      return {
        ...base,
        message: said,
        cause: 'The server there does not speak the Redis protocol: it is an SSH server.',
      };
    case 'tls':
      return {
        ...base,
        code: 'SEC004',
        message: 'the server answered with a TLS record',
        cause:
          'The server there speaks TLS and this console connected in plain text: a TLS port (tls-port) reached without --tls, or not Redis at all.',
        fix: ['For a Redis TLS port add --tls and --cacert ca.crt (and --cert/--key for mTLS).', PORT_FIX],
      };
    case 'closed':
      return {
        ...base,
        message: 'the server closed the connection without answering',
        cause:
          'Something accepts connections there but closes them without a word: not Redis, or a proxy with no server behind it.',
        retryable: true,
      };
    case 'silent':
      return {
        ...base,
        name: 'SILENT',
        message: `the server accepted the connection and sent nothing back${waitedMs === undefined ? '' : ` in ${(waitedMs / 1000).toFixed(1)} s`}`,
        cause:
          'Something accepts connections there but does not answer the Redis protocol: not Redis, a server that is stuck, or a proxy with no server behind it.',
        fix: [PORT_FIX, 'On the server host: redis-cli -p PORT PING, and check the Redis log.'],
        retryable: true,
      };
    default:
      return {
        ...base,
        message: said,
        cause: 'The server there does not speak the Redis protocol.',
      };
  }
}

const inSeconds = (ms: number | undefined) => (ms === undefined ? '' : ` in ${seconds(ms)}`);

/**
 * A TLS client whose TCP connection was accepted and whose handshake was never answered: most
 * likely a plain Redis port, which reads the ClientHello as the start of a command and waits
 * for the rest. One explanation for the TUI's header and every headless command.
 */
export function noTlsAnswer(waitedMs?: number): Explained {
  return {
    name: 'NO_TLS_ANSWER',
    code: 'SEC004',
    message: `the server accepted the connection and did not answer the TLS handshake${inSeconds(waitedMs)}`,
    cause:
      'No TLS handshake answer: this may be a plain (non-TLS) port, which waits for a command and never answers a handshake.',
    fix: [
      'For a plain port drop --tls (or use redis:// instead of rediss://).',
      "For TLS use the server's TLS port (tls-port in redis.conf; CONFIG GET tls-port).",
    ],
    retryable: true,
  };
}

/** Nothing answered at all (no TCP connection, or none that said anything) within the bound. */
export function noAnswerAtAll(id: string, waitedMs: number, boundMs: number): Explained {
  return {
    name: 'TIMEOUT',
    message: `no answer from ${id} after ${seconds(waitedMs)} of the ${seconds(boundMs)} time bound (--timeout)`,
    cause: 'Nothing answered in time: the host is down or unreachable, or a firewall drops the connection.',
    fix: ['Check the host, port and firewall.'],
    retryable: true,
  };
}
