// What anyone who can reach the port gets: a fresh connection with no credentials sends one
// PING. A raw socket, not ioredis: no AUTH, no HELLO, no CLIENT SETINFO, no retry, one reply
// line read and the socket closed. Over TLS it uses the profile's CA and client certificate
// (an mTLS server would turn away any client without one before Redis itself answers).
import net from 'node:net';
import tls from 'node:tls';
import { decodeServerBytes } from '../domain/bytes.js';
import type { TlsOptions } from './connect.js';
import { socketExchange } from './socket-exchange.js';

export type UnauthAnswer = 'open' | 'noauth';

export interface UnauthProbeOptions {
  host?: string;
  port?: number;
  socket?: string;
  tls?: TlsOptions;
  timeoutMs: number;
}

const PING = '*1\r\n$4\r\nPING\r\n';
/** A reply line longer than this is not Redis answering PING. */
const MAX_LINE = 512;

/** PONG (or NOPERM) -> open; NOAUTH -> noauth; anything else (DENIED by protected mode, ...) rejects with the server's words. */
export function unauthPing(opts: UnauthProbeOptions): Promise<UnauthAnswer> {
  const address = opts.socket ? { path: opts.socket } : { host: opts.host, port: opts.port ?? 6379 };
  const socket = opts.tls
    ? tls.connect({ ...address, ...opts.tls })
    : net.connect(address as net.NetConnectOpts);
  const bounds = {
    timeoutMs: opts.timeoutMs,
    timedOut: `timed out: no answer to PING within ${opts.timeoutMs} ms`,
    closed: 'the server closed the connection without answering PING',
  };
  return socketExchange<UnauthAnswer, net.Socket>(socket, bounds, (s, finish) => {
    let buffered = Buffer.alloc(0);
    s.once(opts.tls ? 'secureConnect' : 'connect', () => s.write(PING));
    s.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n');
      if (end === -1 && buffered.length < MAX_LINE) return;
      const line = decodeServerBytes(buffered.subarray(0, end === -1 ? MAX_LINE : end));
      // NOPERM: the connection is already the default user, only not allowed to PING: open.
      if (line === '+PONG' || /^-NOPERM\b/.test(line)) return finish(undefined, 'open');
      if (/^-NOAUTH\b/.test(line)) return finish(undefined, 'noauth');
      finish(new Error(line.startsWith('-') ? line.slice(1) : 'the answer to PING is not Redis'));
    });
  });
}
