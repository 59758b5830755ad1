// A Target is what the console works on: one node, or every node of a cluster (primaries
// and replicas), each with its own connection, because admin commands are per node.
import type { Deadline } from './deadline.js';
import { addressOf, DEFAULT_HOST, DEFAULT_PORT, tlsOptions } from './connect.js';
import { explain } from './errors.js';
import type { Explained } from './errors.js';
import { NodeConnection } from './node.js';
import type { NodeAddress, NodeStatus } from './node.js';
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

export class Target {
  readonly address: string;
  private nodes: NodeConnection[] = [];
  private listeners = new Set<() => void>();
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

  node(id: string): NodeConnection | undefined {
    return this.nodes.find((n) => n.id === id);
  }

  /** Runs fn on every node (or those named) at once; a node's failure is its own result. */
  async onEach<T>(
    fn: (node: NodeConnection) => Promise<T>,
    only?: readonly string[],
  ): Promise<NodeResult<T>[]> {
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
      this.discovered = true;
      this.discovery = undefined;
      for (const line of lines) {
        if (this.closed) return;
        const id = `${line.host.includes(':') ? `[${line.host}]` : line.host}:${line.port}`;
        if (line.myself || this.nodes.some((n) => n.id === id)) continue;
        this.add({ host: line.host, port: line.port });
      }
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
    await this.onEach(async (n) => (n.status.state === 'ready' && n.canPing ? n.call('PING') : undefined));
  }

  private changed(): void {
    this.snapshotCache = undefined;
    for (const l of this.listeners) l();
  }
}
