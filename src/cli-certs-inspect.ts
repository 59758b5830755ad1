// `redis-warden certs inspect` and `certs check` (src/commands/certs-inspect.ts, certs-check.ts),
// added to the `certs` group. --host, --sni, -p, --profile and -c are the program's
// connection options, read wherever they stand.
import type { Command } from 'commander';
import { action } from './cli-action.js';
import type { CertsCheckFlags } from './commands/certs-check.js';
import type { CertsInspectFlags } from './commands/certs-inspect.js';
import { openContext } from './commands/context.js';

export function registerCertsInspect(group: Command): void {
  group
    .command('inspect <file...>')
    .description(
      'certificate, chain and key files: facts and what is wrong (exit 0 fine, 1 a problem found, 2 a file unusable); -h/--host names the server',
    )
    .option('--ca <file>', 'the CA certificate(s) to check the chain to')
    .option('--warn-days <n>', 'a certificate expiring within this many days is a problem (default 30)')
    .option('--json', 'one JSON document (values escaped as on screen)')
    .action(
      action(async (cmd) => {
        const { certsInspect } = await import('./commands/certs-inspect.js');
        return certsInspect(cmd.args, cmd.optsWithGlobals<CertsInspectFlags>());
      }),
    );
  group
    .command('check')
    .description(
      "a live server's certificate, by a TLS handshake (SNI: --sni or the host): exit 0 fine, 1 expiring within --warn-days or a problem found, 2 could not connect",
    )
    .option('--warn-days <n>', 'a certificate expiring within this many days is a problem (default 30)')
    .option('--json', 'one JSON document (values escaped as on screen)')
    .option('--timeout <ms>', "the command's one time bound in ms (default 10000)")
    .action(
      action(async (cmd) => {
        const { certsCheck } = await import('./commands/certs-check.js');
        return certsCheck(openContext(), cmd.optsWithGlobals<CertsCheckFlags>());
      }),
    );
}
