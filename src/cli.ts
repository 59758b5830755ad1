// argv -> a headless command or the TUI. Connection flags are named as in redis-cli and
// work before or after a subcommand; -h is the host, so help is --help only.
import { Command, CommanderError, Option } from 'commander';
import { addConnectionOptions } from './commands/flags.js';
import { openContext, UsageError } from './commands/context.js';
import type { KillFlags } from './commands/clients-kill.js';
import type { AddFlags } from './commands/profiles.js';
import type { TailFlags } from './commands/tail.js';
import type { AuditFlags } from './commands/audit.js';
import type { JournalFlags } from './commands/journal.js';
import { safeErrorMessage } from './domain/redact.js';
import { toDisplay } from './domain/display.js';
import { VERSION } from './version.js';
import { loaded, saveCodeCache } from './shim.js';
import { loadLayoutEngine } from './ui/layout-engine.js';
import { action } from './cli-action.js';
import { ALERT_RATE_HELP } from './commands/alert-flag.js';
import { addAclCommands } from './cli-acl.js';
import { addIncidentCommands } from './cli-incident.js';
import { addCertsGenerate, certsGroup } from './cli-certs.js';
import { registerCertsInspect } from './cli-certs-inspect.js';

// Each command's code is loaded when it runs, so the TUI's first frame does not wait for it.
const profilesCommands = () => import('./commands/profiles.js');

const flagsOf = (cmd: Command) => cmd.optsWithGlobals<AddFlags & { timeout?: string; demo?: boolean }>();

export function buildProgram(): Command {
  const program = addConnectionOptions(new Command('redis-warden'))
    .description(
      'A terminal console that secures and operates Redis: ACL users, ACL LOG, clients, TLS, incident response, audit.',
    )
    .helpOption('--help', 'show help')
    .version(VERSION, '-v, --version', 'print the version')
    .option(
      '--pane <name>',
      'the pane to open on (users, log, clients, audit, certs, incident, profiles); default: Users when connecting, else Profiles',
    )
    .option(
      '--demo',
      'start a private throwaway redis-server with demo users and activity, and open the TUI on it',
    )
    .option('--alert-rate <n>', ALERT_RATE_HELP)
    .showHelpAfterError('(run with --help for the options)')
    // Set before the subcommands are added, so they inherit it: usage errors exit 2, not 1.
    .exitOverride()
    .allowExcessArguments(true)
    .action(
      action(async (cmd) => {
        const flags = flagsOf(cmd);
        if (cmd.args.length)
          throw new UsageError(`unknown command "${cmd.args[0] ?? ''}": see redis-warden --help`);
        await loadLayoutEngine();
        const { startTui } = await import('./commands/start.js');
        loaded(); // the console's code (Ink, yoga) is loaded now
        return startTui(flags);
      }),
    );

  const profiles = program.command('profiles').description('saved connections (the Profiles pane, headless)');
  profiles
    .command('list')
    .description('list saved profiles')
    .option('--json', 'JSON output')
    .option('--wide', 'print the table whole (on a terminal it is cut to its width)')
    .action(action(async (cmd) => (await profilesCommands()).listProfiles(openContext(), flagsOf(cmd))));
  profiles
    .command('add <name>')
    .description(
      'save a connection: takes the same connection flags as the TUI; --read-only and --theme become profile settings',
    )
    .option('--password-env <var>', 'read the password from this environment variable at connect time')
    .option('--password-file <path>', 'read the password from this file at connect time')
    .option(
      '--password-keyring',
      'store the password (from --askpass, REDISCLI_AUTH or --pass) in the OS keyring',
    )
    .option('--password-prompt', 'ask for the password each time')
    .option('--password-plain', 'store the password in plain text in the profile file (not recommended)')
    .option('--notes <text>', 'free text shown in the Profiles pane')
    .option('--pane <name>', 'the pane the console opens on with this profile (users, log, clients, ...)')
    .option('--alert-rate <n>', 'ACL LOG events per minute that raise an alert in the tail')
    .option(
      '--expected-network <cidr>',
      'a network clients are expected from (repeatable; the Clients pane highlights the others)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--default', 'make it the default profile')
    .option('--replace', 'replace an existing profile of that name')
    .action(
      action(async (cmd) =>
        (await profilesCommands()).addProfile(openContext(), cmd.args[0] ?? '', flagsOf(cmd)),
      ),
    );
  profiles
    .command('remove <name>')
    .alias('rm')
    .description('delete a saved profile (prints what would happen without --yes)')
    .option('--yes', 'do it without asking')
    .action(
      action(async (cmd) =>
        (await profilesCommands()).removeProfile(openContext(), cmd.args[0] ?? '', flagsOf(cmd)),
      ),
    );
  profiles
    .command('default <name>')
    .description('make a profile the default one (used when no address is given)')
    .action(
      action(async (cmd) => (await profilesCommands()).setDefaultProfile(openContext(), cmd.args[0] ?? '')),
    );
  profiles
    .command('test [name]')
    .description(
      'connect, check every node, report (exit 0 ok, 2 failed); without a name, tests the flags / default profile',
    )
    .option('--json', 'JSON output')
    .option('--timeout <ms>', 'how long to wait for each node', '5000')
    .action(
      action(async (cmd) => (await profilesCommands()).testProfile(openContext(), cmd.args[0], flagsOf(cmd))),
    );
  addAclCommands(program);
  addTailCommand(program);
  addClientsCommands(program);
  addAuditCommand(program);
  addJournalCommand(program);
  addIncidentCommands(program);
  const certs = certsGroup(program);
  registerCertsInspect(certs);
  addCertsGenerate(certs);
  return program;
}

// `redis-warden acl ...`: the Users pane, headless (src/commands/acl*.ts).
function addTailCommand(program: Command): void {
  program
    .command('tail')
    .description(
      'ACL LOG events of every node, from the capture and the server (exit 0 ok, 1 a node unread, 2 none read)',
    )
    .option('-f, --follow', 'keep printing new events until Ctrl-C (exit 0)')
    .option('--json', 'one JSON object per line (events and notices)')
    .option('--since <duration>', 'only events seen within this long: 30s, 15m, 2h, 1d')
    .option('--username <name>', 'only events of this ACL LOG username (exact; as shown, escaped, works too)')
    .addOption(
      // Literal, not tail-filter's REASONS: importing it would load the tail's code at start-up.
      new Option('--reason <reason>', 'only events of this reason').choices([
        'auth',
        'command',
        'key',
        'channel',
      ]),
    )
    .option('--node <id>', 'only this node, as shown (e.g. 127.0.0.1:6379)')
    .option('--alert-rate <n>', `${ALERT_RATE_HELP}; -f prints each alert (ALERT on stderr, --json a line)`)
    .option(
      '--timeout <ms>',
      'time bound for connecting and the first read (-f then runs until stopped)',
      '10000',
    )
    .action(
      action(async (cmd) => {
        const { tail } = await import('./commands/tail.js');
        return tail(openContext(), cmd.optsWithGlobals<TailFlags>());
      }),
    );
}

// `redis-warden clients [kill]`: the Clients pane, headless (src/commands/clients*.ts). The
// client's user is --username: --user is the login user (a program option wins anywhere).
// Options of `clients` are parsed wherever they stand, also after `kill`: those the kill
// shares (--json, --timeout) have no default here, so the kill's own never overrides them.
function addClientsCommands(program: Command): void {
  const clients = program
    .command('clients')
    .description(
      'connected clients of every node, with risk badges (exit 0 ok, 1 a node unread, 2 none read)',
    )
    .option('--json', 'one JSON document: nodes, and clients (or groups)')
    .option(
      '--filter <expr>',
      'only clients matching: user=app idle>600 cmd=config* addr=10.1.* or free text',
    )
    .option('--sort <field>', 'sort by this field (default id)')
    .option('--reverse', 'reverse the order')
    .option('--wide', 'print the table whole (on a terminal it is cut to its width)')
    .addOption(
      new Option('--group-by <what>', 'print groups (count, memory, max idle) instead of clients').choices([
        'user',
        'addr',
        'cmd',
      ]),
    )
    .option('--timeout <ms>', "the command's one time bound in ms (default 10000)")
    .action(
      action(async (cmd) => {
        if (cmd.args.length)
          throw new UsageError(
            `unknown clients command "${cmd.args[0] ?? ''}": see redis-warden clients --help`,
          );
        const { clientsList } = await import('./commands/clients.js');
        return clientsList(openContext(), cmd.optsWithGlobals<KillFlags>());
      }),
    );
  clients
    .command('kill')
    .description(
      'kill clients: prints what matches; kills only with --yes (exit 0 done or none matched, 1 not confirmed or a node failed, 2 refused)',
    )
    .option('--id <n>', 'the client with this id (CLIENT LIST id)')
    .option('--node <id>', 'with --id: on this node, as shown (e.g. 127.0.0.1:6379)')
    .option(
      '--username <name>',
      "every client of this ACL user (as shown, escaped, works too); not --user: that's the login",
    )
    .option('--addr <addr>', 'IP:PORT: that connection; IP or CIDR: every client from there')
    .option('--yes', 'do it (without it: print what would be killed and stop)')
    .option('--replication', 'also kill replication links (flags M/S), which are skipped otherwise')
    .option('--json', 'one JSON document: what matched, what was skipped, what was killed')
    .option('--timeout <ms>', "the command's one time bound in ms (default 10000)")
    .action(
      action(async (cmd) => {
        const { clientsKill } = await import('./commands/clients-kill.js');
        return clientsKill(openContext(), cmd.optsWithGlobals<KillFlags>());
      }),
    );
}

// `redis-warden audit`: the Audit pane, headless (src/commands/audit.ts).
function addAuditCommand(program: Command): void {
  program
    .command('audit')
    .description(
      'security audit of every node: a maturity level, checks, fixes (exit 0 ok, 1 below --level or a check at --fail-on fails, 2 no node read or bad input)',
    )
    .option('--json', 'one JSON document for CI (versioned; names also as hex)')
    .option('--markdown', 'a Markdown report to attach to a ticket')
    .option('--level <level>', 'exit 0 only when every node reaches it: basic, standard, high, paranoid')
    .option(
      '--fail-on <severity>',
      'without --level: exit 1 when a check this severe or worse fails (default high)',
    )
    .option('--check <id...>', 'only these checks (e.g. AUTH-001 NET-002)')
    .option('--admin <name...>', 'users allowed dangerous commands (default: admin and the console user)')
    .option('--grants', 'print the least-privileged auditor user (ACL SETUSER and ACL file line) and exit')
    .option('--timeout <ms>', "the audit's one time bound in ms (default 10000)")
    .action(
      action(async (cmd) => {
        const { audit } = await import('./commands/audit.js');
        return audit(openContext(), cmd.optsWithGlobals<AuditFlags>());
      }),
    );
}

// `redis-warden journal`: the Journal view, headless (src/commands/journal.ts). Reads a file only.
function addJournalCommand(program: Command): void {
  program
    .command('journal')
    .description(
      'what this console did: when (UTC), as whom, on which nodes, with what outcome (exit 0; 2 a bad flag)',
    )
    .option(
      '--since <time>',
      'only entries since: a duration (15m, 2h, 7d) or an ISO time (UTC unless it says)',
    )
    .option('--action <id>', 'only this action id (acl.setuser) or ids with this prefix (acl.)')
    .option('--node <node>', 'only entries on this node, as shown (host:port)')
    .option('--json', 'one JSON document: the entries as the journal holds them')
    .option('--wide', 'print the table whole (on a terminal it is cut to its width)')
    .action(
      action(async (cmd) => {
        const { journal } = await import('./commands/journal.js');
        return journal(openContext(), cmd.optsWithGlobals<JournalFlags>());
      }),
    );
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  }
  saveCodeCache('cli');
}

// The bundle is the entry point; importing this module from tests must not run it.
if (process.argv[1] && /redis-warden(\.js)?$|dist\/cli\.js$/.test(process.argv[1])) {
  process.stdout.on('error', stdoutFailed);
  void main(process.argv);
}

/**
 * A reader that stops early (`clients --json | head`, `tail | grep -m1`) closes the pipe: the
 * output is done, not failed, so the command ends quietly. Anything else ends it with a line.
 */
function stdoutFailed(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(0);
  process.stderr.write(`redis-warden: cannot write the output: ${toDisplay(safeErrorMessage(err))}\n`);
  process.exit(2);
}
