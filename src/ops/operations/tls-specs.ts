// Loading renewed TLS files into running nodes (tls.reload): the one CONFIG SET the generic
// config.set refuses on purpose (tls-* could lock the console out), here with its own check:
// a fresh handshake must show the renewed certificate's serial, or the reload is a MISMATCH.
import { toDisplay } from '../../domain/display.js';
import { readUserFile } from '../../fs/user-files.js';
import { inspectCertificate } from '../../pki/inspect.js';
import { reloadTls, servedCertificate } from '../../redis/tls-reload.js';
import { list, obj, OperationError, optional, str } from './check.js';
import type { OperationSpec } from './types.js';

const HANDSHAKE_MS = 5000;
const path = () => str({ nonEmpty: true, pattern: /^[^\0\r\n]+$/ });

const reloadParams = obj({
  nodes: list(str({ nonEmpty: true }), { nonEmpty: true }),
  certFile: path(),
  keyFile: path(),
  caFile: optional(path()),
  /** The renewed certificate's serial (hex); read from certFile when it is readable here. */
  serial: optional(str({ pattern: /^[0-9A-Fa-f]{1,64}$/ })),
});
type ReloadParams = ReturnType<typeof reloadParams>;

function expectedSerial(p: ReloadParams): string {
  if (p.serial !== undefined) return p.serial.toUpperCase();
  try {
    const pem = readUserFile(p.certFile, { maxBytes: 1024 * 1024, noun: 'certificate file' }).toString(
      'utf8',
    );
    return inspectCertificate(pem).serial;
  } catch (err) {
    throw new OperationError(
      `the new certificate's serial is needed to check the reload, and ${toDisplay(p.certFile)} cannot be read here (${err instanceof Error ? err.message : String(err)}): give its serial`,
    );
  }
}

export const reloadTlsFiles: OperationSpec<ReloadParams> = {
  id: 'tls.reload',
  params: reloadParams,
  describe: (p) =>
    `CONFIG SET tls-cert-file ${toDisplay(p.certFile)} tls-key-file ${toDisplay(p.keyFile)}${p.caFile === undefined ? '' : ` tls-ca-cert-file ${toDisplay(p.caFile)}`} on ${p.nodes.map(toDisplay).join(', ')}`,
  plan: (p, d) => {
    const serial = expectedSerial(p);
    return Promise.resolve({
      action: 'tls.reload',
      summary: `reload the TLS files on ${p.nodes.join(', ')} (new serial ${serial})`,
      args: {
        nodes: p.nodes.map(toDisplay),
        certFile: toDisplay(p.certFile),
        keyFile: toDisplay(p.keyFile),
        serial,
      },
      write: (ctx) =>
        reloadTls(
          d.target,
          ctx,
          { certFile: p.certFile, keyFile: p.keyFile, ...(p.caFile !== undefined && { caFile: p.caFile }) },
          p.nodes,
        ),
      check: async (node) => {
        const served = await servedCertificate(d.target, node, HANDSHAKE_MS);
        return served.serial === serial
          ? undefined
          : `a new handshake shows serial ${served.serial}, not the renewed ${serial}`;
      },
      reread: d.reread,
    });
  },
};
