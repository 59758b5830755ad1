// argv -> a headless command or the TUI. Connection flags are named as in redis-cli and
// work before or after a subcommand; -h is the host, so help is --help only.
import { Command, CommanderError, Option } from 'commander';
import { addConnectionOptions } from './commands/flags.js';
import { openContext, UsageError } from './commands/context.js';
import type { KillFlags } from './commands/clients-kill.js';
import type { UserChangeFlags } from './commands/acl-user.js';
import type { AddFlags } from './commands/profiles.js';
import type { TailFlags } from './commands/tail.js';
import { safeErrorMessage } from './domain/redact.js';
import { fromDisplay, toDisplay } from './domain/display.js';
import { NeedsInputError } from './profiles/errors.js';
import { VERSION } from './version.js';
import { loaded, saveCodeCache } from './shim.js';
import { loadLayoutEngine } from './ui/layout-engine.js';
import { takeSignals } from './commands/signals.js';
import { countFromProcessStart } from './redis/deadline.js';

type Run = (cmd: Command) => Promise<number>;

function exitWith(code: number): void {
  process.exitCode = code;
}

/** Runs a command body; turns every error into a clear message and an exit code, never a stack. */
function action(run: Run) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    try {
      if (cmd.name() !== 'redis-warden') {
        loaded();
        takeSignals(); // the TUI has its own: it restores the terminal first
        countFromProcessStart(); // --timeout bounds the command as an operator times it
      }
      exitWith(await run(cmd));
    } catch (err) {
      const usage = err instanceof UsageError || err instanceof NeedsInputError;
      process.stderr.write(`redis-warden: ${toDisplay(safeErrorMessage(err))}\n`);
      if (err instanceof UsageError) for (const line of err.details) process.stderr.write(`${line}\n`);
      exitWith(2);
      if (!usage && process.env.REDIS_WARDEN_DEBUG && err instanceof Error)
        process.stderr.write(`${err.stack ?? ''}\n`);
    }
  };
}

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
      '--demo',
      'start a private throwaway redis-server with demo users and activity, and open the TUI on it',
    )
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
    .option('--alert-rate <n>', 'ACL LOG events per minute that raise an alert in the tail')
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
  return program;
}

// `redis-warden acl ...`: the Users pane, headless (src/commands/acl*.ts).
// A USER is typed as the screen shows it: `u\xffbad` is the user with the byte 0xff, and a name
// holding an escape sequence is typed escaped too (`\x1b`), so what is seen can be copied.
const typedUser = (arg: string | undefined) => fromDisplay(arg ?? '');
const aclCommands = () => import('./commands/acl.js');
const aclFlags = (cmd: Command) =>
  cmd.optsWithGlobals<
    AddFlags &
      UserChangeFlags & {
        timeout?: string;
        showHashes?: boolean;
        out?: string;
        force?: boolean;
        prune?: boolean;
        allowLockout?: boolean;
        from?: string;
      }
  >();

function addAclCommands(program: Command): void {
  const acl = program.command('acl').description('ACL users (the Users pane, headless)');
  const timeout = (c: Command) =>
    c.option('--timeout <ms>', "the command's one time bound: connecting, every reply, the re-read", '10000');
  timeout(
    acl
      .command('list')
      .description('every user: status, passwords (count), keys, channels, commands, clients, risks')
      .option('--json', 'JSON output'),
  ).action(action(async (cmd) => (await aclCommands()).aclList(openContext(), aclFlags(cmd))));
  timeout(
    acl
      .command('show <user>')
      .description('one user: rules, risks, allowed commands per category (exit 2: no such user)')
      .option('--json', 'JSON output')
      .option('--show-hashes', 'also print the password hashes (SHA-256)'),
  ).action(
    action(async (cmd) =>
      (await aclCommands()).aclShow(openContext(), typedUser(cmd.args[0]), aclFlags(cmd)),
    ),
  );
  timeout(
    acl
      .command('test <user> <command> [args...]')
      .description('ACL DRYRUN: would USER be allowed to run the command? (exit 0 allowed, 1 denied)')
      .option('--json', 'JSON output'),
  ).action(
    action(async (cmd) => {
      const [user, ...command] = cmd.args;
      return (await aclCommands()).aclTest(openContext(), typedUser(user), command, aclFlags(cmd));
    }),
  );
  timeout(
    acl
      .command('export')
      .description('print the users as an ACL file (user NAME rules..., passwords as #hash)')
      .option('--out <file>', 'write it to this file (mode 0600) instead of stdout')
      .option('--force', 'overwrite the --out file if it exists')
      .option('--from <node>', 'export this node (needed on a cluster whose nodes differ)'),
  ).action(action(async (cmd) => (await aclCommands()).aclExport(openContext(), aclFlags(cmd))));
  timeout(
    acl
      .command('plan <file>')
      .description('compare an ACL file with the server (exit 0 same, 1 differences, 2 invalid file)')
      .option('--prune', 'also delete users the file does not name')
      .option('--json', 'JSON output'),
  ).action(
    action(async (cmd) => (await aclCommands()).aclPlan(openContext(), cmd.args[0] ?? '', aclFlags(cmd))),
  );
  timeout(
    acl
      .command('apply <file>')
      .description('make every node match an ACL file (exit 0 done or nothing to do, 1 a node failed)')
      .option('--prune', 'also delete users the file does not name')
      .option('--yes', 'do it (without it: print the plan and stop)')
      .option(
        '--allow-lockout',
        "apply even if it disables or deletes the console's own user or the last admin",
      ),
  ).action(
    action(async (cmd) => (await aclCommands()).aclApply(openContext(), cmd.args[0] ?? '', aclFlags(cmd))),
  );
  timeout(
    acl
      .command('save')
      .description('persist the users: ACL SAVE (aclfile) or CONFIG REWRITE (config file)')
      .option('--yes', 'do it (without it: say what would run)'),
  ).action(action(async (cmd) => (await aclCommands()).aclSaveCommand(openContext(), aclFlags(cmd))));
  addAclNodeCommands(acl, timeout);
  addUserChangeCommands(acl, timeout);
}

// The Users pane's changes, headless (src/commands/acl-user.ts): exit 0 done, 1 not confirmed
// (prints what would happen) or a node failed, 2 refused (read-only, lockout, invalid, no user).
function addUserChangeCommands(acl: Command, timeout: (c: Command) => Command): void {
  const user = (c: Command) =>
    timeout(c)
      .option('--yes', 'do it (without it: print what would happen and stop)')
      .option(
        '--allow-lockout',
        "with --yes: do it even if it locks out the console's own user or the last admin",
      );
  const run = (name: 'aclDelete' | 'aclKill' | 'aclRotate' | 'aclCreate') =>
    action(async (cmd) => (await aclCommands())[name](openContext(), typedUser(cmd.args[0]), aclFlags(cmd)));
  user(
    acl
      .command('create <user>')
      .description('create a user from a template (prints its generated password once)'),
  )
    .requiredOption('--template <id>', "app, readonly, admin, ... (the pane's templates)")
    .option(
      '--password-generate',
      'ACL GENPASS, sent as #sha256, printed once (the default when the template needs one)',
    )
    .option('--password-stdin', 'read the password from one line of stdin (never echoed)')
    .action(run('aclCreate'));
  user(
    acl
      .command('setuser <user> <rules...>')
      .description('add rules to a user (validated, diffed, risks said)'),
  ).action(
    action(async (cmd) => {
      const [name, ...rules] = cmd.args;
      return (await aclCommands()).aclSetUser(openContext(), typedUser(name), rules, aclFlags(cmd));
    }),
  );
  const enabled = (on: boolean) =>
    action(async (cmd) =>
      (await aclCommands()).aclSetEnabled(openContext(), typedUser(cmd.args[0]), on, aclFlags(cmd)),
    );
  user(acl.command('disable <user>').description('ACL SETUSER off on every node'))
    .option('--kill', 'also kill its connections on every node (Redis leaves them open)')
    .action(enabled(false));
  user(acl.command('enable <user>').description('ACL SETUSER on on every node')).action(enabled(true));
  user(acl.command('delete <user>').description('ACL DELUSER on every node')).action(run('aclDelete'));
  user(acl.command('rotate <user>').description('two-phase password rotation: --add, then --drop-old'))
    .option('--add', 'add a generated password (printed once); the old ones keep working')
    .option('--drop-old', 'remove every password but the newest')
    .action(run('aclRotate'));
  user(
    acl.command('kill <user>').description('kill its connections on every node (CLIENT KILL USER)'),
  ).action(run('aclKill'));
}

// Users are per node (a cluster does not propagate them): find where they differ, make them equal.
function addAclNodeCommands(acl: Command, timeout: (c: Command) => Command): void {
  timeout(
    acl
      .command('drift')
      .description('do the users differ between nodes? (exit 0 no, 1 yes, 2 a node could not be read)')
      .option('--json', 'JSON output'),
  ).action(action(async (cmd) => (await aclCommands()).aclDrift(openContext(), aclFlags(cmd))));
  timeout(
    acl
      .command('sync [users...]')
      .description("copy one node's users (all, or those named) to every node, then persist on each")
      .requiredOption('--from <node>', 'the node to copy from (host:port, as acl drift names it)')
      .option('--prune', 'also delete users that node does not have (not with named users)')
      .option('--yes', 'do it (without it: print the plan and stop)')
      .option(
        '--allow-lockout',
        "sync even if it disables or deletes the console's own user or the last admin",
      ),
  ).action(
    action(async (cmd) =>
      (await aclCommands()).aclSync(openContext(), cmd.args.map(typedUser), aclFlags(cmd)),
    ),
  );
}

// `redis-warden tail`: the ACL Log pane, headless (src/commands/tail*.ts). The username filter
// is --username: --user is the connection's login user everywhere, and commander gives a
// program option precedence wherever it appears on the line.
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
