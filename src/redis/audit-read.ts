// The audit's one read per node (issue 14): everything every check judges, read once, probes
// in parallel, each bounded by the read's time bound, and nothing but reads. A permission the
// auditor lacks is a Read that names the grant, never a thrown error: the checks turn it
// into an unknown. Commands sent (the read-only allowlist must hold them): INFO all,
// CONFIG GET *, ACL LIST, ACL DRYRUN <user> <command...>, MODULE LIST; besides, a fresh
// unauthenticated connection sends PING, and a TLS handshake sends no command at all.
import type { AuditUser, DryRun, NodeFacts, Read } from '../domain/audit/types.js';
import { PROBED_COMMANDS, probeKey } from '../domain/audit/types.js';
import type { ConnectionSpec } from '../profiles/schema.js';
import { listUserLines } from './acl.js';
import { DEFAULT_HOST, tlsOptions } from './connect.js';
import { explain } from './errors.js';
import { Deadline } from './deadline.js';
import type { ReadNode } from './read-node.js';
import type { Target } from './target.js';
import { auditUsers, dryRunAnswer, parseModuleList, splitConfig } from './parse/audit.js';
import type { ConfigFacts } from './parse/audit.js';
import { infoText, parseInfo } from './parse/info.js';
import { noAnswerAtAll } from './peer.js';
import { presentedCertificate } from './tls-peer.js';
import { unauthPing } from './unauth-probe.js';

export { AUDITOR_GRANTS, AUDITOR_RULE } from './auditor-grants.js';

export interface AuditReadOptions {
  /** The Target's connection spec: TLS files and SNI for the handshake and the fresh connection. */
  spec: ConnectionSpec;
  /** The bound of one node's read (every probe within it), and of waiting for it to connect. */
  timeoutMs?: number;
  /** Known secrets (the auditor's password), kept out of error texts. */
  secrets?: readonly string[];
}

export const AUDIT_TIMEOUT_MS = 5000;

/** One node's read: when it must be done by, and the secrets kept out of its errors. */
export interface Ctx {
  endsAt: number;
  secrets: readonly string[];
}

/** The node's `host:port` (or `unix:/path`) as the Target names it, in parts. */
export function addressParts(id: string): { host: string; port: number; socket?: string } {
  if (id.startsWith('unix:')) return { host: DEFAULT_HOST, port: 0, socket: id.slice('unix:'.length) };
  const i = id.lastIndexOf(':');
  return { host: id.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port: Number(id.slice(i + 1)) };
}

const left = (ctx: Ctx) => Math.max(1, ctx.endsAt - Date.now());

/** Rejects when the read's time bound is used up: a server that never answers cannot hold the audit. */
function within<T>(work: Promise<T>, ctx: Ctx, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what} had no reply in time`)), left(ctx));
  });
  return Promise.race([work, bound]).finally(() => clearTimeout(timer));
}

function failure(err: unknown, what: string, grant: string | undefined, ctx: Ctx): Read<never> {
  const e = explain(err, ctx.secrets);
  if (e.code === 'SEC003' && grant) return { ok: false, error: e.message, grant };
  return { ok: false, error: `${what}: ${e.message}` };
}

/** One probe: its value, or why not (with the grant for a NOPERM). Also the incident evidence's. */
export async function read<T>(
  what: string,
  grant: string | undefined,
  run: () => Promise<T>,
  ctx: Ctx,
): Promise<Read<T>> {
  try {
    return { ok: true, value: await within(run(), ctx, what) };
  } catch (err) {
    return failure(err, what, grant, ctx);
  }
}

const pick = <T, U>(r: Read<T>, f: (v: T) => U): Read<U> => (r.ok ? { ok: true, value: f(r.value) } : r);

/**
 * Every user x every probed command, all sent at once (ioredis writes them back to back: one
 * pipeline). A command the server does not know (rename-command) is that entry's error; a
 * NOPERM, a timeout or a lost link fails the whole read.
 */
async function dryRuns(
  node: ReadNode,
  users: readonly AuditUser[],
  ctx: Ctx,
): Promise<Read<Record<string, Record<string, DryRun>>>> {
  const asked = users.flatMap((u) =>
    PROBED_COMMANDS.map((cmd) => ({
      user: u.name,
      key: probeKey(cmd),
      reply: node.callBuffer('ACL', ['DRYRUN', u.name, ...cmd]).then(
        (r): DryRun => dryRunAnswer(r),
        (err: unknown): DryRun => {
          // A reply error is the server's answer about this command; anything else is the link's.
          const e = err as { name?: string; message?: string };
          if (e.name !== 'ReplyError' || /^NOPERM/.test(e.message ?? '')) throw err;
          return { error: explain(err, ctx.secrets).message };
        },
      ),
    })),
  );
  return read(
    'ACL DRYRUN',
    '+acl|dryrun',
    async () => {
      const answers = await Promise.all(asked.map((a) => a.reply));
      const out: Record<string, Record<string, DryRun>> = {};
      asked.forEach((a, i) => ((out[a.user] ??= {})[a.key] = answers[i]!));
      return out;
    },
    ctx,
  );
}

/** The node's TLS port: the connection's when it is TLS, else tls-port from CONFIG GET. */
function tlsPort(facts: { tls: boolean; port: number }, config: Read<ConfigFacts>): Read<number> | undefined {
  if (facts.tls) return { ok: true, value: facts.port };
  if (!config.ok)
    return { ok: false, error: `the TLS port is not known: ${config.error}`, grant: config.grant };
  const port = Number(config.value.config['tls-port'] ?? 0);
  return port > 0 ? { ok: true, value: port } : undefined;
}

/** Facts of a node the console could not talk to: every read names that as its reason. */
export function unreachableFacts(id: string, tls: boolean, error: string): NodeFacts {
  const { host, port } = addressParts(id);
  const no = { ok: false as const, error: `not read: ${id} is unreachable` };
  return {
    node: id,
    host,
    port,
    tls,
    reachable: { ok: false, error },
    info: no,
    config: no,
    requirepass: no,
    masterauth: no,
    users: no,
    dryrun: no,
    modules: no,
    unauthenticated: no,
  };
}

/** One node's facts, bounded by an end time shared with the other nodes of its Target; never rejects. */
async function readBy(
  target: Target,
  node: ReadNode,
  opts: AuditReadOptions,
  endsAt: number,
): Promise<NodeFacts> {
  const ctx: Ctx = { endsAt, secrets: opts.secrets ?? [] };
  const tls = Boolean(opts.spec.tls?.enabled);
  const notReady = await whyNotReady(target, node, endsAt);
  if (notReady !== undefined) return unreachableFacts(node.id, tls, notReady);
  const { host, port, socket } = addressParts(node.id);
  const tlsFor = (h: string) =>
    opts.spec.tls ? tlsOptions({ ...opts.spec, tls: { ...opts.spec.tls, enabled: true } }, h) : undefined;
  const configP = read(
    'CONFIG GET *',
    '+config|get',
    async () => splitConfig(await node.callBuffer('CONFIG', ['GET', '*'])),
    ctx,
  );
  const usersP = read('ACL LIST', '+acl|list', async () => auditUsers(await listUserLines(node)), ctx);
  const certP = configP.then((config) => {
    const p = tlsPort({ tls, port }, config);
    if (!p?.ok) return p;
    return read(
      'TLS handshake',
      undefined,
      () => presentedCertificate({ host, port: p.value, tls: tlsFor(host), timeoutMs: left(ctx) }),
      ctx,
    );
  });
  const [info, config, users, dryrun, modules, unauthenticated, certificate] = await Promise.all([
    read('INFO', '+info', async () => parseInfo(infoText(await node.callBuffer('INFO', ['all']))), ctx),
    configP,
    usersP,
    usersP.then((u) =>
      u.ok ? dryRuns(node, u.value, ctx) : { ...u, error: `not asked: the users are not known (${u.error})` },
    ),
    read(
      'MODULE LIST',
      '+module|list',
      async () => parseModuleList(await node.callBuffer('MODULE', ['LIST'])),
      ctx,
    ),
    read(
      'PING without credentials',
      undefined,
      () => unauthPing({ host, port, socket, tls: tls ? tlsFor(host) : undefined, timeoutMs: left(ctx) }),
      ctx,
    ),
    certP,
  ]);
  return {
    node: node.id,
    host,
    port,
    tls,
    reachable: { ok: true, value: true },
    info,
    config: pick(config, (c) => c.config),
    requirepass: pick(config, (c) => c.requirepass),
    masterauth: pick(config, (c) => c.masterauth),
    users,
    dryrun,
    modules,
    unauthenticated,
    ...(certificate && { certificate }),
  };
}

/** Waits (until endsAt) for the node to be ready; undefined when it is, else why not. */
export async function whyNotReady(
  target: Target,
  node: ReadNode,
  endsAt: number,
): Promise<string | undefined> {
  const started = Date.now();
  // Ready, or said why not (failed, refused), within the bound: the Target's wait.
  await target.settled({ only: [node.id], deadline: new Deadline(Math.max(1, endsAt - Date.now())) });
  if (node.status.state === 'ready') return undefined;
  const e =
    node.status.error ?? node.noAnswer() ?? noAnswerAtAll(node.id, Date.now() - started, endsAt - started);
  return `${e.message} (${e.cause})`;
}

/**
 * Every node of a Target, in parallel, each read as soon as it has connected (or said why
 * not) while the others are awaited: a node down is its own unreachable facts, the others are
 * read. On a cluster the nodes the seed names join as they are found; all within one bound.
 */
export async function readTargetFacts(target: Target, opts: AuditReadOptions): Promise<NodeFacts[]> {
  return readEveryNode(
    target,
    opts,
    (node, endsAt) => readBy(target, node, opts, endsAt),
    (id, error) => unreachableFacts(id, Boolean(opts.spec.tls?.enabled), error),
  );
}

/**
 * The walk of readTargetFacts for any per-node read (the audit's, the incident evidence's):
 * `readOne` for every node, in parallel, within one bound; `none` when there is no node at all.
 */
export async function readEveryNode<T>(
  target: Target,
  opts: { spec: ConnectionSpec; timeoutMs?: number },
  readOne: (node: ReadNode, endsAt: number) => Promise<T>,
  none: (address: string, error: string) => T,
): Promise<T[]> {
  const endsAt = Date.now() + (opts.timeoutMs ?? AUDIT_TIMEOUT_MS);
  const reads = new Map<string, Promise<T>>();
  const readNew = () => {
    for (const id of target.nodeIds()) {
      const node = target.node(id);
      if (node && !reads.has(id)) reads.set(id, readOne(node, endsAt));
    }
  };
  readNew();
  const seed = reads.values().next().value;
  if (opts.spec.cluster && seed) {
    // Discovery is one CLUSTER NODES once the seed is ready, sent before the seed's reads: by
    // the time those are done, every node it named has been added (or discovery has failed).
    const unsubscribe = target.subscribe(readNew);
    await seed;
    unsubscribe();
    readNew();
  }
  if (reads.size === 0) {
    const why = target.status().discovery;
    const error = why ? `${why.message} (${why.cause})` : 'no node to read';
    return [none(target.address, error)];
  }
  return Promise.all(reads.values());
}

/** One node's facts again (after a fix on it), within its own bound: the audit of that node. */
export async function readNodeFacts(target: Target, id: string, opts: AuditReadOptions): Promise<NodeFacts> {
  const node = target.node(id);
  if (!node) return unreachableFacts(id, Boolean(opts.spec.tls?.enabled), `${id} is not part of this target`);
  return readBy(target, node, opts, Date.now() + (opts.timeoutMs ?? AUDIT_TIMEOUT_MS));
}
