// Everything a pane may do, built once per app from its dependencies.
import { profileActions } from './profiles.js';
import { uiActions } from './ui.js';
import { userActions } from './users.js';
import { syncActions } from './users-sync.js';
import { aclLogActions } from './acl-log.js';
import { clientsActions } from './clients.js';
import { auditActions } from './audit.js';
import { certsActions } from './certs.js';
import { incidentActions } from './incident.js';
import { journalActions } from './journal.js';
import type { MutationEnv } from '../../ops/mutation.js';
import type { Session } from '../session.js';
import type { AppState } from '../app-state.js';
import type { Store } from '../store.js';
import type { ProfileStore } from '../../profiles/store.js';
import type { Journal } from '../../journal/journal.js';

export interface AppDeps {
  store: Store<AppState>;
  session: Session;
  profiles: ProfileStore;
  journal: Journal;
}

export function createActions(deps: AppDeps) {
  const ui = uiActions(deps.store);
  const env = (): MutationEnv => {
    const s = deps.store.get();
    return {
      readOnly: s.session.readOnly,
      journal: deps.journal,
      profile: s.session.profile,
      as: deps.session.loginUser,
      secrets: deps.session.current?.secrets,
    };
  };
  const profiles = profileActions({
    store: deps.store,
    profiles: deps.profiles,
    session: deps.session,
    ui,
    env,
  });
  const users = userActions({ store: deps.store, session: deps.session, ui, env });
  const usersSync = syncActions({
    store: deps.store,
    session: deps.session,
    ui,
    users,
    env,
    remember: (...secrets) => deps.journal.addSecrets(...secrets),
  });
  const aclLog = aclLogActions({ store: deps.store, session: deps.session, ui, users, env });
  const clients = clientsActions({ store: deps.store, session: deps.session, ui, env });
  const audit = auditActions({
    store: deps.store,
    session: deps.session,
    ui,
    env,
    journal: () => deps.journal.read({ kind: 'mutation' }),
  });
  const certs = certsActions({ store: deps.store, session: deps.session, ui, env, profiles });
  const incident = incidentActions({
    store: deps.store,
    session: deps.session,
    ui,
    env,
    journal: deps.journal,
  });
  // The tail runs whenever a server is open, shown or not: the capture must not miss events.
  deps.session.onTarget((target, conn) => {
    clients.onTarget(target);
    audit.onTarget(target, conn);
    certs.onTarget(target, conn);
    incident.onTarget(target, conn);
    if (!target) return aclLog.stop();
    void aclLog.start(target, conn?.profileName ?? target.address);
  });
  return {
    ui,
    profiles,
    users,
    usersSync,
    aclLog,
    clients,
    audit,
    certs,
    incident,
    journal: journalActions(deps.journal),
    refresh() {
      // A typed password the server refused is asked again, never resent (each try is an ACL LOG entry).
      const login = deps.session.passwordRefused();
      if (login)
        return ui.open({
          kind: 'password',
          profile: login,
          purpose: 'connect',
          title: `Password for ${login}`,
          onSubmit: (password) => {
            ui.say(`Connecting as ${login}`, 'info');
            void deps.session.retryWithPassword(password);
          },
        });
      deps.session.refresh();
      profiles.reload();
      if (deps.session.current) void users.load();
      aclLog.pollNow();
      void clients.refresh();
      // The audit runs when asked (r on its pane), never on its own.
      if (deps.store.get().ui.pane === 'audit') void audit.run();
      if (deps.store.get().ui.pane === 'incident') incident.reload();
      ui.say('Refreshed', 'info');
    },
  };
}

export type Actions = ReturnType<typeof createActions>;
