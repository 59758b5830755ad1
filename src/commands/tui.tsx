// Starts the full-screen console: resolves the connection (prompting before Ink takes
// the terminal), opens the session, renders, and restores the terminal on the way out.
import { render } from 'ink';
import { App } from '../ui/app.js';
import { listThemes, loadTheme } from '../ui/theme/load.js';
import { createActions } from '../state/actions/index.js';
import { initialState } from '../state/app-state.js';
import { Session } from '../state/session.js';
import { createStore } from '../state/store.js';
import type { ResolvedConnection } from '../state/session.js';
import type { CommandContext } from './context.js';

export interface TuiOptions {
  connection: ResolvedConnection;
  forcedReadOnly: boolean;
  theme?: string;
  /** Said in the status line at start (e.g. the demo's credentials hint). */
  banner?: string;
  onExit?: () => Promise<void>;
}

const ALT_ON = '\x1b[?1049h';
const ALT_OFF = '\x1b[?1049l';

export async function runTui(ctx: CommandContext, opts: TuiOptions): Promise<number> {
  const noColor = Boolean(process.env.NO_COLOR);
  const themeName = opts.theme ?? opts.connection.theme ?? 'default';
  let theme;
  try {
    theme = loadTheme(themeName, { noColor });
  } catch (err) {
    ctx.warn(`${err instanceof Error ? err.message : String(err)}; using the default theme`);
    theme = loadTheme('default', { noColor });
  }
  const store = createStore(initialState({ readOnly: opts.forcedReadOnly || opts.connection.readOnly, forcedReadOnly: opts.forcedReadOnly, theme: theme.name }, 'profiles'));
  const session = new Session(store);
  const actions = createActions({ store, session, profiles: ctx.profiles, journal: ctx.journal });
  actions.profiles.reload();
  if (opts.banner) actions.ui.say(opts.banner, 'info');
  await session.open(opts.connection);

  const tty = Boolean(process.stdout.isTTY);
  const restore = () => {
    if (tty) process.stdout.write(ALT_OFF);
  };
  if (tty) process.stdout.write(ALT_ON);
  process.once('exit', restore);
  let instance: ReturnType<typeof render> | undefined;
  const quit = () => instance?.unmount();
  instance = render(<App ctx={{ store, actions, quit }} theme={theme} themes={listThemes()} />, { exitOnCtrlC: false, patchConsole: true });
  try {
    await instance.waitUntilExit();
  } finally {
    restore();
    process.off('exit', restore);
    await session.close();
    await opts.onExit?.();
  }
  return 0;
}
