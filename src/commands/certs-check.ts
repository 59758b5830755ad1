// `redis-warden certs check [-h H -p P | --profile NAME | -c] [--sni NAME] [--json] [--warn-days 30]`:
// a TLS handshake with the server (or, with -c, every node of the cluster), the certificate it
// presents judged as a client of this profile sees it. For cron and monitoring: exit 0 fine,
// 1 expiring within the window or a problem found, 2 could not connect (the reason named:
// nothing listening, a plain port, an HTTP or SSH server, a silent peer) or bad input.
import { problemsExit } from '../domain/certs/judge.js';
import { toDisplay } from '../domain/display.js';
import { checkLive } from '../ops/certs-inspect.js';
import type { LiveReport } from '../ops/certs-inspect.js';
import { addressOf, DEFAULT_HOST, DEFAULT_PORT, mergeSpecs, tlsOptions } from '../redis/connect.js';
import type { Explained } from '../redis/errors.js';
import { HandshakeError } from '../redis/tls-handshake.js';
import { TlsFileError } from '../redis/tls-files.js';
import type { ConnectionSpec } from '../profiles/schema.js';
import { timeoutOf, withAcl } from './acl-session.js';
import type { AclFlags } from './acl-session.js';
import { liveText } from './certs-text.js';
import { CERTS_JSON_VERSION, warnDaysOf } from './certs-inspect.js';
import { pickProfile, UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { flagsToRequest } from './flags.js';
import { print, printJson } from './output.js';

export interface CertsCheckFlags extends AclFlags {
  warnDays?: string;
}

interface NodeCheck {
  node: string;
  report?: LiveReport;
  error?: Explained;
}

/** host:port -> its parts ("[::1]:6380" too). */
function hostPort(id: string): { host: string; port: number } {
  const m = /^\[?(.*?)\]?:(\d+)$/.exec(id);
  return { host: m?.[1] ?? id, port: Number(m?.[2] ?? DEFAULT_PORT) };
}

/**
 * The nodes to check: the one address, or (-c) every node the cluster names (needs a login),
 * and what is left of the one time bound for their handshakes.
 */
async function nodesOf(
  ctx: CommandContext,
  flags: CertsCheckFlags,
  spec: ConnectionSpec,
  timeoutMs: number,
): Promise<{ nodes: string[]; leftMs: number }> {
  if (!spec.cluster) return { nodes: [addressOf(spec)], leftMs: timeoutMs };
  return withAcl(ctx, flags, async (s) => ({
    nodes: s.target.nodeIds(),
    leftMs: Math.max(100, s.bound.left() ?? timeoutMs),
  }));
}

async function checkNode(
  node: string,
  spec: ConnectionSpec,
  warnDays: number,
  timeoutMs: number,
): Promise<NodeCheck> {
  const { host, port } = hostPort(node);
  let tls;
  try {
    // A check looks at TLS whatever the profile says: a plain-text profile still names the CA.
    tls = tlsOptions({ ...spec, tls: { ...spec.tls, enabled: true } }, host);
  } catch (err) {
    if (err instanceof TlsFileError) throw new UsageError(err.message);
    throw err;
  }
  try {
    const sni = spec.tls?.sni;
    const report = await checkLive(
      { host, port, ...(sni && { sni }), ...(tls && { tls }) },
      { warnDays, timeoutMs },
    );
    return { node, report };
  } catch (err) {
    if (err instanceof HandshakeError) return { node, error: err.explained };
    throw err;
  }
}

export async function certsCheck(ctx: CommandContext, flags: CertsCheckFlags): Promise<number> {
  const warnDays = warnDaysOf(flags);
  const timeoutMs = timeoutOf(flags);
  const req = flagsToRequest(flags);
  for (const w of req.warnings) ctx.warn(w);
  const spec = mergeSpecs(pickProfile(ctx, flags), req.override);
  if (spec.socket) throw new UsageError('certs check needs a host and port: a unix socket has no TLS');
  spec.host ??= DEFAULT_HOST;
  spec.port ??= DEFAULT_PORT;
  const { nodes, leftMs } = await nodesOf(ctx, flags, spec, timeoutMs);
  const checks = await Promise.all(nodes.map((n) => checkNode(n, spec, warnDays, leftMs)));
  const exit = checks.some((c) => c.error)
    ? 2
    : problemsExit(checks.flatMap((c) => c.report?.problems ?? []));
  if (flags.json) {
    const nodesJson = checks.map((c) => ({
      node: c.node,
      ...(c.report ?? {}),
      ...(c.error && { error: c.error }),
    }));
    printJson({ version: CERTS_JSON_VERSION, exit, nodes: nodesJson });
  } else {
    for (const c of checks) {
      const text = (c.report ? liveText(c.report) : failureLines(c.node, c.error)).map((l) => toDisplay(l));
      // A failure is said on stderr, as every command's is; a cron mail shows both.
      if (c.report) print(text.join('\n'));
      else process.stderr.write(`${text.join('\n')}\n`);
      if (checks.length > 1) print('');
    }
    print(exitLine(exit));
  }
  return exit;
}

function failureLines(node: string, e: Explained | undefined): string[] {
  if (!e) return [`${node}: could not connect`];
  return [
    `${node}: could not connect: ${e.code ? `${e.code} ` : ''}${e.name}: ${e.message}`,
    `  ${e.cause}`,
    ...e.fix.map((f) => `  → ${f}`),
  ];
}

function exitLine(exit: number): string {
  if (exit === 2) return 'Exit 2: could not connect.';
  return exit === 1 ? 'Exit 1: a problem found (or expiring within the window).' : 'Exit 0: fine.';
}
