// A timed MONITOR sample, kept as incident evidence. Not an operation: it changes nothing on the
// server. MONITOR turns a link into a one-way stream, so it runs on a connection of its own (the
// read handles never send it: read-node.ts does not allow it), bounded in seconds and lines,
// and every argument that carries a password is redacted before it leaves this file. Off by
// default: nothing takes a sample unless the operator asks for one, after MONITOR_WARNING.
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { explain } from './errors.js';
import type { Explained } from './errors.js';
import type { NodeAddress } from './node.js';
import type { Target } from './target.js';
import { parseMonitorLine } from './parse/monitor.js';
import type { MonitorLine } from './parse/monitor.js';

export type { MonitorLine } from './parse/monitor.js';

export const MONITOR_WARNING =
  'MONITOR costs the server: every command it runs is copied to this link while the sample lasts ' +
  '(throughput can drop by half on a busy server), and it shows data: the keys and values of every ' +
  'command in the window (passwords are redacted, other values are not).';

/** The most a sample may ask for, whatever the caller passes. */
export const MONITOR_LIMITS = { seconds: 60, lines: 10_000 } as const;

export interface MonitorConnection extends NodeAddress {
  user?: string;
  password?: string;
  tls?: RedisOptions['tls'];
}

export interface MonitorOptions {
  seconds: number;
  maxLines: number;
  /** Known secrets (the profile's password, ...): replaced wherever they appear in a line. */
  secrets?: readonly string[];
}

export interface MonitorSample {
  lines: MonitorLine[];
  /** time: the seconds ran out; lines: maxLines were taken; error: it could not start or broke off. */
  endedBy: 'time' | 'lines' | 'error';
  /** When it started and ended (ms epoch). */
  startedAt: number;
  endedAt: number;
  error?: Explained;
}

const clamp = (v: number, max: number) => Math.max(1, Math.min(max, Math.floor(v) || 1));

/** Takes a sample: resolves within `seconds` (plus a socket close), never throws. */
export function monitorSample(conn: MonitorConnection, opts: MonitorOptions): Promise<MonitorSample> {
  const seconds = clamp(opts.seconds, MONITOR_LIMITS.seconds);
  const maxLines = clamp(opts.maxLines, MONITOR_LIMITS.lines);
  const secrets = [...(opts.secrets ?? []), ...(conn.password ? [conn.password] : [])];
  const startedAt = Date.now();
  const lines: MonitorLine[] = [];
  const redis = new Redis({
    ...(conn.socket ? { path: conn.socket } : { host: conn.host ?? '127.0.0.1', port: conn.port ?? 6379 }),
    username: conn.user,
    password: conn.password,
    tls: conn.tls,
    protocol: 2,
    monitor: true,
    lazyConnect: true,
    enableReadyCheck: false,
    disableClientInfo: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: seconds * 1000,
    // One attempt: a sample that reconnected would have a gap nobody sees.
    retryStrategy: () => null,
  });
  return new Promise<MonitorSample>((resolve) => {
    let done = false;
    const finish = (endedBy: MonitorSample['endedBy'], err?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      redis.disconnect();
      resolve({
        lines,
        endedBy,
        startedAt,
        endedAt: Date.now(),
        ...(err === undefined ? {} : { error: explain(err, secrets) }),
      });
    };
    const timer = setTimeout(() => finish('time'), seconds * 1000);
    // The raw stream, not ioredis's 'monitor' event (see parse/monitor.ts): every MONITOR line
    // is a RESP simple string, and sdscatrepr leaves no CR or LF inside one.
    let pending = '';
    const onData = (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let end;
      while (!done && (end = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (!line.startsWith('+')) continue;
        const parsed = parseMonitorLine(line.slice(1), secrets);
        if (!parsed) continue;
        lines.push(parsed);
        if (lines.length >= maxLines) finish('lines');
      }
    };
    redis.once('connect', () => redis.stream.on('data', onData));
    redis.on('error', (err: unknown) => {
      // ioredis marks the link as monitoring only a tick after MONITOR's OK: a line that comes
      // in the same read is taken for a reply nobody asked for. The raw listener has it already.
      if (err instanceof Error && err.message.startsWith('Command queue state error')) return;
      finish('error', err);
    });
    redis.on('end', () => finish('error', new Error('the connection closed before the sample ended')));
    redis.connect().catch((err: unknown) => finish('error', err));
  });
}

/** A sample of node `id` of `target`, on a link of its own opened as the target's are. */
export function monitorOnNode(target: Target, id: string, opts: MonitorOptions): Promise<MonitorSample> {
  const link = target.linkTo(id);
  if (!link) {
    const now = Date.now();
    return Promise.resolve({
      lines: [],
      endedBy: 'error',
      startedAt: now,
      endedAt: now,
      error: explain(new Error(`no node ${id} in this target`)),
    });
  }
  return monitorSample(link, { ...opts, secrets: [...(opts.secrets ?? []), ...target.secrets] });
}
