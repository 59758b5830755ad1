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
  reloads: list(
    obj({
      node: str({ nonEmpty: true }),
      certFile: path(),
      keyFile: path(),
      caFile: optional(path()),
      /** The renewed certificate's serial (hex); read from certFile when it is readable here. */
      serial: optional(str({ pattern: /^[0-9A-Fa-f]{1,64}$/ })),
    }),
    { nonEmpty: true },
  ),
});
type ReloadParams = ReturnType<typeof reloadParams>;
type Reload = ReloadParams['reloads'][number];

function expectedSerial(r: Reload): string {
  if (r.serial !== undefined) return r.serial.toUpperCase();
  try {
    const pem = readUserFile(r.certFile, { maxBytes: 1024 * 1024, noun: 'certificate file' }).toString(
      'utf8',
    );
    return inspectCertificate(pem).serial;
  } catch (err) {
    throw new OperationError(
      `the new certificate's serial is needed to check the reload, and ${toDisplay(r.certFile)} cannot be read here (${err instanceof Error ? err.message : String(err)}): give its serial`,
    );
  }
}

const describeOne = (r: Reload) =>
  `CONFIG SET tls-cert-file ${toDisplay(r.certFile)} tls-key-file ${toDisplay(r.keyFile)}${r.caFile === undefined ? '' : ` tls-ca-cert-file ${toDisplay(r.caFile)}`} on ${toDisplay(r.node)}`;

export const reloadTlsFiles: OperationSpec<ReloadParams> = {
  id: 'tls.reload',
  params: reloadParams,
  describe: (p) => p.reloads.map(describeOne).join('; '),
  plan: (p, d) => {
    const serials = new Map(p.reloads.map((r) => [r.node, expectedSerial(r)]));
    return Promise.resolve({
      action: 'tls.reload',
      summary: `reload the TLS files on ${p.reloads.map((r) => `${r.node} (new serial ${serials.get(r.node) ?? ''})`).join(', ')}`,
      args: p.reloads.map((r) => ({
        node: toDisplay(r.node),
        certFile: toDisplay(r.certFile),
        keyFile: toDisplay(r.keyFile),
        serial: serials.get(r.node),
      })),
      write: (ctx) => reloadTls(d.target, ctx, p.reloads),
      check: async (node) => {
        const want = serials.get(node);
        const served = await servedCertificate(d.target, node, HANDSHAKE_MS);
        return served.serial === want
          ? undefined
          : `a new handshake shows serial ${served.serial}, not the renewed ${want ?? '(none)'}`;
      },
      reread: d.reread,
    });
  },
};
