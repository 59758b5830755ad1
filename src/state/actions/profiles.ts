// Profile changes go through the mutation path (read-only check, journal, re-read) like
// every other change; testing and connecting read only.
import type { ActionId } from '../../domain/actions.js';
import { accessWarnings } from '../../domain/access-view.js';
import { safeErrorMessage } from '../../domain/redact.js';
import { describeResult, runMutation } from '../../ops/mutation.js';
import type { MutationEnv } from '../../ops/mutation.js';
import { resolveConnection } from '../session.js';
import { storeInKeyring } from '../../profiles/keyring.js';
import type { Session } from '../session.js';
import type { ProfileStore } from '../../profiles/store.js';
import { publicProfile } from '../../profiles/schema.js';
import type { Profile } from '../../profiles/schema.js';
import type { AppState } from '../app-state.js';
import type { Store } from '../store.js';
import type { UiActions } from './ui.js';

export interface ProfileDeps {
  store: Store<AppState>;
  profiles: ProfileStore;
  session: Session;
  ui: UiActions;
  env: () => MutationEnv;
}

/** What a profile's password source needs from the operator before connecting. */
export const needsPrompt = (p: Profile) => p.password.kind === 'prompt';

export function profileActions({ store, profiles, session, ui, env }: ProfileDeps) {
  const reload = () => {
    store.set((s) => ({
      ...s,
      profiles: {
        ...s.profiles,
        list: profiles.list(),
        defaultName: profiles.getDefault()?.name,
        path: profiles.path,
      },
    }));
  };
  const setTest = (name: string, test: AppState['profiles']['tests'][string]) =>
    store.set((s) => ({ ...s, profiles: { ...s.profiles, tests: { ...s.profiles.tests, [name]: test } } }));

  /** `run` may return a notice for the operator (e.g. where a keyring secret ended up). */
  const mutate = async (
    action: ActionId,
    summary: string,
    target: string,
    args: unknown,
    run: () => unknown,
  ) => {
    const result = await runMutation(
      env(),
      { action, summary, scope: 'local', targets: [target], args, run: async () => run(), reread: reload },
      true,
    );
    const first = result.results[0];
    const notice = first?.outcome === 'ok' && typeof first.value === 'string' ? first.value : undefined;
    ui.say(
      notice ? `${describeResult(result)}. ${notice}` : describeResult(result),
      result.status === 'done' ? (notice ? 'warning' : 'ok') : 'danger',
    );
    return result.status === 'done';
  };

  return {
    reload,
    /** Add or replace; `renamedFrom` removes the old name; a keyring secret goes to the keyring, never the file. */
    save: (profile: Profile, replace: boolean, keyringSecret?: string, renamedFrom?: string) =>
      mutate(
        replace ? 'profile.edit' : 'profile.add',
        `${replace ? 'Save' : 'Add'} profile ${profile.name}`,
        profile.name,
        publicProfile(profile),
        async () => {
          // The secret goes to the keyring first: a profile pointing at a missing secret is worse.
          const stored =
            keyringSecret === undefined ? undefined : await storeInKeyring(profile.name, keyringSecret);
          profiles.add(profile, { replace: replace && renamedFrom === profile.name });
          if (renamedFrom && renamedFrom !== profile.name) profiles.remove(renamedFrom);
          return stored?.notice;
        },
      ),
    remove: (name: string) =>
      mutate('profile.remove', `Delete profile ${name}`, name, { name }, () => profiles.remove(name)),
    setDefault: (name: string) =>
      mutate('profile.default', `Make ${name} the default profile`, name, { name }, () =>
        profiles.setDefault(name),
      ),

    async test(name: string, password?: string) {
      const profile = profiles.get(name);
      if (!profile) return;
      setTest(name, { state: 'running' });
      try {
        const warnings: string[] = [];
        const conn = await resolveConnection({ profile, password }, { interactive: false, warnings });
        for (const w of warnings) ui.say(w, 'warning');
        const { testConnection } = await import('../../ops/connection-test.js');
        const r = await testConnection(conn.spec, conn.password, 5000, { access: true });
        const ready = r.nodes.filter((n) => n.state === 'ready');
        const facts = ready[0]?.server;
        let detail = r.ok
          ? `ok in ${r.elapsedMs} ms: ${facts?.label ? `${facts.label} ${facts.role ?? ''}` : 'connected'}, ${ready.length} node${ready.length === 1 ? '' : 's'}, as ${ready[0]?.whoami ?? '?'}`
          : `${r.error?.code ?? r.error?.name ?? 'failed'}: ${r.error?.cause ?? ''}`;
        const warning = ready.find((n) => n.error)?.error;
        // As `profiles test` says it: connected, but not "ok" for a pane the user cannot read.
        if (r.ok && r.access && accessWarnings(r.access).length) detail += ', with warnings (access below)';
        setTest(name, {
          state: r.ok ? 'ok' : 'failed',
          detail: warning ? `${detail}; ${warning.code ?? warning.name}: ${warning.cause}` : detail,
          error: r.error ?? warning,
          ...(r.access && { access: r.access }),
        });
        ui.say(`Test ${name}: ${detail}`, r.ok ? 'ok' : 'danger');
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        setTest(name, { state: 'failed', detail });
        ui.say(`Test ${name}: ${detail}`, 'danger');
      }
    },

    async connect(name: string, password?: string) {
      const profile = profiles.get(name);
      if (!profile) return;
      try {
        const warnings: string[] = [];
        const conn = await resolveConnection(
          { profile, password, readOnly: store.get().session.forcedReadOnly || undefined },
          { interactive: false, warnings },
        );
        await session.open(conn);
        const said = `Connecting to ${name} (${session.current?.address ?? ''})`;
        ui.say([said, ...warnings].join('. '), warnings.length ? 'warning' : 'info');
      } catch (err) {
        ui.say(`Cannot connect to ${name}: ${safeErrorMessage(err)}`, 'danger');
      }
    },
  };
}

export type ProfileActions = ReturnType<typeof profileActions>;
