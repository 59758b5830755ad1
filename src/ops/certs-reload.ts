// The live reload, for the Certs pane and `certs renew --reload` alike: one tls.reload operation
// (on each node named, CONFIG SET tls-cert-file / tls-key-file [/ tls-ca-cert-file] of its own
// files, then a handshake that must show the renewed serial), through the one mutation path.
import { runOperation } from './operations/run.js';
import type { OperationResult } from './operations/run.js';
import type { OperationContext } from './operations/types.js';

export interface ReloadParams {
  node: string;
  certFile: string;
  keyFile: string;
  caFile?: string;
  /** The renewed certificate's serial (hex); read from certFile when not given. */
  serial?: string;
}

export function reloadTls(c: OperationContext, reloads: ReloadParams[]): Promise<OperationResult> {
  return runOperation({ id: 'tls.reload', params: { reloads } }, c);
}
