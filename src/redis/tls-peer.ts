// The certificate a node presents, for the audit: the leaf of one handshake of the console's
// own (tls-handshake.ts; no Redis command is sent).
import type { PresentedCert } from '../domain/audit/types.js';
import { inspectCertificate } from '../pki/inspect.js';
import { toPem } from '../pki/pem.js';
import { tlsHandshake } from './tls-handshake.js';
import type { HandshakeOptions } from './tls-handshake.js';

export type TlsPeerOptions = HandshakeOptions;

/** Handshakes, reads the leaf certificate and closes. */
export async function presentedCertificate(opts: TlsPeerOptions): Promise<PresentedCert> {
  const hs = await tlsHandshake(opts);
  const info = inspectCertificate(toPem('CERTIFICATE', hs.chain[0] ?? Buffer.alloc(0)));
  return {
    subject: info.subject,
    issuer: info.issuer,
    serial: info.serial,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    dnsNames: info.dnsNames,
    ipAddresses: info.ipAddresses,
    extKeyUsage: info.extendedKeyUsages,
    chainOk: hs.authorized,
    ...(hs.authorizationError && { chainError: hs.authorizationError }),
    asksForClientCert: hs.asksForClientCert,
  };
}
