// The Clients pane: a CLIENT LIST feed that runs while the pane is watched (it costs the
// server O(clients) per poll, so nobody pays for it unseen), the pane's view settings, and
// the kills, each through the mutation path with a re-read after.
import { SORT_FIELDS } from '../../domain/clients/sort.js';
import type { ClientGroupBy, ClientInfo } from '../../domain/clients/types.js';
import type { Target } from '../../redis/target.js';
import type { AppState } from '../app-state.js';
import { allClients, clientKey, initialClients } from '../clients-slice.js';
import type { ClientsSlice } from '../clients-slice.js';
import type { ClientsFeed, ClientsUpdate } from '../feeds/clients-feed.js';
import { describeResult } from '../../ops/mutation.js';
import { clientsText } from '../../ops/operations/server-specs.js';
import type { MutationEnv, MutationResult } from '../../ops/mutation.js';
import type { Session } from '../session.js';
import type { Store } from '../store.js';
import type { UiActions } from './ui.js';

export interface ClientsDeps {
  store: Store<AppState>;
  session: Session;
  ui: UiActions;
  env: () => MutationEnv;
}

const GROUPS: (ClientGroupBy | undefined)[] = [undefined, 'user', 'addr', 'cmd'];

const killedIn = (r: MutationResult<unknown>) =>
  r.results.reduce((n, x) => n + (x.outcome === 'ok' ? Number(x.value) || 0 : 0), 0);

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function clientsActions({ store, session, ui, env }: ClientsDeps) {
  const patch = (p: Partial<ClientsSlice>) => store.set((s) => ({ ...s, clients: { ...s.clients, ...p } }));
  let feed: ClientsFeed | undefined;
  let watchers = 0;
  let starting: Target | undefined;
  let feedFor: Target | undefined;

  function receive(u: ClientsUpdate): void {
    const rows = allClients(u.byNode);
    patch({
      status: 'running',
      rows,
      self: u.self,
      nodes: u.nodes,
      users: u.users,
      usersProblem: u.usersProblem,
      polledAt: u.polledAt,
      nextAt: u.nextAt,
    });
  }

  /** The pane is watched: a feed for this connection, polling unless paused. */
  async function startFeed(t: Target): Promise<void> {
    if (starting === t || (feed && feedFor === t)) return;
    starting = t;
    const { ClientsFeed: Feed } = await import('../feeds/clients-feed.js');
    starting = undefined;
    // The connection changed or the pane closed while the module loaded.
    if (session.current !== t || watchers === 0) return;
    feed?.stop();
    feed = new Feed({ target: t, onUpdate: receive });
    feedFor = t;
    patch({ status: 'running' });
    // Paused, it is only read when asked (r); the first read shows something to hold still.
    if (store.get().clients.paused) void feed.refresh();
    else feed.start();
  }

  function stopFeed(): void {
    feed?.stop();
    feed = undefined;
    feedFor = undefined;
    patch({ status: 'idle', nextAt: undefined });
  }

  const target = () => {
    const t = session.current;
    if (!t) throw new Error('not connected');
    return t;
  };

  /**
   * After a kill: the list as it is now, so the killed rows go (or stay, said). False when not
   * every node was read: the feed polls again as soon as a node is back.
   */
  const reread = async (): Promise<boolean> => (feed ? feed.refresh() : false);

  /** CLIENT KILL ID of each client on its node: the operation a flow would save. */
  async function killIds(list: readonly ClientInfo[], what: string) {
    const { runOperation } = await import('../../ops/operations/run.js');
    const clients = list.map((c) => ({ node: c.node, id: c.id, addr: c.addr }));
    const r = await runOperation(
      { id: 'client.kill', params: { clients } },
      { target: target(), env: env(), confirmed: true, reread },
    );
    report(r, what, list.length);
    return r;
  }

  /** `what`: the pane's words for what was killed ("every connection of user app"). */
  function report(r: MutationResult<unknown>, what: string, asked?: number): void {
    if (r.status !== 'done') return ui.say(describeResult(r), r.status === 'refused' ? 'warning' : 'danger');
    const killed = killedIn(r);
    if (asked !== undefined && killed === 0)
      return ui.say(`Nothing killed: ${what}: no such client (already gone).`, 'info');
    const gone = asked !== undefined && killed < asked ? `; ${asked - killed} had already left` : '';
    ui.say(`Killed ${plural(killed, 'connection')}: ${what}${gone}.`, 'ok');
  }

  return {
    /** The pane is shown: the feed runs while at least one watcher is there. */
    watch(): () => void {
      watchers += 1;
      const t = session.current;
      // Paused too: startFeed reads once, so the held list is there and r works.
      if (t) void startFeed(t);
      return () => {
        watchers -= 1;
        if (watchers === 0) stopFeed();
      };
    },
    /** A new connection (or none): the old list is gone with it. */
    onTarget(t: Target | undefined): void {
      stopFeed();
      const { sort, groupBy, risky } = store.get().clients;
      patch({ ...initialClients(), sort, groupBy, risky });
      if (t && watchers > 0) void startFeed(t);
    },
    refresh(): Promise<boolean> {
      return feed ? feed.refresh() : Promise.resolve(false);
    },
    togglePause(): void {
      const paused = !store.get().clients.paused;
      patch({ paused, ...(paused && { nextAt: undefined }) });
      if (paused) {
        feed?.stop();
        ui.say(
          'Paused: the list holds still and the server is not polled (r reads it once, p resumes).',
          'info',
        );
      } else {
        feed?.start();
        ui.say('Resumed.', 'info');
      }
    },
    cycleSort(): void {
      const { sort, nodes } = store.get().clients;
      const { by, reverse } = sort;
      // By node only means something with more than one.
      const fields = Object.keys(nodes).length > 1 ? SORT_FIELDS : SORT_FIELDS.filter((f) => f !== 'node');
      const next = fields[(fields.indexOf(by) + 1) % fields.length] ?? 'id';
      patch({ sort: { by: next, reverse } });
    },
    reverseSort(): void {
      const { by, reverse } = store.get().clients.sort;
      patch({ sort: { by, reverse: !reverse } });
    },
    cycleGroup(): void {
      const g = store.get().clients.groupBy;
      patch({ groupBy: GROUPS[(GROUPS.indexOf(g) + 1) % GROUPS.length] });
    },
    setGroup(groupBy: ClientGroupBy | undefined): void {
      patch({ groupBy });
    },
    toggleRisky(): void {
      patch({ risky: !store.get().clients.risky });
    },
    toggleMark(c: ClientInfo): void {
      const key = clientKey(c);
      const marked = { ...store.get().clients.marked };
      if (marked[key]) delete marked[key];
      else marked[key] = true;
      patch({ marked });
    },
    clearMarks(): void {
      patch({ marked: {} });
    },
    open(c: ClientInfo): void {
      patch({ open: clientKey(c) });
    },
    close(): void {
      patch({ open: undefined });
    },
    /** CLIENT KILL ID for each client on the node that listed it (the confirmed set, no more). */
    async kill(list: readonly ClientInfo[]) {
      const self = store.get().clients.self;
      const kept = list.filter((c) => self[c.node] !== c.id);
      if (!kept.length)
        return ui.say("Nothing killed: the console's own connection is never killed.", 'warning');
      const marked = store.get().clients.marked;
      const r = await killIds(kept, clientsText({ clients: kept }));
      if (r.status === 'done' && kept.some((c) => marked[clientKey(c)])) patch({ marked: {} });
      return r;
    },
    /** CLIENT KILL USER on every node: every connection of the user, now (not only those listed). */
    async killUser(user: string) {
      const { runOperation } = await import('../../ops/operations/run.js');
      const r = await runOperation(
        { id: 'client.kill-user', params: { user } },
        { target: target(), env: env(), confirmed: true, reread },
      );
      report(r, `every connection of user ${user}`);
      return r;
    },
  };
}

export type ClientsActions = ReturnType<typeof clientsActions>;
