// `redis-warden incident ...`: the incident flow, headless (src/commands/incident*.ts),
// registered on the program by cli.ts; `resume` opens the TUI at the incident.
import type { ConnectionFlags } from './commands/flags.js';
import type { Command } from 'commander';
import type { IncidentFlags } from './commands/incident.js';
import { action } from './cli-action.js';
import { openContext } from './commands/context.js';

const incidentCommands = () => import('./commands/incident.js');
const flagsOf = (cmd: Command) => cmd.optsWithGlobals<IncidentFlags>();
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
