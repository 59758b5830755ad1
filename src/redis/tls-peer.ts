// The certificate a node presents, from a TLS handshake of the console's own (no Redis
// command is sent). Verification is recorded, not enforced (rejectUnauthorized false): an
// expired or untrusted certificate is exactly what the audit must be able to describe.
import tls from 'node:tls';
import type { PresentedCert } from '../domain/audit/types.js';
import { inspectCertificate } from '../pki/inspect.js';
import { toPem } from '../pki/pem.js';
import type { TlsOptions } from './connect.js';
import { socketExchange } from './socket-exchange.js';

export interface TlsPeerOptions {
  host: string;
  port: number;
  /** The profile's CA, client certificate and SNI; without a CA the system store judges the chain. */
  tls?: TlsOptions;
  timeoutMs: number;
}

const isIp = (h: string) => /^[\d.]+$/.test(h) || h.includes(':');

/**
 * Handshakes, reads the leaf certificate and closes. Whether the server asked for a client
 * certificate is what the shared signature algorithms say: a client only has them once a
 * CertificateRequest came (tls-auth-clients yes or optional); without one the list is empty.
 */
export function presentedCertificate(opts: TlsPeerOptions): Promise<PresentedCert> {
  const servername = opts.tls?.servername ?? (isIp(opts.host) ? undefined : opts.host);
  const socket = tls.connect({
    host: opts.host,
    port: opts.port,
    ...(opts.tls?.ca && { ca: opts.tls.ca }),
    ...(opts.tls?.cert && opts.tls.key && { cert: opts.tls.cert, key: opts.tls.key }),
    ...(servername && { servername }),
    rejectUnauthorized: false,
    // The names are judged by the audit (SANs against the host), so the chain result stays the chain's.
    checkServerIdentity: () => undefined,
  });
  const bounds = {
    timeoutMs: opts.timeoutMs,
    timedOut: `timed out: no TLS handshake within ${opts.timeoutMs} ms`,
    closed: 'the server closed the connection during the TLS handshake',
  };
  return socketExchange<PresentedCert, tls.TLSSocket>(socket, bounds, (s, finish) => {
    s.once('secureConnect', () => {
      try {
        finish(undefined, describe(s));
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}

function describe(socket: tls.TLSSocket): PresentedCert {
  const peer = socket.getPeerCertificate(true);
  if (!peer.raw) throw new Error('the server presented no certificate');
  const info = inspectCertificate(toPem('CERTIFICATE', peer.raw));
  const chainError = socket.authorizationError;
  return {
    subject: info.subject,
    issuer: info.issuer,
    serial: info.serial,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    dnsNames: info.dnsNames,
    ipAddresses: info.ipAddresses,
    extKeyUsage: info.extendedKeyUsages,
    chainOk: socket.authorized,
    ...(chainError && { chainError: String(chainError) }),
    asksForClientCert: socket.getSharedSigalgs().length > 0,
  };
}
