// Builds one running console: store, session, actions and the React element. Used by
// the real TUI and by the UI tests, so both run exactly the same wiring.
import { App } from './app.js';
import { safeErrorMessage } from '../domain/redact.js';
import { listThemes } from './theme/load.js';
import { createActions } from '../state/actions/index.js';
import type { Actions } from '../state/actions/index.js';
import { initialState } from '../state/app-state.js';
import type { AppState, PaneId } from '../state/app-state.js';
import { Session } from '../state/session.js';
import type { ResolvedConnection } from '../state/session.js';
import { createStore } from '../state/store.js';
import type { Store } from '../state/store.js';
import type { Journal } from '../journal/journal.js';
import type { ProfileStore } from '../profiles/store.js';
import type { ReactElement } from 'react';
import { askResume } from './panes/incident/resume-prompt.js';
import { openingPane, paneIdByName, paneNameProblem } from './panes/names.js';

export interface BootOptions {
  profiles: ProfileStore;
  journal: Journal;
  connection?: ResolvedConnection;
  forcedReadOnly?: boolean;
  forcedTheme?: string;
  /** --alert-rate: over every profile's alertRate (0: no rate alert). */
  alertRate?: number;
  noColor?: boolean;
  banner?: string;
  /** `--pane`: wins over the profile's pane and the rule (src/ui/panes/names.ts, openingPane). */
  pane?: PaneId;
  heartbeatMs?: number;
  /** `incident resume ID`: open on the Incident pane at that incident (no resume prompt). */
  incident?: string;
}

export interface Booted {
  store: Store<AppState>;
  actions: Actions;
  session: Session;
  element: (quit: () => void) => ReactElement;
  close: () => Promise<void>;
}

export async function bootApp(opts: BootOptions): Promise<Booted> {
  const forcedReadOnly = Boolean(opts.forcedReadOnly);
  const named = opts.connection?.pane;
  const profilePane = named === undefined ? undefined : paneIdByName(named);
  const store = createStore(
    initialState(
      {
        readOnly: forcedReadOnly || Boolean(opts.connection?.readOnly),
        forcedReadOnly,
        theme: opts.forcedTheme ?? opts.connection?.theme ?? 'default',
        forcedTheme: opts.forcedTheme,
        ...(opts.alertRate !== undefined && { alertRate: opts.alertRate }),
      },
      openingPane({ flag: opts.pane, profile: profilePane, target: Boolean(opts.connection) }),
    ),
  );
  const session = new Session(store);
  const actions = createActions({ store, session, profiles: opts.profiles, journal: opts.journal });
  actions.profiles.reload();
  if (opts.banner) actions.ui.say(opts.banner, 'info');
  // A hand-edited profile may name a pane this version does not have: open by the rule, say so.
  if (named !== undefined && !profilePane)
    actions.ui.say(paneNameProblem(named, `profile ${opts.connection?.profileName ?? ''}`) ?? '', 'warning');
  if (opts.incident) actions.incident.open(opts.incident);
  else askResume(actions);
  // Not awaited: the first frame (header "connecting") is drawn while the client loads.
  if (opts.connection) {
    session.open(opts.connection, { heartbeatMs: opts.heartbeatMs }).catch((err: unknown) => {
      actions.ui.say(`Cannot connect: ${safeErrorMessage(err)}`, 'danger');
    });
  }
  const themes = listThemes();
  return {
    store,
    actions,
    session,
    element: (quit) => (
      <App
        ctx={{ store, actions, quit, paneKeys: { current: null } }}
        themes={themes}
        noColor={Boolean(opts.noColor)}
      />
    ),
    close: () => session.close(),
  };
}
