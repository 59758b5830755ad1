// The CLIENT LIST feed: every node polled by one Poller while someone watches (the Clients
// pane, a test). CLIENT LIST is O(clients) on the server's main thread (about 9 ms at
// 10,000 clients), so the pace follows its measured cost: the console never takes more
// than 1% of a node's time, however many clients it has.
import type { ClientInfo } from '../../domain/clients/types.js';
import { listClients } from '../../redis/clients.js';
import type { CommandUniverse } from '../../domain/acl/types.js';
import { clientUsers } from '../../domain/clients/users.js';
import type { ClientUser } from '../../domain/clients/users.js';
import { commandUniverse, listUserLines } from '../../redis/acl.js';
import { explain, missingPermission } from '../../redis/errors.js';
import type { Target } from '../../redis/target.js';
import type { ClientsNodeStatus } from '../clients-slice.js';
import { onNodeBack } from '../node-back.js';
import { Poller } from './poller.js';

export interface ClientsUpdate {
  /** Each node's current list; a node not read this time keeps its last one. */
  byNode: Record<string, ClientInfo[]>;
  self: Record<string, string>;
  nodes: Record<string, ClientsNodeStatus>;
  /** The users as of this poll (ACL LIST), for the highlights; absent when not readable. */
  users?: ClientUsers;
  /** Why the users could not be read (SEC003 without +acl|list), said in the pane. */
  usersProblem?: string;
  /** When some node was last read (not when the last attempt was). */
  polledAt?: number;
  /** Absent while paused. */
  nextAt?: number;
}

export interface ClientsFeedOptions {
  target: Target;
  /** The pace when CLIENT LIST is cheap (ms); the cost rule may make it slower. */
  intervalMs?: number;
  /** Share of a node's time the polling may take (default 0.01). */
  serverShare?: number;
  onUpdate: (u: ClientsUpdate) => void;
}

/** name -> enabled, admin: what the highlights need of each user. */
export type ClientUsers = Record<string, ClientUser>;

/** NOPERM is asked again only this often: each denial writes an entry into ACL LOG. */
const DENIED_RETRY_MS = 60_000;

const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

export class ClientsFeed {
  private readonly poller: Poller;
  private byNode: Record<string, ClientInfo[]> = {};
  private self: Record<string, string> = {};
  private nodes: Record<string, ClientsNodeStatus> = {};
  private deniedUntil = new Map<string, number>();
  private stopped = true;
  private waiters: ((ok: boolean) => void)[] = [];
  private lastOk = false;
  private readAt: number | undefined;
  private users: ClientUsers | undefined;
  private usersProblem: string | undefined;
  private usersDeniedUntil = 0;
  private universe: CommandUniverse | undefined;
  private universeAsked = false;
  /** The last round trips: the pace follows their median, so one slow sample is not a slow minute. */
  private recent: number[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly opts: ClientsFeedOptions) {
    this.poller = new Poller({
      intervalMs: opts.intervalMs ?? 1000,
      maxIntervalMs: 60_000,
      serverShare: opts.serverShare ?? 0.01,
      poll: () => this.poll(),
      onResult: (r) => {
        if (this.stopped) return;
        this.opts.onUpdate({ ...this.snapshot(), nextAt: Date.now() + r.nextMs });
        for (const w of this.waiters.splice(0)) w(r.ok && this.lastOk);
      },
    });
  }

  start(): void {
    this.stopped = false;
    this.poller.start();
    // A node that comes back is read at once, not after the back-off of its down time.
    this.unsubscribe ??= onNodeBack(this.opts.target, () => {
      if (!this.stopped) this.poller.now();
    });
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.poller.stop();
    for (const w of this.waiters.splice(0)) w(false);
  }

  /** Poll now (r, or after a kill); resolves when that poll is reported (true: every node read). */
  refresh(): Promise<boolean> {
    if (this.stopped) return this.pollOnce();
    const done = new Promise<boolean>((resolve) => this.waiters.push(resolve));
    this.poller.now();
    return done;
  }

  /** Stopped (paused): one poll, outside the pace, reported like any other. */
  private async pollOnce(): Promise<boolean> {
    let ok: boolean;
    try {
      await this.poll();
      ok = this.lastOk;
    } catch {
      ok = false;
    }
    this.opts.onUpdate(this.snapshot());
    return ok;
  }

  private snapshot(): ClientsUpdate {
    return {
      byNode: this.byNode,
      self: this.self,
      nodes: this.nodes,
      users: this.users,
      usersProblem: this.usersProblem,
      polledAt: this.readAt,
    };
  }

  /** ACL LIST of the first node read: who is disabled or gone now, not when the Users pane last looked. */
  private async readUsers(node: string | undefined, now: number): Promise<void> {
    const conn = node === undefined ? undefined : this.opts.target.node(node);
    if (!conn || now < this.usersDeniedUntil) return;
    try {
      const lines = await listUserLines(conn);
      // ACL CAT makes "admin" exact; asked once per feed (a denial is not asked again).
      if (!this.universeAsked) {
        this.universeAsked = true;
        this.universe = await commandUniverse(conn).catch(() => undefined);
      }
      const users: ClientUsers = Object.fromEntries(clientUsers(lines, this.universe));
      this.users = users;
      this.usersProblem = undefined;
    } catch (err) {
      const e = explain(err, this.opts.target.secrets);
      if (e.code === 'SEC003') {
        this.usersDeniedUntil = now + DENIED_RETRY_MS;
        this.users = undefined;
        this.usersProblem = `SEC003 no highlights by user (disabled, unknown, admin): grant ${missingPermission(e.message) ?? '+acl|list'}`;
      }
      // Otherwise the last users stand; the node's own problem is said with its clients.
    }
  }

  /** One poll of every node; resolves to the slowest node's round trip (it paces the next). */
  private async poll(): Promise<number> {
    const now = Date.now();
    const ids = this.opts.target.nodeIds();
    const asked = ids.filter((id) => (this.deniedUntil.get(id) ?? 0) <= now);
    const results = await listClients(this.opts.target, asked, this.byNode);
    let slowest = 0;
    const byNode: Record<string, ClientInfo[]> = {};
    const nodes: Record<string, ClientsNodeStatus> = {};
    const self: Record<string, string> = {};
    let allOk = true;
    for (const id of ids) {
      const r = results.find((x) => x.node === id);
      const before = this.nodes[id];
      if (r?.ok) {
        byNode[id] = r.value.clients;
        if (r.value.self !== undefined) self[id] = r.value.self;
        slowest = Math.max(slowest, r.value.ms);
        nodes[id] = { lastOkAt: now, count: r.value.clients.length, ms: Math.round(r.value.ms) };
        continue;
      }
      allOk = false;
      // Not read: its last list stays, said to be from then; a node never read shows none.
      byNode[id] = this.byNode[id] ?? [];
      if (this.self[id] !== undefined) self[id] = this.self[id];
      const since = before?.lastOkAt ? `; showing its clients as of ${clock(before.lastOkAt)}` : '';
      if (!r) {
        nodes[id] = { ...before, problem: before?.problem ?? `not permitted${since}` };
        continue;
      }
      const e = r.error;
      if (e.code === 'SEC003') {
        this.deniedUntil.set(id, now + DENIED_RETRY_MS);
        const need = missingPermission(e.message) ?? '+client|list';
        nodes[id] = {
          ...before,
          problem: `SEC003 the console's user may not list clients (grant ${need}); asked again in a minute${since}`,
        };
      } else {
        nodes[id] = { ...before, problem: `${e.code ? `${e.code} ` : ''}${e.name}: ${e.message}${since}` };
      }
    }
    this.byNode = byNode;
    this.self = self;
    this.nodes = nodes;
    this.lastOk = allOk;
    // Nothing read at all: the poller backs off (a node down, the link lost).
    if (!results.some((r) => r.ok)) throw new Error('no node could be read');
    this.readAt = Date.now();
    await this.readUsers(results.find((r) => r.ok)?.node, now);
    this.recent = [...this.recent, slowest].slice(-3);
    return [...this.recent].sort((a, b) => a - b)[Math.floor(this.recent.length / 2)]!;
  }
}
