// The default command: the TUI on flags / default profile, or on a private demo server.
// Warnings said before the TUI takes the screen would vanish with the alternate screen,
// so they are collected and shown in the status line instead.
import { connectionFromFlags, openContext, UsageError } from './context.js';
import { paneIdByName, paneNameProblem } from '../ui/panes/names.js';
import type { ConnectionFlags } from './flags.js';
import { runTui } from './tui.js';
import { safeErrorMessage } from '../domain/redact.js';
import { removeCapture } from '../journal/capture.js';
import { addressOf } from '../redis/connect.js';
import { parseAlertRate } from './alert-flag.js';

export async function startTui(
  flags: ConnectionFlags & { demo?: boolean; alertRate?: string; pane?: string },
  /** `incident resume ID`: the console opens on the Incident pane at that incident. */
  at: { incident?: string } = {},
): Promise<number> {
  const alertRate = parseAlertRate(flags.alertRate); // a typo is exit 2 before anything starts
  const problem = flags.pane === undefined ? undefined : paneNameProblem(flags.pane, '--pane');
  if (problem) throw new UsageError(problem);
  const flagPane = flags.pane === undefined ? undefined : paneIdByName(flags.pane);
  if (!process.stdin.isTTY) {
    process.stderr.write(
      'redis-warden: the console needs a terminal (stdin is not a TTY). For scripts use a subcommand, e.g. redis-warden profiles test --json.\n',
    );
    return 2;
  }
  const notes: string[] = [];
  const ctx = openContext((line) => {
    process.stderr.write(`${line}\n`);
    notes.push(line);
  });
  const forcedReadOnly = Boolean(flags.readOnly);
  if (flags.demo) {
    const { startDemoActivity, startDemoServer } = await import('../redis/demo.js');
    const { DEMO_EXPECTED_NETWORKS, pickDemoSources } = await import('../redis/demo-sources.js');
    const server = await startDemoServer();
    const sources = await pickDemoSources();
    const stopActivity = startDemoActivity(server, sources.addresses);
    const cleanup = async () => {
      stopActivity();
      await server.stop();
      // Its ACL LOG capture goes with it (a profile of your own named "demo" keeps its
      // captures: they are under its own address).
      removeCapture('demo', addressOf({ socket: server.socket }));
    };
    return runTui(ctx, {
      connection: {
        spec: { socket: server.socket, user: server.user },
        password: server.password,
        profileName: 'demo',
        readOnly: forcedReadOnly,
        expectedNetworks: DEMO_EXPECTED_NETWORKS,
      },
      forcedReadOnly,
      theme: flags.theme,
      pane: flagPane,
      banner:
        `Demo: a private redis-server, you as admin (unix socket), its clients on 127.0.0.1:${server.port}; expected networks ${DEMO_EXPECTED_NETWORKS.join(', ')}; gone when you quit.` +
        (sources.note ? ` Note: ${sources.note}` : ''),
      onExit: cleanup,
      alertRate,
    });
  }
  let connection;
  try {
    connection = await connectionFromFlags(ctx, flags);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // A default profile whose password cannot be had (variable unset, keyring emptied by
    // a reboot) must not lock the operator out: open on the Profiles pane and say why.
    notes.push(`Not connected: ${safeErrorMessage(err)}. Pick or fix a profile below.`);
  }
  // Nothing named (no address, no profile, no default profile): the connection is redis-cli's
  // default, tried, but the operator came to pick one, so the console opens on Profiles.
  const named =
    flags.host ?? flags.port ?? flags.socket ?? flags.uri ?? flags.profile ?? ctx.profiles.getDefault();
  return runTui(ctx, {
    connection,
    pane: flagPane ?? (named === undefined ? 'profiles' : undefined),
    forcedReadOnly,
    theme: flags.theme,
    alertRate,
    banner: notes.join(' ') || undefined,
    ...at,
  });
}
