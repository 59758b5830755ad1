// Starts the full-screen console: the connection is resolved before (so a password
// prompt happens on a plain terminal), then Ink takes the alternate screen, and the
// terminal is restored on the way out, whatever happens.
import { appendFileSync } from 'node:fs';
import { render } from 'ink';
import { bootApp } from '../ui/boot.js';
import { KeyStream } from '../ui/terminal/key-stream.js';
import type { ResolvedConnection } from '../state/session.js';
import type { CommandContext } from './context.js';
import { codeCacheState, saveCodeCache } from '../shim.js';

export interface TuiOptions {
  /** None: the console opens on the Profiles pane, not connected. */
  connection?: ResolvedConnection;
  forcedReadOnly: boolean;
  theme?: string;
  /** --alert-rate: over the profile's alertRate (0: no rate alert). */
  alertRate?: number;
  /** Said in the status line at start (e.g. what the demo is). */
  banner?: string;
  onExit?: () => Promise<void>;
  /** Open on the Incident pane at this incident (`incident resume ID`). */
  incident?: string;
  /** `--pane` (an id), or Profiles when nothing was named; else boot's rule. */
  pane?: string;
}

const ALT_ON = '\x1b[?1049h';
const ALT_OFF = '\x1b[?1049l';
/** After the first frame, the connection and the first refresh: their code goes in the cache too. */
const CODE_CACHE_AFTER_MS = 1500;

export async function runTui(ctx: CommandContext, opts: TuiOptions): Promise<number> {
  const app = await bootApp({
    profiles: ctx.profiles,
    journal: ctx.journal,
    connection: opts.connection,
    forcedReadOnly: opts.forcedReadOnly,
    forcedTheme: opts.theme,
    alertRate: opts.alertRate,
    noColor: Boolean(process.env.NO_COLOR),
    banner: opts.banner,
    ...(opts.pane ? { pane: opts.pane } : {}),
    ...(opts.incident ? { incident: opts.incident } : {}),
  });
  const tty = Boolean(process.stdout.isTTY);
  const restore = () => {
    if (tty) process.stdout.write(ALT_OFF);
  };
  if (tty) process.stdout.write(ALT_ON);
  process.once('exit', restore);
  let instance: ReturnType<typeof render> | undefined = undefined;
  // Keys go through a KeyStream: one key per event, and nothing a keyboard never sends.
  const stdin = new KeyStream(process.stdin) as unknown as NodeJS.ReadStream;
  instance = render(
    app.element(() => instance?.unmount()),
    { stdin, exitOnCtrlC: false, patchConsole: true },
  );
  // For bench/: when the first frame was written, by the wall clock and by CPU time used, and
  // whether this start had a code cache.
  if (process.env.REDIS_WARDEN_TIMING) {
    const cpu = process.cpuUsage();
    const line = {
      firstFrameMs: Math.round(process.uptime() * 1000),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      codeCache: codeCacheState(),
    };
    appendFileSync(process.env.REDIS_WARDEN_TIMING, `${JSON.stringify(line)}\n`);
  }
  // The first screens' code is compiled by now; keep it for the next start (once per build).
  setTimeout(() => saveCodeCache('tui'), CODE_CACHE_AFTER_MS).unref();
  // A signal (kill, a closed SSH session) quits like q does: terminal restored, connections
  // closed, the demo server stopped.
  const onSignal = () => instance?.unmount();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const sig of signals) process.on(sig, onSignal);
  try {
    await instance.waitUntilExit();
  } finally {
    for (const sig of signals) process.off(sig, onSignal);
    restore();
    process.off('exit', restore);
    await app.close();
    await opts.onExit?.();
  }
  return 0;
}
