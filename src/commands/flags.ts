// The connection flags, named as in redis-cli, shared by the TUI and every subcommand
// (they work before or after the subcommand), and their mapping to a ConnectRequest.
import { Option } from 'commander';
import type { Command } from 'commander';
import { parseUri } from '../redis/connect.js';
import type { ConnectionSpec } from '../profiles/schema.js';

export interface ConnectionFlags {
  host?: string;
  port?: string;
  socket?: string;
  uri?: string;
  user?: string;
  pass?: string;
  askpass?: boolean;
  tls?: boolean;
  cacert?: string;
  cacertdir?: string;
  cert?: string;
  key?: string;
  sni?: string;
  insecure?: boolean;
  cluster?: boolean;
  profile?: string;
  readOnly?: boolean;
  theme?: string;
}

export function addConnectionOptions(cmd: Command): Command {
  return cmd
    .option('-h, --host <host>', 'server hostname (default 127.0.0.1)')
    .option('-p, --port <port>', 'server port (default 6379)')
    .option('-s, --socket <path>', 'server unix socket (overrides host and port)')
    .option('-u, --uri <uri>', 'redis://[user[:password]@]host[:port], or rediss:// for TLS')
    .option('--user <username>', 'ACL user to authenticate as')
    .addOption(
      new Option(
        '--pass <password>',
        'password (visible in the process list: prefer REDISCLI_AUTH or --askpass)',
      ),
    )
    .addOption(new Option('-a <password>', 'same as --pass (redis-cli spelling)'))
    .option('--askpass', 'prompt for the password (masked)')
    .option('--tls', 'connect with TLS')
    .option('--cacert <file>', 'CA certificate to verify the server with')
    .option('--cacertdir <dir>', 'directory of trusted CA certificates')
    .option('--cert <file>', 'client certificate (mTLS)')
    .option('--key <file>', 'client private key (mTLS)')
    .option('--sni <host>', 'server name for TLS SNI and verification')
    .option('--insecure', 'do not verify the server certificate (one-off look only)')
    .option('-c, --cluster', 'cluster mode: discover every node from the seed')
    .option('--profile <name>', 'use a saved profile (flags override its fields)')
    .option('--read-only', 'hide and refuse every change')
    .option('--theme <name>', 'colour theme: default, light, high-contrast, mono, production');
}

export interface FlagRequest {
  override: ConnectionSpec;
  password?: string;
  askpass: boolean;
  warnings: string[];
}

/** Flags -> connection override and explicit password (precedence as redis-cli: -a/--pass, URI, REDISCLI_AUTH). */
export function flagsToRequest(
  flags: ConnectionFlags & { a?: string },
  env: NodeJS.ProcessEnv = process.env,
): FlagRequest {
  const warnings: string[] = [];
  let override: ConnectionSpec = {};
  let password: string | undefined;
  if (flags.uri) {
    const u = parseUri(flags.uri);
    override = u.spec;
    if (u.password !== undefined) {
      password = u.password;
      warnings.push(
        'Warning: a password in the URI is visible in the process list; prefer REDISCLI_AUTH or --askpass.',
      );
    }
  }
  if (flags.port !== undefined) {
    const n = Number(flags.port);
    if (!/^\d+$/.test(flags.port) || n < 1 || n > 65535)
      throw new Error(`-p: "${flags.port}" is not a port (1-65535)`);
    override.port = n;
  }
  if (flags.host !== undefined) override.host = flags.host;
  if (flags.socket !== undefined) override.socket = flags.socket;
  if (flags.user !== undefined) override.user = flags.user;
  if (flags.cluster) override.cluster = true;
  const tlsFlags = {
    cacert: flags.cacert,
    cacertdir: flags.cacertdir,
    cert: flags.cert,
    key: flags.key,
    sni: flags.sni,
  };
  if (flags.tls || flags.insecure || Object.values(tlsFlags).some(Boolean)) {
    override.tls = {
      ...(override.tls ?? {}),
      enabled: true,
      ...Object.fromEntries(Object.entries(tlsFlags).filter(([, v]) => v)),
    };
    if (flags.insecure) override.tls.insecure = true;
  }
  if (override.tls && Boolean(override.tls.cert) !== Boolean(override.tls.key))
    throw new Error('--cert and --key go together (mTLS)');
  const explicit = flags.pass ?? flags.a;
  if (explicit !== undefined) {
    password = explicit;
    warnings.push(
      'Warning: using a password with --pass/-a on the command line is not safe: it is visible in the process list. Use REDISCLI_AUTH or --askpass.',
    );
  } else if (password === undefined && env.REDISCLI_AUTH) {
    password = env.REDISCLI_AUTH;
  }
  if (flags.insecure) warnings.push('Warning: --insecure: the server certificate is not verified.');
  return { override, password, askpass: Boolean(flags.askpass), warnings };
}
