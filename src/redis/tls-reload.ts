// Redis does not watch its certificate files: a renewed certificate is served only after a
// CONFIG SET of a tls-* setting rebuilds the TLS context (redis/redis#8756). These are that
// write, through the one write path, and the handshake that shows what a node serves now.
import type { PresentedCert } from '../domain/audit/types.js';
import { addressParts } from './audit-read.js';
import type { WriteContext, WriteOutcome } from './command.js';
import { writeOnEach } from './command.js';
import type { Target } from './target.js';
import { presentedCertificate } from './tls-peer.js';

export interface NodeTlsFiles {
  node: string;
  certFile: string;
  keyFile: string;
  caFile?: string;
}

/**
 * One CONFIG SET of every file at once (Redis 7.0+) on each node, so its context is rebuilt
 * from a matching set; each node its own files (a deployment has a certificate per node).
 */
export async function reloadTls(
  target: Target,
  ctx: WriteContext,
  entries: readonly NodeTlsFiles[],
): Promise<WriteOutcome[]> {
  const each = entries.map((e) => {
    const args = ['SET', 'tls-cert-file', e.certFile, 'tls-key-file', e.keyFile];
    if (e.caFile !== undefined) args.push('tls-ca-cert-file', e.caFile);
    return writeOnEach(target, ctx, 'CONFIG', args, [e.node]);
  });
  return (await Promise.all(each)).flat();
}

/** The certificate the node (its host:port, the TLS port the Target reaches) presents now. */
export function servedCertificate(target: Target, node: string, timeoutMs: number): Promise<PresentedCert> {
  const { host, port } = addressParts(node);
  const tls = target.tlsFor(host);
  return presentedCertificate({ host, port, ...(tls && { tls }), timeoutMs });
}
