// `redis-warden acl ...`: the Users pane's headless twins (read, plan, apply, the user
// changes, and the per-node drift and sync), registered on the program by cli.ts.
import type { Command } from 'commander';
import type { UserChangeFlags } from './commands/acl-user.js';
import type { AddFlags } from './commands/profiles.js';
import { fromDisplay } from './domain/display.js';
import { action } from './cli-action.js';
import { openContext } from './commands/context.js';

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
        wide?: boolean;
      }
  >();

export function addAclCommands(program: Command): void {
  const acl = program.command('acl').description('ACL users (the Users pane, headless)');
  const timeout = (c: Command) =>
    c.option('--timeout <ms>', "the command's one time bound: connecting, every reply, the re-read", '10000');
  timeout(
    acl
      .command('list')
      .description('every user: status, passwords (count), keys, channels, commands, clients, risks')
      .option('--json', 'JSON output')
      .option('--wide', 'print the table whole (on a terminal it is cut to its width)'),
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
