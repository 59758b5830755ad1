// One TLS handshake of the console's own, no Redis command sent: what the server presented
// (the chain, as DER), whether the chain verifies against the CA given, the protocol and
// cipher, and whether the server asked for a client certificate. Verification is recorded,
// not enforced: an expired or untrusted certificate is exactly what must be described.
// A failure is named as the links of a Target name it (peer.ts): a plain port that never
// answers the handshake, an HTTP or SSH server, a peer that closes or stays silent.
import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { TlsOptions } from './connect.js';
import { explain } from './errors.js';
import type { Explained } from './errors.js';
import { lookOf, noAnswerAtAll, noTlsAnswer, notRedis } from './peer.js';

export interface HandshakeOptions {
  host: string;
  port: number;
  /** The profile's CA, client certificate and SNI; without a CA the system store judges the chain. */
  tls?: TlsOptions;
  timeoutMs: number;
}

export interface Handshake {
  /** DER, the leaf first, then its issuers as the handshake gave them. */
  chain: Buffer[];
  authorized: boolean;
  /** OpenSSL's verify error code (SELF_SIGNED_CERT_IN_CHAIN, CERT_HAS_EXPIRED, ...). */
  authorizationError?: string;
  protocol?: string;
  cipher?: string;
  asksForClientCert: boolean;
}

/** A handshake that did not complete, explained in the guide's terms. */
export class HandshakeError extends Error {
  constructor(readonly explained: Explained) {
    super(explained.message);
  }
}

const isIp = (h: string) => net.isIP(h) !== 0;
const PEEK_BYTES = 64;

/** The TCP socket wrapped so the first bytes the server sends are seen before TLS reads them. */
function peeking(raw: net.Socket, seen: (chunk: Buffer) => void): Duplex {
  const wrapped = new Duplex({
    read: () => void raw.resume(),
    write: (chunk: Buffer, _enc, done) => void raw.write(chunk, done),
    final: (done) => {
      raw.end();
      done();
    },
    destroy: (err, done) => {
      raw.destroy();
      done(err);
    },
  });
  raw.on('data', (chunk: Buffer) => {
    seen(chunk);
    if (!wrapped.push(chunk)) raw.pause();
  });
  raw.on('end', () => wrapped.push(null));
  raw.on('error', (err) => wrapped.destroy(err));
  raw.on('close', () => wrapped.destroy());
  return wrapped;
}

export function tlsHandshake(opts: HandshakeOptions): Promise<Handshake> {
  const started = Date.now();
  const id = `${isIp(opts.host) && opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${opts.port}`;
  const servername = opts.tls?.servername ?? (isIp(opts.host) ? undefined : opts.host);
  const raw = net.connect({ host: opts.host, port: opts.port });
  let tcpUpAt = 0;
  let first = Buffer.alloc(0);
  raw.once('connect', () => (tcpUpAt = Date.now()));
  const socket = tls.connect({
    socket: peeking(raw, (chunk) => {
      if (first.length < PEEK_BYTES) first = Buffer.concat([first, chunk]).subarray(0, PEEK_BYTES);
    }),
    ...(opts.tls?.ca && { ca: opts.tls.ca }),
    ...(opts.tls?.cert && opts.tls.key && { cert: opts.tls.cert, key: opts.tls.key }),
    ...(servername && { servername }),
    rejectUnauthorized: false,
    // Names are judged by the caller (SANs against the host), so the chain result stays the chain's.
    checkServerIdentity: () => undefined,
  });
  /** Why it ended without a handshake, from what the peer did. */
  const failure = (err: Error | undefined): Explained => {
    const waited = Date.now() - started;
    if (!tcpUpAt) return err ? explain(err) : noAnswerAtAll(id, waited, opts.timeoutMs);
    // A plain Redis port that found a newline in the ClientHello answers with a RESP error.
    if (/^[-+$*:]/.test(first.toString('latin1', 0, 1)))
      return { ...noTlsAnswer(), message: 'the server answered the TLS handshake in the Redis protocol' };
    const look = lookOf(first);
    if (look !== 'tls' && look !== 'closed') return notRedis(look, first);
    if (look === 'closed' && !err) return noTlsAnswer(Date.now() - tcpUpAt);
    if (look === 'closed' && /ECONNRESET|disconnected before secure/i.test(err?.message ?? ''))
      return notRedis('closed', undefined);
    return err ? explain(err) : noTlsAnswer(Date.now() - tcpUpAt);
  };
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: Error | undefined, value?: Handshake) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      raw.destroy();
      if (value) resolve(value);
      else reject(new HandshakeError(failure(err)));
    };
    const timer = setTimeout(() => finish(undefined), opts.timeoutMs);
    socket.once('secureConnect', () => {
      try {
        finish(undefined, describe(socket));
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
      }
    });
    socket.on('error', (err: Error) => finish(err));
    socket.on('close', () => finish(new Error('the server closed the connection during the TLS handshake')));
  });
}

function describe(socket: tls.TLSSocket): Handshake {
  const chain: Buffer[] = [];
  let peer: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  if (!peer.raw) throw new Error('the server presented no certificate');
  // Node links each certificate to its issuer; a self-signed root links to itself.
  while (peer?.raw && !chain.some((der) => der.equals(peer!.raw))) {
    chain.push(peer.raw);
    peer = peer.issuerCertificate;
  }
  const error = socket.authorizationError as unknown as (Error & { code?: string }) | string | null;
  const cipher = socket.getCipher();
  return {
    chain,
    authorized: socket.authorized,
    ...(error && { authorizationError: typeof error === 'string' ? error : (error.code ?? error.message) }),
    ...(socket.getProtocol() && { protocol: socket.getProtocol() ?? undefined }),
    ...(cipher?.standardName && { cipher: cipher.standardName }),
    // A client has shared signature algorithms only once a CertificateRequest came
    // (tls-auth-clients yes or optional); without one the list is empty.
    asksForClientCert: socket.getSharedSigalgs().length > 0,
  };
}
