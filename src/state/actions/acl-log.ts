// The ACL LOG tail: a feed started with every connection (so the capture runs whether or
// not the pane is shown), its events and notices mirrored into the store, and the tail's
// actions on an event, each through the mutation path.
import { addToMinutes } from '../../domain/acl-log/rate.js';
import type { Target } from '../../redis/target.js';
import { TAIL_WINDOW } from '../acl-log-slice.js';
import type { AclLogSlice, TailRow } from '../acl-log-slice.js';
import type { AppState } from '../app-state.js';
import type { AclLogFeed, FeedUpdate } from '../feeds/acl-log-feed.js';
import { describeResult } from '../../ops/mutation.js';
import type { MutationEnv } from '../../ops/mutation.js';
import type { Session } from '../session.js';
import type { Store } from '../store.js';
import type { UiActions } from './ui.js';
import type { UserActions } from './users.js';

export interface AclLogDeps {
  store: Store<AppState>;
  session: Session;
  ui: UiActions;
  users: UserActions;
  env: () => MutationEnv;
}

const newestFirst = (a: TailRow, b: TailRow) => b.lastSeen - a.lastSeen || b.id - a.id;

export function aclLogActions({ store, session, ui, users, env }: AclLogDeps) {
  const patch = (p: Partial<AclLogSlice>) => store.set((s) => ({ ...s, aclLog: { ...s.aclLog, ...p } }));
  let feed: AclLogFeed | undefined;
  let nextId = 1;

  function receive(u: FeedUpdate): void {
    const now = Date.now();
    const rows: TailRow[] = u.events
      .map((e) => ({ ...e, id: nextId++, history: u.history || e.history }))
      .sort(newestFirst);
    const fresh = rows.filter((r) => !r.history);
    // A quiet poll changes nothing on screen: no store update, no render, no CPU.
    const before = store.get().aclLog.nodes;
    const same =
      Object.keys(before).length === Object.keys(u.nodes).length &&
      Object.entries(u.nodes).every(
        ([id, n]) => before[id]?.problem === n.problem && before[id]?.maxLen === n.maxLen,
      );
    if (!rows.length && !u.notices.length && same && store.get().aclLog.status === 'running') return;
    store.set((s) => {
      const t = s.aclLog;
      const base = {
        ...t,
        status: 'running' as const,
        nodes: u.nodes,
        notices: [...[...u.notices].reverse(), ...t.notices].slice(0, 50),
        perMinute: fresh.length ? addToMinutes(t.perMinute, fresh, now) : t.perMinute,
        total: t.total + fresh.reduce((n, r) => n + r.count, 0),
      };
      if (!rows.length) return { ...s, aclLog: base };
      // Paused: the capture has them already; the pane shows them when the tail resumes.
      if (t.paused && fresh.length)
        return { ...s, aclLog: { ...base, held: [...rows, ...t.held].slice(0, TAIL_WINDOW) } };
      const merged = u.history ? [...t.rows, ...rows] : [...rows, ...t.rows];
      return { ...s, aclLog: { ...base, rows: merged.slice(0, TAIL_WINDOW) } };
    });
  }

  const target = () => {
    const t = session.current;
    if (!t) throw new Error('not connected');
    return t;
  };

  return {
    /** A new connection: a new feed (and the capture of the new profile). */
    async start(t: Target, profile: string): Promise<void> {
      const startedAt = Date.now();
      feed?.stop();
      patch({
        ...store.get().aclLog,
        status: 'running',
        rows: [],
        held: [],
        notices: [],
        nodes: {},
        open: undefined,
        since: startedAt,
      });
      const { AclLogFeed } = await import('../feeds/acl-log-feed.js');
      // A newer connection may have started meanwhile (the import takes a moment): keep it.
      if (session.current !== t) return;
      feed = new AclLogFeed({ target: t, profile, secrets: t.secrets, startedAt, onUpdate: receive });
      feed.start();
    },
    stop(): void {
      feed?.stop();
      feed = undefined;
      patch({ status: 'idle' });
    },
    /** Slower polling while the pane is not shown; the capture goes on. */
    setVisible(visible: boolean): void {
      feed?.setIdle(!visible);
    },
    pollNow(): void {
      feed?.now();
    },
    togglePause(): void {
      const t = store.get().aclLog;
      if (t.paused) {
        patch({ paused: false, held: [], rows: [...t.held, ...t.rows].slice(0, TAIL_WINDOW) });
        ui.say(`Resumed: ${t.held.length} event record(s) arrived while paused.`, 'info');
      } else {
        patch({ paused: true });
        ui.say('Paused: the view holds still; the capture goes on (p resumes).', 'info');
      }
    },
    toggleGroup(): void {
      const grouped = !store.get().aclLog.grouped;
      patch({ grouped });
      ui.say(
        grouped
          ? 'Grouped: identical violations are one row (count, first and last seen).'
          : 'Ungrouped: every event on its own row.',
        'info',
      );
    },
    toggleFollow(): void {
      patch({ follow: !store.get().aclLog.follow });
    },
    open(id: number): void {
      patch({ open: id });
    },
    close(): void {
      patch({ open: undefined });
    },
    openUser(name: string): void {
      ui.goPane('users');
      ui.setFilter('users', name);
      users.open(name);
    },
    openClients(addr: string): void {
      ui.goPane('clients');
      ui.setFilter('clients', addr);
    },
    /** CLIENT KILL ID on the event's node, as the Clients pane kills (its own link never). */
    async killClient(node: string, id: string) {
      const { runOperation } = await import('../../ops/operations/run.js');
      const r = await runOperation(
        { id: 'client.kill', params: { clients: [{ node, id }] } },
        { target: target(), env: env(), confirmed: true },
      );
      // The filter form answers how many it killed: 0 is a client that had already left (or
      // the console's own link), not a failure worth alarming anyone about, nor a success.
      const killed = r.results[0]?.outcome === 'ok' ? Number(r.results[0].value) : undefined;
      if (r.status !== 'done') ui.say(describeResult(r), 'danger');
      else if (killed === 0)
        ui.say(`Client ${id} on ${node}: no such client (already gone); nothing was killed.`, 'info');
      else ui.say(`Killed client ${id} on ${node}.`, 'ok');
      return r;
    },
    /** ACL LOG RESET, only once the log as it stands is in the capture. */
    async resetLog() {
      if (!feed) return ui.say('Not connected: nothing was reset.', 'warning');
      const caught = await feed.pollNow();
      if (!caught)
        return ui.say(
          'Not reset: the log could not be read into the capture first (see the notices).',
          'danger',
        );
      const { runOperation } = await import('../../ops/operations/run.js');
      const r = await runOperation(
        { id: 'acl.log-reset', params: {} },
        { target: target(), env: env(), confirmed: true },
      );
      feed.expectReset();
      ui.say(describeResult(r), r.status === 'done' ? 'ok' : 'danger');
      return r;
    },
  };
}

export type AclLogActions = ReturnType<typeof aclLogActions>;
