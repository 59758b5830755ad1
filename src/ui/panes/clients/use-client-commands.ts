// The Clients pane's verbs. Every kill names how many connections on which nodes; killing a
// replication link or more than a few at once needs the count (or the user's name) typed.
// The console's own connection is never in a kill.
import { useApp } from '../../app-context.js';
import { hostOf } from '../../../domain/clients/cidr.js';
import { isReplicationLink } from '../../../domain/clients/flags.js';
import type { ClientGroup } from '../../../domain/clients/group.js';
import type { ClientInfo } from '../../../domain/clients/types.js';
import { toDisplay } from '../../../domain/display.js';
import { clientKey } from '../../../state/clients-slice.js';
import type { ConfirmRequest } from '../../../state/app-state.js';

/** More than this many at once: the count is typed. */
export const MANY = 5;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "127.0.0.1:7000 (3), 127.0.0.1:7001 (1)" */
function perNode(list: readonly ClientInfo[]): string {
  const counts = new Map<string, number>();
  for (const c of list) counts.set(c.node, (counts.get(c.node) ?? 0) + 1);
  return [...counts].map(([n, k]) => `${toDisplay(n)} (${k})`).join(', ');
}

function replicationLines(list: readonly ClientInfo[]): string[] {
  const links = list.filter(isReplicationLink).length;
  return links
    ? [
        `${plural(links, 'replication link')} among them (flags M/S): replication stops until it reconnects, and a full resync may follow.`,
      ]
    : [];
}

export function useClientCommands(rows: readonly ClientInfo[], groups?: readonly ClientGroup[]) {
  const { actions, store } = useApp();
  const confirm = (request: ConfirmRequest) => actions.ui.open({ kind: 'confirm', request });

  function confirmKill(list: readonly ClientInfo[], what: string): void {
    const self = store.get().clients.self;
    const kept = list.filter((c) => self[c.node] !== c.id);
    const skipped = list.length - kept.length;
    if (!kept.length) return actions.ui.say("The console's own connection is never killed.", 'warning');
    // A node that is down cannot kill; its rows are from its last list.
    const links = store.get().connection?.nodes ?? [];
    const down = [...new Set(kept.map((c) => c.node))].filter(
      (n) => links.find((x) => x.id === n)?.state !== 'ready',
    );
    if (down.length)
      return actions.ui.say(
        `Not killing: ${down.join(', ')} not connected now (its list is from its last read).`,
        'warning',
      );
    const repl = replicationLines(kept);
    // Marked clients the filter hides are named and make the count typed: none is killed unseen.
    const shown = new Set(rows);
    const hidden = kept.filter((c) => !shown.has(c)).length;
    const typed = kept.length > MANY || repl.length || hidden ? String(kept.length) : undefined;
    const named = kept
      .slice(0, 4)
      .map((c) => `  ${toDisplay(c.id)} ${toDisplay(c.addr)} ${toDisplay(c.name)} user ${toDisplay(c.user)}`);
    const one = kept.length === 1 ? kept[0] : undefined;
    confirm({
      title: one
        ? `Kill client ${toDisplay(one.id)} (${toDisplay(one.addr)}, user ${toDisplay(one.user)})?`
        : `Kill ${plural(kept.length, 'connection')} ${what}?`,
      lines: [
        `CLIENT KILL ID on ${perNode(kept)}.`,
        ...(kept.length > 1 ? named : []),
        ...(kept.length > named.length ? [`  ...and ${kept.length - named.length} more`] : []),
        ...(hidden ? [`${hidden} of them are not shown by the filter.`] : []),
        ...repl,
        ...(skipped ? ["The console's own connection is left out."] : []),
        'A client that already left is skipped; one that reconnects gets a new id.',
      ],
      typed,
      confirmLabel: 'kill',
      onConfirm: () => void actions.clients.kill(kept),
    });
  }

  function confirmKillUser(user: string): void {
    const all = store.get().clients.rows;
    const self = store.get().clients.self;
    const listed = all.filter((c) => c.user === user && self[c.node] !== c.id);
    const me = store.get().connection?.nodes[0]?.whoami === user;
    const off = store.get().clients.users?.[user]?.enabled === false;
    const repl = replicationLines(listed);
    const nodes = store.get().connection?.nodes.length ?? 1;
    confirm({
      title: `Kill every connection of user ${toDisplay(user)}?`,
      lines: [
        `CLIENT KILL USER ${toDisplay(user)} on ${plural(nodes, 'node')}: ${plural(listed.length, 'connection')} listed now, and any opened since.`,
        ...repl,
        ...(me ? ["That is the console's own user: the console's own connection is skipped."] : []),
        off
          ? 'The user is disabled: its clients cannot log in again.'
          : 'The user stays enabled: its clients may log in again (disable it in the Users pane to keep it out).',
      ],
      typed: listed.length > MANY || repl.length ? user : undefined,
      confirmLabel: 'kill',
      onConfirm: () => void actions.clients.killUser(user),
    });
  }

  function selection(at: number): readonly ClientInfo[] {
    const { marked } = store.get().clients;
    const keys = Object.keys(marked);
    if (keys.length) return store.get().clients.rows.filter((c) => marked[clientKey(c)]);
    const row = rows[at];
    return row ? [row] : [];
  }

  return (id: string, at: number) => {
    switch (id) {
      case 'clients.sort':
        return actions.clients.cycleSort();
      case 'clients.reverse':
        return actions.clients.reverseSort();
      case 'clients.group':
        actions.ui.select('clients', 0);
        return actions.clients.cycleGroup();
      case 'clients.risky':
        actions.ui.select('clients', 0);
        return actions.clients.toggleRisky();
      case 'clients.pause':
        return actions.clients.togglePause();
    }
    if (groups) return groupCommand(id, groups[at]);
    const row = rows[at];
    switch (id) {
      case 'clients.kill': {
        const list = selection(at);
        if (!list.length) return actions.ui.say('No client selected.', 'warning');
        const marked = Object.keys(store.get().clients.marked).length;
        return confirmKill(list, marked ? '(the marked ones)' : '');
      }
    }
    if (!row) return actions.ui.say('No client selected.', 'warning');
    switch (id) {
      case 'clients.open':
        return actions.clients.open(row);
      case 'clients.mark':
        actions.clients.toggleMark(row);
        return actions.ui.select('clients', at + 1);
      case 'clients.killUser':
        return confirmKillUser(row.user);
      case 'clients.killAddr': {
        const host = hostOf(row.addr);
        const list = store.get().clients.rows.filter((c) => hostOf(c.addr) === host);
        return confirmKill(list, `from ${toDisplay(host)}`);
      }
      case 'clients.user':
        actions.ui.goPane('users');
        actions.ui.setFilter('users', row.user);
        return actions.users.open(row.user);
      case 'clients.log':
        actions.ui.goPane('acl-log');
        return actions.ui.setFilter('acl-log', hostOf(row.addr));
    }
  };

  /** In the group view: Enter lists the group, x kills it, U kills its user. */
  function groupCommand(id: string, g: ClientGroup | undefined) {
    if (!g) return actions.ui.say('No group selected.', 'warning');
    const by = store.get().clients.groupBy;
    const members = new Set(g.members.map((m) => `${m.node} ${m.id}`));
    const list = () => store.get().clients.rows.filter((c) => members.has(clientKey(c)));
    switch (id) {
      case 'clients.open': {
        const field = by === 'addr' ? 'host' : (by ?? 'user');
        actions.clients.setGroup(undefined);
        actions.ui.setFilter('clients', `${field}=${toDisplay(g.key).replace(/[*?]/g, '?')}`);
        return;
      }
      case 'clients.kill':
        return confirmKill(list(), `(${by} ${toDisplay(g.key)})`);
      case 'clients.killUser':
        if (by !== 'user')
          return actions.ui.say('U kills by user: group by user (b) or pick a client.', 'info');
        return confirmKillUser(g.key);
      default:
        return actions.ui.say(
          'In the group view: Enter lists the group, x kills it, b changes the grouping.',
          'info',
        );
    }
  }
}
