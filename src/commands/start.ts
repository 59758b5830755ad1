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

export async function startTui(
  flags: ConnectionFlags & { demo?: boolean; pane?: string },
  /** `incident resume ID`: the console opens on the Incident pane at that incident. */
  at: { incident?: string } = {},
): Promise<number> {
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
    const server = await startDemoServer();
    const stopActivity = startDemoActivity(server);
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
      },
      forcedReadOnly,
      theme: flags.theme,
      pane: flagPane,
      banner: `Demo: a private redis-server on a unix socket only you can reach, logged in as admin; it and its files go when you quit.`,
      onExit: cleanup,
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
    banner: notes.join(' ') || undefined,
    ...at,
  });
}
