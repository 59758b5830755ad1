// What anyone who can reach the port gets: a fresh connection with no credentials sends one
// PING. A raw socket, not ioredis: no AUTH, no HELLO, no CLIENT SETINFO, no retry, one reply
// line read and the socket closed. Over TLS it uses the profile's CA and client certificate
// (an mTLS server would turn away any client without one before Redis itself answers).
import net from 'node:net';
import tls from 'node:tls';
import { decodeServerBytes } from '../domain/bytes.js';
import type { TlsOptions } from './connect.js';

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
  return new Promise((resolve, reject) => {
    const address = opts.socket ? { path: opts.socket } : { host: opts.host, port: opts.port ?? 6379 };
    const socket = opts.tls
      ? tls.connect({ ...address, ...opts.tls })
      : net.connect(address as net.NetConnectOpts);
    let buffered = Buffer.alloc(0);
    const done = (err: Error | undefined, answer?: UnauthAnswer) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(answer!);
    };
    const timer = setTimeout(
      () => done(new Error(`timed out: no answer to PING within ${opts.timeoutMs} ms`)),
      opts.timeoutMs,
    );
    socket.once(opts.tls ? 'secureConnect' : 'connect', () => socket.write(PING));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n');
      if (end === -1 && buffered.length < MAX_LINE) return;
      const bytes = buffered.subarray(0, end === -1 ? MAX_LINE : end);
      const line = decodeServerBytes(bytes);
      // NOPERM: the connection is already the default user, only not allowed to PING: open.
      if (line === '+PONG' || /^-NOPERM\b/.test(line)) return done(undefined, 'open');
      if (/^-NOAUTH\b/.test(line)) return done(undefined, 'noauth');
      done(new Error(line.startsWith('-') ? line.slice(1) : 'the answer to PING is not Redis'));
    });
    socket.on('error', (err: Error) => done(err));
    socket.on('close', () => done(new Error('the server closed the connection without answering PING')));
  });
}
