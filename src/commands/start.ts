// The default command: the TUI on flags / default profile, or on a private demo server.
import { startDemoActivity, startDemoServer } from '../redis/demo.js';
import { connectionFromFlags, openContext } from './context.js';
import type { ConnectionFlags } from './flags.js';
import { runTui } from './tui.js';

export async function startTui(flags: ConnectionFlags & { demo?: boolean }): Promise<number> {
  const ctx = openContext();
  if (!process.stdin.isTTY) {
    ctx.warn(
      'redis-warden: the console needs a terminal (stdin is not a TTY). For scripts use a subcommand, e.g. redis-warden profiles test --json.',
    );
    return 2;
  }
  if (flags.demo) {
    const server = await startDemoServer();
    const stopActivity = startDemoActivity(server);
    const cleanup = async () => {
      stopActivity();
      await server.stop();
    };
    const onSignal = () => void cleanup().finally(() => process.exit(130));
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);
    return runTui(ctx, {
      connection: {
        spec: { host: '127.0.0.1', port: server.port, user: server.user },
        password: server.password,
        profileName: 'demo',
        readOnly: Boolean(flags.readOnly),
      },
      forcedReadOnly: Boolean(flags.readOnly),
      theme: flags.theme,
      banner: `Demo: a private redis-server on 127.0.0.1:${server.port}, logged in as admin; it stops when you quit.`,
      onExit: cleanup,
    });
  }
  const connection = await connectionFromFlags(ctx, flags);
  return runTui(ctx, { connection, forcedReadOnly: Boolean(flags.readOnly), theme: flags.theme });
}
