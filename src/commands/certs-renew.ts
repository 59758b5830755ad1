// `redis-warden certs renew --ca-cert F --ca-key F FILE...`: new certificates with the same
// names and usages (new keys, new serials) over the same files. Without --yes it says what it
// would renew and exits 1. With --reload (and a connection: -h/-p, -c, --profile) it then loads
// them into the running nodes through the tls.reload operation: confirmed by --yes, journaled,
// refused in read-only mode, and checked by a fresh handshake showing the new serial.
import { resolve } from 'node:path';
import { readUserFile } from '../fs/user-files.js';
import { toDisplay } from '../domain/display.js';
import { describeResult } from '../ops/mutation.js';
import { inspectCertificate } from '../pki/inspect.js';
import { renewFiles } from '../ops/certs.js';
import { PKI_FILE_LIMIT } from '../ops/certs-check.js';
import { reloadTls } from '../ops/certs-reload.js';
import { withAcl } from './acl-session.js';
import type { AclFlags } from './acl-session.js';
import { caKeyPassphrase } from './ca-passphrase.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { print, printJson } from './output.js';

export interface RenewFlags extends AclFlags {
  caCert?: string;
  caKey?: string;
  caKeyPassStdin?: boolean;
  days?: string;
  reload?: boolean;
  yes?: boolean;
}

export async function certsRenew(ctx: CommandContext, files: string[], f: RenewFlags): Promise<number> {
  if (!f.caCert || !f.caKey)
    throw new UsageError('--ca-cert and --ca-key: the CA that signs the renewed certificates');
  if (files.length === 0) throw new UsageError('name the certificate files to renew (node-1.crt ...)');
  const days = f.days === undefined ? undefined : Number(f.days);
  if (days !== undefined && !/^\d{1,5}$/.test(f.days ?? ''))
    throw new UsageError(`--days: "${f.days}" is not a whole number`);
  if (!f.yes) {
    const lines = files.map((file) => {
      const info = inspectCertificate(readUserFile(file, PKI_FILE_LIMIT).toString('utf8'));
      return `would renew ${toDisplay(file)}: ${toDisplay(info.subject)}, ends ${info.notAfter.toISOString().slice(0, 10)} (${info.daysLeft} days left)`;
    });
    print(lines.join('\n'));
    ctx.warn(`Nothing written: run again with --yes to renew${f.reload ? ' and reload' : ''}.`);
    return 1;
  }
  const pass = await caKeyPassphrase(f.caKey, Boolean(f.caKeyPassStdin));
  const result = await renewFiles({
    caCertPath: f.caCert,
    caKeyPath: f.caKey,
    files,
    ...(days !== undefined && { days }),
    ...(pass !== undefined && { passphrase: pass }),
  });
  const out: Record<string, unknown> = {
    renewed: result.renewed,
    written: result.written,
    reload: result.reload,
  };
  const lines = result.renewed.map(
    (r) =>
      `renewed ${toDisplay(r.certPath)}: serial ${r.oldSerial} -> ${r.serial}, ends ${r.notAfter.slice(0, 10)}`,
  );
  let code = 0;
  const servers = result.renewed.filter((r) => result.reload.some((cmd) => cmd.includes(r.certPath)));
  const server = servers[0];
  if (f.reload && servers.length > 1)
    throw new UsageError('--reload: one node certificate at a time (connect to that node with -h/-p)');
  if (f.reload && server) {
    const r = await withAcl(ctx, f, (s) =>
      reloadTls(
        { target: s.target, env: s.env, confirmed: true },
        s.target.nodeIds().map((node) => ({
          node,
          certFile: server.certPath,
          keyFile: server.keyPath,
          caFile: resolve(f.caCert ?? ''),
          serial: server.serial,
        })),
      ),
    );
    out.reloaded = r;
    lines.push(toDisplay(describeResult(r)));
    code = r.status === 'done' ? 0 : r.status === 'refused' ? 2 : 1;
  } else if (result.reload.length > 0)
    lines.push(
      '',
      '# load them into a running server (redis-warden certs renew --reload does it):',
      ...result.reload,
    );
  if (f.json) printJson(out);
  else print(lines.join('\n'));
  return code;
}
