// `redis-warden incident ...`: the incident flow, headless (src/commands/incident*.ts),
// registered on the program by cli.ts; `resume` opens the TUI at the incident.
import type { ConnectionFlags } from './commands/flags.js';
import type { Command } from 'commander';
import type { IncidentFlags } from './commands/incident.js';
import type { StepFlags } from './commands/incident-steps.js';
import { action } from './cli-action.js';
import { openContext } from './commands/context.js';

const incidentCommands = () => import('./commands/incident.js');
const stepCommands = () => import('./commands/incident-steps.js');
const flagsOf = (cmd: Command) => cmd.optsWithGlobals<IncidentFlags>();
const stepFlagsOf = (cmd: Command) => cmd.optsWithGlobals<StepFlags>();
const TIMEOUT = ['--timeout <ms>', "the command's one time bound: connecting and the step", '10000'] as const;
const collect = (v: string, all: string[] = []) => [...all, v];

export function addIncidentCommands(program: Command): void {
  const incident = program
    .command('incident')
    .description('incident response: evidence first, findings, a report (headless; the pane comes later)');
  incident
    .command('start')
    .description(
      'open an incident: take the evidence of every node, print the findings (exit 0 none high, 1 a high or critical finding, 2 could not connect)',
    )
    .option('--title <text>', "the incident's title")
    .option(
      '--expected-master <host:port>',
      'a master outside the target replicas may follow (repeatable)',
      collect,
    )
    .option(
      '--known-network <cidr>',
      'a network clients may come from (repeatable); others are findings',
      collect,
    )
    .option('--json', 'JSON output')
    .option('--timeout <ms>', "the command's one time bound: connecting and the evidence", '10000')
    .action(action(async (cmd) => (await incidentCommands()).incidentStart(openContext(), flagsOf(cmd))));
  incident
    .command('list')
    .description('every incident, the open ones with the step they are at')
    .option('--json', 'JSON output')
    .action(action(async (cmd) => (await incidentCommands()).incidentList(openContext(), flagsOf(cmd))));
  incident
    .command('resume <id>')
    .description(
      'the console (same connection flags as without a command) on the Incident pane at that incident (exit 2 no such incident)',
    )
    .action(
      action(
        async (cmd) =>
          (await import('./commands/incident-resume.js')).incidentResume(
            cmd.optsWithGlobals<ConnectionFlags>(),
            cmd.args[0] ?? '',
          ),
        { tui: true },
      ),
    );
  incident
    .command('show <id>')
    .description(
      'one incident: steps, evidence (hashes checked), findings (exit 1 evidence changed, 2 no such incident)',
    )
    .option('--json', 'JSON output')
    .action(
      action(async (cmd) =>
        (await incidentCommands()).incidentShow(openContext(), cmd.args[0] ?? '', flagsOf(cmd)),
      ),
    );
  incident
    .command('note <id> <text>')
    .description("add the operator's note to the timeline")
    .action(
      action(async (cmd) =>
        (await incidentCommands()).incidentNote(openContext(), cmd.args[0] ?? '', cmd.args[1] ?? ''),
      ),
    );
  incident
    .command('report <id>')
    .description(
      'the report: UTC timeline, manifest with hashes, findings, actions, notes, outcome, follow-ups',
    )
    .option('--markdown', 'Markdown')
    .option('--json', 'JSON')
    .action(
      action(async (cmd) =>
        (await import('./commands/incident-report.js')).incidentReport(
          openContext(),
          cmd.args[0] ?? '',
          flagsOf(cmd),
        ),
      ),
    );
  incident
    .command('contain <id> [keys...]')
    .description(
      'without KEY: the containments the findings and suspects suggest, with their status; with KEY... or --all: run them (exit 1 one failed, was refused or no --yes)',
    )
    .option('--all', 'every suggestion not done yet')
    .option('--dir <dir>', "restore-persistence: this server's real dir")
    .option('--dbfilename <file>', "restore-persistence: this server's real dbfilename")
    .option('--again', 'send a suggestion that is done (ok) already again')
    .option('--force', "run one that would cut off the console's own user")
    .option('--yes', 'do it (without it: print the plan and stop)')
    .option(...TIMEOUT)
    .action(
      action(async (cmd) =>
        (await stepCommands()).incidentContain(
          openContext(),
          cmd.args[0] ?? '',
          cmd.args.slice(1),
          stepFlagsOf(cmd),
        ),
      ),
    );
  incident
    .command('monitor <id>')
    .description('a timed MONITOR sample of every node, kept as evidence (it costs the server; needs --yes)')
    .option('--seconds <n>', 'how long (at most 60)')
    .option('--max-lines <n>', 'at most this many lines a node (at most 10000)', '1000')
    .option('--yes', 'take it (without it: print the warning and stop)')
    .option(...TIMEOUT)
    .action(
      action(async (cmd) =>
        (await stepCommands()).incidentMonitor(openContext(), cmd.args[0] ?? '', stepFlagsOf(cmd)),
      ),
    );
  incident
    .command('keyspace <id>')
    .description("the keys per node now beside the evidence's (DBSIZE), kept as evidence")
    .option(...TIMEOUT)
    .action(
      action(async (cmd) =>
        (await stepCommands()).incidentKeyspace(openContext(), cmd.args[0] ?? '', stepFlagsOf(cmd)),
      ),
    );
  incident
    .command('remediate <id>')
    .description(
      "users to rotate, ACL SAVE / CONFIG REWRITE per node, firewall and TLS lines, the audit's failing checks; --rotate or --persist runs them",
    )
    .option('--rotate <user>', "rotate this user's password, one phase at a time (--phase)")
    .option('--phase <phase>', 'add: a new password beside the old (shown once); drop: remove the old ones')
    .option('--persist', 'run ACL SAVE or CONFIG REWRITE on every node')
    .option('--known-network <cidr>', 'a network the firewall lines allow (repeatable)', collect)
    .option('--no-audit', "skip the audit's failing checks")
    .option('--yes', 'do it (without it: print the plan and stop)')
    .option(...TIMEOUT)
    .action(
      action(async (cmd) =>
        (await stepCommands()).incidentRemediate(openContext(), cmd.args[0] ?? '', stepFlagsOf(cmd)),
      ),
    );
  incident
    .command('step <id> <verb> <phase>')
    .description('mark a step done, or skip it with a reason: incident step ID done|skip PHASE')
    .option('--reason <text>', 'why it is skipped (required for skip)')
    .action(
      action(async (cmd) =>
        (await stepCommands()).incidentStep(
          openContext(),
          cmd.args[0] ?? '',
          cmd.args[1] ?? '',
          cmd.args[2] ?? '',
          stepFlagsOf(cmd),
        ),
      ),
    );
  incident
    .command('close <id>')
    .description('close an incident with its outcome')
    .option('--outcome <text>', 'what happened, in a sentence (required)')
    .option('--follow-up <text>', 'an open follow-up (repeatable)', collect)
    .action(
      action(async (cmd) =>
        (await incidentCommands()).incidentClose(openContext(), cmd.args[0] ?? '', flagsOf(cmd)),
      ),
    );
}
