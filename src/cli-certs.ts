// `redis-warden certs ...`: the Certs pane's headless twins. The group is made here once
// (certsGroup); cli.ts adds each part's subcommands to it.
import type { Command } from 'commander';
import { action } from './cli-action.js';
import { openContext } from './commands/context.js';
import type { GenerateFlags } from './commands/certs-generate.js';
import type { RenewFlags } from './commands/certs-renew.js';

/**
 * The one `certs` group: generate and renew (below) and inspect and check
 * (src/cli-certs-inspect.ts, registerCertsInspect) are added to what this returns, in cli.ts.
 */
export function certsGroup(program: Command): Command {
  return program
    .command('certs')
    .description('TLS certificates for Redis: generate, renew and reload, inspect files, check live servers');
}

/** `certs generate` and `certs renew`. */
export function addCertsGenerate(certs: Command): void {
  addGenerate(certs);
  addRenew(certs);
}

function addGenerate(certs: Command): void {
  certs
    .command('generate')
    .description(
      'make a CA, node (server) or client certificates, or a whole deployment; prints a preview and exits 1 without --yes (exit 0 written and verified, 2 refused)',
    )
    .option('--ca', 'a new CA (ca.crt, ca.key)')
    .option('--server', 'a node certificate (serverAuth + clientAuth: Redis presents it for replication too)')
    .option('--client', 'client certificates, one per --app-user (default app)')
    .option('--deployment', 'a CA, one node certificate per --node, one client certificate per --app-user')
    .option('--out <dir>', 'the directory to write to (created 0700; group/world-writable refused)')
    .option('--cn <name>', 'the common name (of the CA with --ca, else of the one leaf)')
    .option('--san <names...>', 'DNS names and IP addresses (comma-separated or repeated)')
    .option('--days <n>', 'validity (defaults: CA 3650, leaves 365; a leaf never outlives its CA)')
    .option('--key <type>', 'key type: ec-p256 (default), ec-p384, rsa-2048, rsa-3072, rsa-4096')
    .option('--usage <usage>', 'server, client or both (default: both for a node, client for a client)')
    .option('--path-length <n>', "the CA's path length (default 0: it signs leaves only)")
    .option('--ca-cert <file>', 'sign with this existing CA certificate...')
    .option('--ca-key <file>', '...and its key (PKCS#8, EC or RSA PEM; encrypted asks for the passphrase)')
    .option('--ca-key-pass-stdin', "read the CA key's passphrase from stdin (never stored)")
    .option(
      '--node <addr...>',
      'the nodes of a deployment (host:port); default: every node of the target given by -h/-p, -c or --profile, else localhost',
    )
    .option('--timeout <ms>', "the time bound for reading the target's nodes, in ms", '10000')
    .option('--app-user <name...>', 'the application users that get a client certificate each')
    .option('--overwrite <file...>', 'replace these existing files (every other existing file is refused)')
    .option('--json', 'JSON output: previews, problems, written files, next steps')
    .option('--yes', 'write the files (without it: the preview only, exit 1)')
    .action(
      action(async (cmd) => {
        const { certsGenerate } = await import('./commands/certs-generate.js');
        return certsGenerate(openContext(), cmd.optsWithGlobals<GenerateFlags>());
      }),
    );
}

function addRenew(certs: Command): void {
  certs
    .command('renew')
    .description(
      'new certificates with the same names and usages (new keys and serials) over the same files; --reload loads them into the running server (exit 0 done, 1 not confirmed or the reload failed, 2 refused)',
    )
    .argument('<files...>', 'the certificate files to renew (X.crt; its key is X.key beside it)')
    .option('--ca-cert <file>', 'the CA certificate that signs them')
    .option('--ca-key <file>', "the CA's key")
    .option('--ca-key-pass-stdin', "read the CA key's passphrase from stdin (never stored)")
    .option('--days <n>', 'validity of the renewed certificates (default: as before)')
    .option(
      '--reload',
      'then CONFIG SET tls-cert-file/tls-key-file/tls-ca-cert-file on the connected node and check the handshake',
    )
    .option('--json', 'JSON output')
    .option('--timeout <ms>', "the reload's one time bound in ms", '10000')
    .option('--yes', 'do it (without it: say what would be renewed, exit 1)')
    .action(
      action(async (cmd) => {
        const { certsRenew } = await import('./commands/certs-renew.js');
        return certsRenew(openContext(), cmd.args, cmd.optsWithGlobals<RenewFlags>());
      }),
    );
}
