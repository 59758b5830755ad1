// The tail's verbs on the selected event. Blocking a user and killing a client go through
// the mutation path with a confirmation naming what is touched; resetting the server's
// log needs RESET typed, and happens only after the log is in the capture.
import { useApp } from '../../app-context.js';
import { toDisplay } from '../../../domain/display.js';
import type { TailRow } from '../../../state/acl-log-slice.js';

export function useTailCommands(rows: readonly TailRow[]) {
  const { actions, store } = useApp();
  /** ACL SETUSER off for the event's user, with k to kill its connections too. */
  const block = (row: TailRow) => {
    const user = toDisplay(row.username);
    if (row.reason === 'auth')
      return actions.ui.say(
        // The status line escapes what it shows: the raw name, escaped once there.
        `"${row.username}" failed to log in: it may not exist, and the event names no client to kill. Check the Users pane.`,
        'warning',
      );
    // Blocking the user this console logs in as locks the console out: the name is typed.
    const self = store.get().connection?.nodes[0]?.whoami === row.username;
    return actions.ui.open({
      kind: 'confirm',
      request: {
        title: `Block user ${user}?`,
        lines: [
          `ACL SETUSER ${user} off on every node: new logins as ${user} are refused.`,
          ...(self
            ? [`LOCKOUT: ${user} is the user this console is logged in as; it could not log in again.`]
            : ['Its open connections stay connected: press k to block AND kill them (CLIENT KILL USER).']),
        ],
        typed: self ? row.username : undefined,
        confirmLabel: 'block only',
        alternatives: [
          {
            key: 'k',
            label: 'block and kill connections',
            run: async () => {
              const r = await actions.users.block(row.username);
              if (r?.status === 'done')
                await actions.users.killClients(row.username, `Blocked ${row.username}`);
            },
          },
        ],
        onConfirm: () => void actions.users.block(row.username),
      },
    });
  };
  return (id: string, at: number) => {
    if (id === 'log.pause') return actions.aclLog.togglePause();
    if (id === 'log.follow') return actions.aclLog.toggleFollow();
    if (id === 'log.group') return actions.aclLog.toggleGroup();
    if (id === 'log.reset')
      return actions.ui.open({
        kind: 'confirm',
        request: {
          title: "Reset the server's ACL LOG?",
          lines: [
            'ACL LOG RESET on every node: the server forgets its violation log.',
            'The tail polls once more first, so everything the log holds is in the capture on disk.',
          ],
          typed: 'RESET',
          confirmLabel: 'reset',
          onConfirm: () => void actions.aclLog.resetLog(),
        },
      });
    const row = rows[at];
    if (!row) return actions.ui.say('No event selected.', 'warning');
    // Confirmation lines are shown as given: escaped here. The status line escapes its
    // message itself, so what goes there is raw (escaped once, never twice).
    const user = toDisplay(row.username);
    switch (id) {
      case 'log.open':
        return actions.aclLog.open(row.id);
      case 'log.user':
        if (row.reason === 'auth')
          actions.ui.say(
            `"${row.username}" is the name a client tried to log in with: it may not be a user at all.`,
            'info',
          );
        return actions.aclLog.openUser(row.username);
      case 'log.incident':
        // A failed AUTH names what a client tried: said so, since it may be no user at all.
        return void actions.incident.start(`ACL Log: ${row.reason} by ${row.username}`, {
          users: row.username ? [row.username] : [],
          addresses: row.client.addr ? [row.client.addr] : [],
          from:
            `ACL Log event ${row.reason} ${row.object} at ${new Date(row.lastSeen).toISOString()} on node ${row.node}` +
            (row.reason === 'auth' ? ' (a failed AUTH: the name may be no user)' : ''),
        });
      case 'log.clients':
        if (!row.client.addr) return actions.ui.say('This event names no client address.', 'warning');
        return actions.aclLog.openClients(row.client.addr);
      case 'log.kill': {
        // One verb for x, as in Clients and Users: kill the client, or (b) disable its user.
        const cid = row.client.id;
        if (!cid) return block(row);
        const auth = row.reason === 'auth';
        // The client's own user, from its client-info: after a failed AUTH it is still the
        // user it was logged in as, not the name it tried.
        const owner = toDisplay(row.client.user ?? '?');
        return actions.ui.open({
          kind: 'confirm',
          request: {
            title: `Kill client ${toDisplay(cid)} (user ${owner}) on ${toDisplay(row.node)}?`,
            lines: [
              `CLIENT KILL ID ${toDisplay(cid)} on ${toDisplay(row.node)} (${toDisplay(row.client.addr ?? '?')}, user ${owner}).`,
              'If that client already left, nothing happens; if it reconnects, it gets a new id.',
              auth
                ? `"${user}" failed to log in: it may not be a user, so blocking it is not offered.`
                : `b: block user ${user} instead (ACL SETUSER off on every node).`,
            ],
            confirmLabel: 'kill client',
            alternatives: auth ? [] : [{ key: 'b', label: `block user ${user}`, run: () => block(row) }],
            onConfirm: () => void actions.aclLog.killClient(row.node, cid),
          },
        });
      }
    }
  };
}
