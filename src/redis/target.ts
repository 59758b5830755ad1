// A Target is what the console works on: one node, or every node of a cluster (primaries
// and replicas), each with its own connection, because admin commands are per node. What it
// hands out of a node is a read handle (read-node.ts): writes go through writeOn. Waiting
// until every node is ready or failed is its business too (settled), not a command's.
import type { Deadline } from './deadline.js';
import { addressOf, DEFAULT_HOST, DEFAULT_PORT, tlsOptions } from './connect.js';
import type { TlsOptions } from './connect.js';
import { explain } from './errors.js';
import type { Explained } from './errors.js';
import { NodeConnection } from './node.js';
import type { NodeAddress, NodeStatus } from './node.js';
import type { ReadNode } from './read-node.js';
import { parseClusterNodes } from './parse/cluster-nodes.js';
import type { ConnectionSpec } from '../profiles/schema.js';

export interface TargetOptions {
  spec: ConnectionSpec;
  password?: string;
  commandTimeoutMs?: number;
  /** A headless command's one time bound, shared by every node. */
  deadline?: Deadline;
  /** Ms between liveness pings while idle; 0 turns them off. */
  heartbeatMs?: number;
}

export interface TargetStatus {
  address: string;
  cluster: boolean;
  /** Set when discovery of the cluster failed or the seed is not in cluster mode. */
  discovery?: Explained;
  nodes: NodeStatus[];
}

export type NodeResult<T> =
  { node: string; ok: true; value: T } | { node: string; ok: false; error: Explained };

/**
 * Settled: ready, failed, closed, or never ready and its first attempt failed (a headless
 * command reports that at once, as redis-cli does, instead of retrying until its bound). A
 * node that was ready and dropped is not settled until it is back or has failed.
 */
const settledNode = (n: NodeStatus): boolean =>
  n.state === 'ready' ||
  n.state === 'failed' ||
  n.state === 'closed' ||
  (n.state === 'connecting' && n.error !== undefined);

export interface SettleOptions {
  /** The bound of the wait; the Target's own deadline when not given; none: until settled. */
  deadline?: Deadline;
  /** Wait for these nodes only (those that were ready before a change), not for discovery. */
  only?: readonly string[];
}

export class Target {
  readonly address: string;
  private nodes: NodeConnection[] = [];
  private listeners = new Set<() => void>();
  /** settled() calls waiting: told of every change, and of close(). */
  private waiters = new Set<() => void>();
  private discovery: Explained | undefined;
  private discovered = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private snapshotCache: TargetStatus | undefined;
  private closed = false;

  constructor(private readonly opts: TargetOptions) {
    this.address = addressOf(opts.spec);
  }

  get secrets(): string[] {
    return this.opts.password ? [this.opts.password] : [];
  }

  /** Opens the seed connection; with `cluster`, the other nodes follow once the seed answers. */
  start(): void {
    const spec = this.opts.spec;
    const seed = spec.socket
      ? { socket: spec.socket }
      : { host: spec.host ?? DEFAULT_HOST, port: spec.port ?? DEFAULT_PORT };
    const node = this.add(seed);
    if (!node) return;
    if (spec.cluster) {
      node.subscribe(() => {
        if (!this.discovered && node.status.state === 'ready') void this.discover(node);
      });
    }
    const ms = this.opts.heartbeatMs ?? 5000;
    if (ms > 0) {
      this.heartbeat = setInterval(() => void this.ping(), ms);
      this.heartbeat.unref();
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): TargetStatus {
    this.snapshotCache ??= {
      address: this.address,
      cluster: Boolean(this.opts.spec.cluster),
      discovery: this.discovery,
      nodes: this.nodes.map((n) => n.status),
    };
    return this.snapshotCache;
  }

  nodeIds(): string[] {
    return this.nodes.map((n) => n.id);
  }

  node(id: string): ReadNode | undefined {
    return this.nodes.find((n) => n.id === id);
  }

  /**
   * Resolves once every node has settled (settledNode), or the bound passes: on a cluster whose
   * seed answered, only once discovery is done (CLUSTER NODES read, every node it names added)
   * and every discovered node has settled. With no node at all (its TLS files refused), at once.
   */
  settled(opts: SettleOptions = {}): Promise<TargetStatus> {
    const only = opts.only;
    const done = (): boolean => {
      if (this.closed) return true;
      if (!this.nodes.length) return this.discovery !== undefined;
      const nodes = only ? this.nodes.filter((n) => only.includes(n.id)) : this.nodes;
      if (!nodes.every((n) => settledNode(n.status))) return false;
      const seedReady = this.nodes[0]?.status.state === 'ready';
      return Boolean(only) || !this.opts.spec.cluster || !seedReady || this.discovered;
    };
    return new Promise((resolve) => {
      const left = (opts.deadline ?? this.opts.deadline)?.left();
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this.status());
      };
      function check() {
        if (done()) finish();
      }
      const timer = left === undefined ? undefined : setTimeout(finish, left);
      this.waiters.add(check);
      check();
    });
  }

  /** Runs fn on every node (or those named) at once; a node's failure is its own result. */
  async onEach<T>(fn: (node: ReadNode) => Promise<T>, only?: readonly string[]): Promise<NodeResult<T>[]> {
    const nodes = only ? this.nodes.filter((n) => only.includes(n.id)) : this.nodes;
    return Promise.all(
      nodes.map(async (node): Promise<NodeResult<T>> => {
        try {
          return { node: node.id, ok: true, value: await fn(node) };
        } catch (err) {
          return { node: node.id, ok: false, error: explain(err, this.secrets) };
        }
      }),
    );
  }

  /** The TLS options a node at `host` is reached with (undefined without TLS): a handshake of our own uses the same. */
  tlsFor(host: string): TlsOptions | undefined {
    return tlsOptions(this.opts.spec, host);
  }

  /**
   * What a link of its own to node `id` is opened with (a MONITOR sample): its address, the
   * console's user and password, and the node's TLS options. Undefined for a node not known.
   */
  linkTo(id: string): (NodeAddress & { user?: string; password?: string; tls?: TlsOptions }) | undefined {
    const node = this.nodes.find((n) => n.id === id);
    if (!node) return undefined;
    return {
      ...node.address,
      ...(this.opts.spec.user ? { user: this.opts.spec.user } : {}),
      ...(this.opts.password ? { password: this.opts.password } : {}),
      ...(node.address.socket ? {} : { tls: this.tlsFor(node.address.host ?? DEFAULT_HOST) }),
    };
  }

  /** Retry failed nodes and, on a cluster, look for nodes added since. */
  refresh(): void {
    for (const n of this.nodes) if (n.status.state === 'failed') n.retry();
    const seed = this.nodes[0];
    if (this.opts.spec.cluster && seed?.status.state === 'ready') void this.discover(seed);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.listeners.clear();
    for (const w of [...this.waiters]) w();
    await Promise.all(this.nodes.map((n) => n.close()));
  }

  private add(address: NodeAddress): NodeConnection | undefined {
    let tls;
    try {
      tls = tlsOptions(this.opts.spec, address.host ?? DEFAULT_HOST);
    } catch (err) {
      this.discovery = explain(err, this.secrets);
      this.changed();
      return undefined;
    }
    const node = new NodeConnection(address, {
      user: this.opts.spec.user,
      password: this.opts.password,
      tls,
      commandTimeoutMs: this.opts.commandTimeoutMs,
      deadline: this.opts.deadline,
      secrets: this.secrets,
    });
    this.nodes.push(node);
    node.subscribe(() => this.changed());
    node.start();
    this.changed();
    return node;
  }

  private async discover(seed: NodeConnection): Promise<void> {
    try {
      const lines = parseClusterNodes(String(await seed.call('CLUSTER', ['NODES'])));
      this.discovery = undefined;
      for (const line of lines) {
        if (this.closed) return;
        const id = `${line.host.includes(':') ? `[${line.host}]` : line.host}:${line.port}`;
        if (line.myself || this.nodes.some((n) => n.id === id)) continue;
        this.add({ host: line.host, port: line.port });
      }
      // Only now: settled() waits for discovery, and every node it names is added by here.
      this.discovered = true;
      this.changed();
    } catch (err) {
      this.discovered = true;
      const e = explain(err, this.secrets);
      this.discovery = /cluster support disabled/i.test(e.message)
        ? {
            ...e,
            name: 'NOT_CLUSTER',
            cause: 'The seed is not in cluster mode: working on this one node.',
            fix: ['Drop -c for a standalone server.'],
          }
        : e;
      this.changed();
    }
  }

  private async ping(): Promise<void> {
    const live = this.nodes.filter((n) => n.status.state === 'ready' && n.canPing);
    await Promise.all(live.map((n) => n.call('PING').catch(() => undefined)));
  }

  private changed(): void {
    this.snapshotCache = undefined;
    for (const l of this.listeners) l();
    for (const w of [...this.waiters]) w();
  }
}
