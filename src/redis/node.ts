// One connection to one Redis node, with a state an operator can read at a glance.
// Configured so nothing is queued while offline and nothing is replayed after a
// reconnect (STACK.md): a command either runs now or fails now.
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { decodeServerBytes, hasRawBytes, rawBytes } from '../domain/bytes.js';
import { explain, explainConnect, missingPermission } from './errors.js';
import type { Explained } from './errors.js';
import { infoText, parseInfo, serverFacts } from './parse/info.js';
import type { ServerFacts } from './parse/info.js';
import { seconds } from './deadline.js';
import type { Deadline } from './deadline.js';
import { NOT_CONNECTED, notSent } from './fence.js';
import { LinkWatch } from './link-watch.js';
import { notRedis } from './peer.js';
import { assertRead } from './read-node.js';
import type { Arg, NodeStatus, ReadNode } from './read-node.js';

// Where they were first: most importers read them from here.
export type { NodeState, NodeStatus } from './read-node.js';

export interface NodeAddress {
  host?: string;
  port?: number;
  socket?: string;
}

export interface NodeOptions {
  user?: string;
  password?: string;
  tls?: RedisOptions['tls'];
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Known secrets, so error messages can be redacted. */
  secrets: readonly string[];
  /** A headless command's one time bound: no wait outlasts it. */
  deadline?: Deadline;
}

const MAX_BACKOFF_MS = 5000;

/**
 * Names are carried surrogate-escaped (src/domain/bytes.ts): ioredis would send a lone
 * surrogate as EF BF BD and act on a different user. Such an argument goes as its exact bytes.
 */
function onTheWire(args: readonly Arg[]): Arg[] {
  if (!args.some((a) => typeof a === 'string' && hasRawBytes(a))) return [...args];
  return args.map((a) => (typeof a === 'string' && hasRawBytes(a) ? rawBytes(a) : a));
}

class ProbeFailure extends Error {
  constructor(readonly explained: Explained) {
    super(explained.message);
  }
}

/** What writeOn holds for a node: sends any command (the handle's call sends only reads). */
export interface NodeWriter {
  readonly id: string;
  write(command: string, args: readonly Arg[]): Promise<unknown>;
  /** Reconnects, so a reply that is overdue does not hold up the next ones (see resync). */
  resync(): void;
}

let writerOfConnection: (node: NodeConnection) => NodeWriter;

/**
 * The write capability behind a handle the Target handed out. Only src/redis/command.ts
 * (writeOn) imports it; test/redis/read-node.test.ts fails when anything else does.
 */
export function writerOf(handle: ReadNode): NodeWriter {
  if (!(handle instanceof NodeConnection))
    throw new Error('writeOn needs a node handle from a Target: writes go through the mutation path');
  return writerOfConnection(handle);
}

export class NodeConnection implements ReadNode {
  static {
    // Here, inside the class, so the sending of any command stays private to it: nothing that
    // holds a handle can reach it but through writerOf.
    writerOfConnection = (node) => ({
      id: node.id,
      write: (command, args) => node.#send(() => node.redis.call(command, onTheWire(args))),
      resync: () => node.#resync(),
    });
  }

  readonly id: string;
  private readonly redis: Redis;
  private fatal = false;
  private everReady = false;
  /** False when the console's user may not PING: heartbeats would fill ACL LOG with NOPERM. */
  canPing = true;
  private closedByUs = false;
  private ownId: Promise<string | undefined> | undefined;
  private listeners = new Set<() => void>();
  /** What the links showed of the peer: says what it is when it is not Redis. */
  private readonly link: LinkWatch;
  status: NodeStatus;

  constructor(
    readonly address: NodeAddress,
    private readonly opts: NodeOptions,
  ) {
    this.id = address.socket
      ? `unix:${address.socket}`
      : `${address.host ?? '127.0.0.1'}:${address.port ?? 6379}`;
    this.status = { id: this.id, state: 'connecting', since: Date.now(), attempt: 0 };
    const options: RedisOptions = {
      ...(address.socket ? { path: address.socket } : { host: address.host, port: address.port }),
      username: opts.user,
      password: opts.password,
      tls: opts.tls,
      protocol: 2,
      lazyConnect: true,
      // The ready check (INFO) and a connection name (CLIENT SETNAME) would each write a
      // NOPERM entry into ACL LOG for a least-privilege console user: probe with PING instead.
      enableReadyCheck: false,
      // Likewise CLIENT SETINFO, which ioredis sends on every connect to Redis 7.2+ and Valkey:
      // two NOPERM entries per connect for a user without +client|setinfo.
      disableClientInfo: true,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      commandTimeout: this.bounded(opts.commandTimeoutMs ?? 5000),
      connectTimeout: this.bounded(opts.connectTimeoutMs ?? 5000),
      keepAlive: 10_000,
      // On close, how long a socket that was ended may take to close before it is destroyed.
      // ioredis waits 2 s, and a socket still connecting to a dead server never closes by
      // itself: quitting the console waited those 2 s on a blank screen.
      disconnectTimeout: 200,
      retryStrategy: (times) => {
        if (this.fatal || this.closedByUs) return null;
        this.status = { ...this.status, attempt: times };
        return Math.min(200 * 2 ** Math.min(times, 5), MAX_BACKOFF_MS);
      },
    };
    this.redis = new Redis(options);
    this.redis.on('ready', () => {
      // A new link is a new client on the server, with a new id.
      this.ownId = undefined;
      // ioredis may still call a link ready that a fatal reply (not RESP) has just condemned.
      if (!this.fatal) void this.probe().catch(() => undefined);
    });
    this.link = new LinkWatch(Boolean(opts.tls));
    this.redis.on('connecting', () => this.link.connecting(this.redis));
    this.redis.on('connect', () => this.link.linked(this.redis));
    this.redis.on('error', (err: unknown) => this.onError(err));
    this.redis.on('close', () => {
      if (this.closedByUs) return;
      if (!this.everReady && this.link.firstBytes?.length === 0 && !this.status.error)
        this.set({ error: notRedis('closed', undefined) });
      // Never connected yet: still "connecting", not "reconnecting".
      if (this.status.state === 'ready' || (this.status.state === 'connecting' && this.everReady))
        this.set({ state: 'reconnecting' });
    });
    this.redis.on('end', () => {
      if (this.closedByUs) this.set({ state: 'closed' });
      else if (this.status.state !== 'failed') this.set({ state: 'failed' });
    });
  }

  /** Why a node that never became ready has not answered, when its links say (link-watch.ts). */
  noAnswer(): Explained | undefined {
    return this.everReady ? undefined : this.link.noAnswer();
  }

  start(): void {
    this.redis.connect().catch(() => {
      // Reported through the 'error' event; connect() rejecting is not a crash.
    });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs one read now; fails at once when the node is not connected, or when it is not a read. */
  async call(command: string, args: readonly Arg[] = []): Promise<unknown> {
    assertRead(command, args);
    return this.#send(() => this.redis.call(command, onTheWire(args)));
  }

  /** Like call, but bulk strings come back as Buffers (for server strings that may not be UTF-8). */
  async callBuffer(command: string, args: readonly Arg[] = []): Promise<unknown> {
    assertRead(command, args);
    return this.#send(() => this.redis.callBuffer(command, onTheWire(args)));
  }

  /**
   * Sends now or says why not, so a caller can tell "never sent" (it did not run) from "sent,
   * no reply" (it may have run). Under a deadline, the reply is waited for only as long as
   * is left of it.
   */
  async #send(run: () => Promise<unknown>): Promise<unknown> {
    if (this.redis.status !== 'ready')
      throw Object.assign(new Error('not connected'), { code: NOT_CONNECTED });
    const d = this.opts.deadline;
    const left = d?.left();
    if (d && left === 0)
      throw notSent(`not sent: the command's time bound of ${seconds(d.budgetMs)} was used up`);
    let timer: NodeJS.Timeout | undefined;
    const bound =
      d &&
      left !== undefined &&
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`timed out: no reply within the ${seconds(d.budgetMs)} time bound of the command`),
            ),
          left,
        );
      });
    try {
      const reply = await (bound ? Promise.race([run(), bound]) : run());
      this.touch();
      return reply;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A wait bounded by the deadline too (at least 1 ms: 0 turns ioredis's timers off). */
  private bounded(ms: number): number {
    const left = this.opts.deadline?.left();
    return Math.max(1, left === undefined ? ms : Math.min(ms, left));
  }

  /**
   * A reply is overdue: every later reply on this link would queue behind it (and a reply
   * that never comes would be taken for the next command's). Reconnect, so a re-read gets a
   * clean link. Commands still waiting on the old link fail as unknown.
   */
  #resync(): void {
    if (this.closedByUs || this.fatal) return;
    this.set({ state: 'reconnecting' }); // now: a re-read waits for the new link
    this.redis.disconnect(true);
  }

  /**
   * This connection's client id on the server (CLIENT ID), asked once per link; undefined
   * when the console's user may not ask (a denial is not asked again on this link: each one
   * writes an entry into ACL LOG). The Clients pane marks the console's own connection by it.
   */
  async ownClientId(): Promise<string | undefined> {
    this.ownId ??= this.redis.call('CLIENT', ['ID']).then(
      (id) => String(id),
      (err: unknown) => {
        if (!/NOPERM/.test(err instanceof Error ? err.message : '')) this.ownId = undefined;
        return undefined;
      },
    );
    return this.ownId;
  }

  /** The local end of the link (`ip:port`): what the server lists as addr when nothing is in between. */
  localAddress(): string | undefined {
    const s = this.redis.stream as { localAddress?: string; localPort?: number } | undefined;
    if (!s?.localAddress || !s.localPort) return undefined;
    return s.localAddress.includes(':')
      ? `[${s.localAddress}]:${s.localPort}`
      : `${s.localAddress}:${s.localPort}`;
  }

  /** After a fatal failure, try again from scratch (the operator pressed r). */
  retry(): void {
    if (this.closedByUs) return;
    this.fatal = false;
    this.set({ state: 'connecting', error: undefined, attempt: 0 });
    if (this.redis.status === 'end' || this.redis.status === 'close' || this.redis.status === 'wait')
      this.start();
  }

  async close(): Promise<void> {
    this.closedByUs = true;
    this.listeners.clear();
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    // QUIT is a courtesy: a server that does not answer it must not hold the console up.
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.bounded(500))));
    await Promise.race([this.redis.quit().catch(() => undefined), waited]);
    clearTimeout(timer);
    this.redis.disconnect();
  }

  private touch(): void {
    const now = Date.now();
    if (this.status.state !== 'ready') return;
    this.status = { ...this.status, lastOkAt: now };
  }

  /**
   * After (re)connecting: PING proves the link (an mTLS refusal only shows here), then the
   * header facts. Permissions the console's user lacks are gathered into one SEC003
   * warning that names them all; the node stays usable.
   */
  private async probe(): Promise<void> {
    const denied: string[] = [];
    let warning: Explained | undefined;
    const attempt = async <T>(run: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await run();
      } catch (err) {
        const e = explain(err, this.opts.secrets);
        if (e.code !== 'SEC003') throw new ProbeFailure(e);
        denied.push(missingPermission(e.message) ?? e.message);
        warning ??= e;
        return undefined;
      }
    };
    let server: ServerFacts | undefined;
    let whoami: string | undefined;
    try {
      const pong = await attempt(() => this.redis.call('PING'));
      this.canPing = pong !== undefined;
      const info = await attempt(async () =>
        infoText(await this.redis.callBuffer('INFO', ['server', 'replication'])),
      );
      if (info !== undefined) server = serverFacts(parseInfo(info));
      // The console's own name, byte-exact: lockout checks compare it with the users listed.
      whoami = await attempt(async () => {
        const me = await this.redis.callBuffer('ACL', ['WHOAMI']);
        return Buffer.isBuffer(me) ? decodeServerBytes(me) : String(me);
      });
    } catch (thrown) {
      if (!(thrown instanceof ProbeFailure)) throw thrown;
      if (this.fatal) return;
      const e = (thrown.explained.name === 'TIMEOUT' && this.noAnswer()) || thrown.explained;
      // A dropped link reconnects by itself; a refusal (NOAUTH, mTLS) will not get better.
      if (e.retryable) this.set({ error: e });
      else this.failWith(e);
      return;
    }
    this.everReady = true;
    const error: Explained | undefined = warning && {
      ...warning,
      cause: `The console's user lacks ${denied.join(' ')}.`,
      fix: [
        'See what it may do: ACL GETUSER <user> (as an admin).',
        `Grant it: ACL SETUSER <user> ${denied.join(' ')}`,
      ],
    };
    this.set({ state: 'ready', lastOkAt: Date.now(), attempt: 0, server, whoami, error });
  }

  private onError(err: unknown): void {
    // What follows a fatal failure (the link closing under it) must not hide its reason.
    if (this.fatal) return;
    const tls = this.opts.tls as { cert?: unknown } | undefined;
    const e = explainConnect(
      err,
      {
        tls: Boolean(tls),
        clientCert: Boolean(tls?.cert),
        everReady: this.everReady,
        firstBytes: this.link.firstBytes,
        tlsStalledMs: this.link.tlsStalledMs(),
        userWithoutPassword: this.opts.password === undefined ? this.opts.user : undefined,
      },
      this.opts.secrets,
    );
    if (!e.retryable) {
      this.failWith(e);
      return;
    }
    this.set({
      state: this.everReady ? 'reconnecting' : 'connecting',
      error: e,
    });
  }

  private failWith(e: Explained): void {
    // Retrying a wrong password or a bad certificate only floods the server's ACL LOG.
    this.fatal = true;
    this.set({ state: 'failed', error: e });
    this.redis.disconnect();
  }

  private set(patch: Partial<NodeStatus>): void {
    const next = { ...this.status, ...patch };
    if (patch.state && patch.state !== this.status.state) next.since = Date.now();
    this.status = next;
    for (const l of this.listeners) l();
  }
}
