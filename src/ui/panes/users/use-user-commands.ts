// The Users pane's verbs, shared by the list and the detail view: each destructive one
// goes through a confirmation that names what happens, and the self-lockout guard turns
// it into a typed confirmation when the console (or everyone) would lose access.
import { useApp } from '../../app-context.js';
import { lockoutRisks } from '../../../domain/acl/lockout.js';
import { toDisplay } from '../../../domain/display.js';
import type { AclUser } from '../../../domain/acl/types.js';
import type { UserRow } from '../../../state/users-slice.js';
import { openUsersOverlay } from './open-overlay.js';

export function useUserCommands(rows: readonly UserRow[]) {
  const { actions, store } = useApp();
  return (id: string, at: number) => {
    const row = rows[at];
    const { users } = store.get();
    if (id === 'users.new') return actions.ui.open(openUsersOverlay('rule-editor', {}));
    if (id === 'users.save') {
      const p = users.persistence;
      if (p?.mode !== 'aclfile' && p?.mode !== 'config') return void actions.users.persist();
      return actions.ui.open({
        kind: 'confirm',
        request: {
          title: p.mode === 'aclfile' ? 'Save the users to the ACL file?' : 'Rewrite the config file?',
          lines: [
            p.mode === 'aclfile'
              ? `ACL SAVE on ${users.nodes ?? 1} node(s): ${toDisplay(p.path)} is replaced by the users as they are now.`
              : `CONFIG REWRITE on ${users.nodes ?? 1} node(s): ${toDisplay(p.path)} is rewritten with the running config, users included.`,
            'Password hashes are written to it: keep that file readable by the redis user only (chmod 600).',
          ],
          confirmLabel: 'save',
          onConfirm: () => void actions.users.persist(),
        },
      });
    }
    if (id === 'users.drift') return actions.ui.open(openUsersOverlay('acl-drift', {}));
    if (id === 'users.sort') return actions.users.sortBy('next');
    if (id === 'users.reverse') return actions.users.reverseSort();
    if (!row) return actions.ui.say('No user selected.', 'warning');
    const name = toDisplay(row.name);
    const u = row.user;
    // Acting on rules that may no longer be the server's (x would flip the wrong way) waits for the re-read.
    if (row.unknown && (id === 'users.toggle' || id === 'users.edit' || id === 'users.password'))
      return actions.ui.say(
        `The state of ${row.name} is unknown (the reply to a change was lost): it is re-read as soon as the node is back; r re-reads now.`,
        'warning',
      );
    const lockout = (after: AclUser[]) =>
      lockoutRisks(
        users.me,
        users.rows.flatMap((r) => (r.user ? [r.user] : [])),
        after,
        users.universe,
      );
    const others = users.rows.flatMap((r) => (r.user && r.name !== row.name ? [r.user] : []));
    switch (id) {
      case 'users.open':
        return actions.users.open(row.name);
      case 'users.test':
        return actions.ui.open(openUsersOverlay('user-test', { user: row.name }));
      case 'users.edit':
        if (!u)
          return actions.ui.say(
            'The rules of this user cannot be read (ACL LIST is not permitted).',
            'warning',
          );
        return actions.ui.open(openUsersOverlay('rule-editor', { user: row.name }));
      case 'users.password':
        if (!u)
          return actions.ui.say(
            'The passwords of this user cannot be read (ACL LIST is not permitted).',
            'warning',
          );
        return actions.ui.open(openUsersOverlay('user-password', { user: row.name }));
      case 'users.toggle': {
        if (!u)
          return actions.ui.say(
            'Cannot tell whether this user is on (ACL LIST is not permitted).',
            'warning',
          );
        const on = !u.enabled;
        const risks = lockout([...others, { ...u, enabled: on }]);
        const clients = row.clients ?? 0;
        return actions.ui.open({
          kind: 'confirm',
          request: {
            title: `${on ? 'Enable' : 'Disable'} user ${name}?`,
            lines: [
              `ACL SETUSER ${name} ${on ? 'on' : 'off'}, on ${users.nodes ?? 1} node(s).`,
              ...(on
                ? ['Its passwords log in again.']
                : [
                    `New logins as ${name} are refused. Its ${clients} open connection(s) stay connected: Redis does not close them.`,
                    ...(risks.length ? [] : ['Press k to disable AND kill those connections.']),
                  ]),
              ...risks.map((r) => `LOCKOUT: this ${r}.`),
            ],
            typed: risks.length ? row.name : undefined,
            confirmLabel: on ? 'enable' : 'disable only',
            alternatives: on
              ? undefined
              : [
                  {
                    key: 'k',
                    label: 'disable and kill connections',
                    run: async () => {
                      const r = await actions.users.disable(row.name);
                      if (r?.status === 'done')
                        await actions.users.killClients(row.name, `Disabled ${row.name}`);
                    },
                  },
                ],
            onConfirm: () => void (on ? actions.users.enable(row.name) : actions.users.disable(row.name)),
          },
        });
      }
      case 'users.delete': {
        const risks = lockout(others);
        return actions.ui.open({
          kind: 'confirm',
          request: {
            title: `Delete user ${name}?`,
            lines: [
              `ACL DELUSER ${name} on ${users.nodes ?? 1} node(s). Its ${row.clients ?? '?'} open connection(s) are closed by Redis.`,
              'There is no undo: the rules and password hashes are gone (redis-warden acl export keeps a copy).',
              ...risks.map((r) => `LOCKOUT: this ${r}.`),
            ],
            typed: row.name,
            confirmLabel: 'delete',
            onConfirm: () => void actions.users.remove(row.name),
          },
        });
      }
    }
  };
}
