// The incident's evidence (issue 16): from every node of a Target, in parallel, each node
// within one time bound, nothing but reads (the read handle's allowlist holds every command
// below). Each artefact is what the server said, made JSON-safe (names as surrogate-escaped
// strings, src/domain/bytes.ts), or why it is missing (with the grant for a NOPERM). Secrets:
// CONFIG GET *'s password settings are replaced by a marker before they leave this file; ACL
// LIST keeps its hashes (it is evidence; the report never prints them).
import { decodeServerBytes } from '../domain/bytes.js';
import type { EvidenceKey } from '../domain/incident/evidence.js';
import { PAYLOAD_VALUE_BYTES, payloadName, payloadValue } from '../domain/incident/payload.js';
import { REDACTED, redactDeep } from '../domain/redact.js';
import type { ConnectionSpec } from '../profiles/schema.js';
import { read, readEveryNode, whyNotReady } from './audit-read.js';
import type { Ctx } from './audit-read.js';
import { parseModuleList, isSecretSetting } from './parse/audit.js';
import { parseAclLog } from './parse/acl-log.js';
import type { ReadNode } from './read-node.js';
import type { Target } from './target.js';

export interface EvidenceArtefact {
  /** info, config, acl-list, acl-log, clients, slowlog, modules, functions, dbsize, keys. */
  what: string;
  /** The command(s) it came from, for the manifest and the report. */
  command: string;
  /** JSON-safe content (text for INFO and CLIENT LIST). */
  data?: unknown;
  missing?: { reason: string; grant?: string };
}

export interface NodeArtefacts {
  node: string;
  /** Why the node gave nothing (down, refused, timed out). */
  down?: string;
  /** The console's own connection id on that node: never a suspect. */
  ownClientId?: string;
  artefacts: EvidenceArtefact[];
}

export interface ScanBound {
  /** Keys sampled at most (per node). */
  maxKeys: number;
  /** SCAN's COUNT per call: small, so no call holds the server long. */
  count: number;
  /** Time for the sample, within the node's bound. */
  timeMs: number;
}

export const DEFAULT_SCAN: ScanBound = { maxKeys: 2000, count: 100, timeMs: 1500 };

export interface EvidenceReadOptions {
  spec: ConnectionSpec;
  timeoutMs?: number;
  secrets?: readonly string[];
  scan?: ScanBound;
}

/** A reply as JSON-safe data: bulk strings as surrogate-escaped strings (every byte kept). */
export function plain(reply: unknown): unknown {
  if (Buffer.isBuffer(reply)) return decodeServerBytes(reply);
  if (Array.isArray(reply)) return reply.map(plain);
  if (reply instanceof Error) return { error: reply.message };
  return reply ?? null;
}

const str = (reply: unknown): string => String(plain(reply));

/** CONFIG GET * as name -> value, every password setting's value replaced by the marker. */
function configOf(reply: unknown): Record<string, string> {
  if (!Array.isArray(reply)) throw new Error('CONFIG GET *: expected a name/value array');
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < reply.length; i += 2) {
    const name = str(reply[i]).toLowerCase();
    const value: unknown = reply[i + 1];
    if (isSecretSetting(name)) {
      out[name] = str(value) === '' ? '' : REDACTED;
      if (Buffer.isBuffer(value)) value.fill(0);
    } else out[name] = str(value);
  }
  return out;
}

const named = (key: EvidenceKey): EvidenceKey => {
  const reason = payloadName(key.name);
  return reason ? { ...key, reason } : key;
};

/**
 * One sampled key: its type and TTL, and the first bytes of a short string only to test them.
 * A key the user may not touch (a NOPERM on it: `~pattern` rules) is listed by name as
 * unreadable instead of failing the whole sample; a lost link still fails it.
 */
async function sampleKey(node: ReadNode, raw: Buffer): Promise<EvidenceKey> {
  const name = decodeServerBytes(raw);
  try {
    const [type, pttl] = await Promise.all([node.call('TYPE', [raw]), node.call('PTTL', [raw])]);
    const key: EvidenceKey = { name, type: String(type), ttl: Number(pttl) };
    if (key.type !== 'string') return named(key);
    const len = Number(await node.call('STRLEN', [raw]));
    if (len > 4096) return named(key);
    const head = decodeServerBytes(
      (await node.callBuffer('GETRANGE', [raw, 0, PAYLOAD_VALUE_BYTES - 1])) as Buffer,
    );
    const reason = payloadName(name) ?? payloadValue(head);
    return reason ? { ...key, value: head, reason } : key;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e.name !== 'ReplyError' || !/^NOPERM/.test(e.message ?? '')) throw err;
    return named({ name, type: 'unreadable (no permission on this key)', ttl: -3 });
  }
}

/**
 * A bounded sample of key names with TYPE and PTTL: SCAN with a small COUNT, until maxKeys
 * or timeMs. Values are never kept, except the first PAYLOAD_VALUE_BYTES of a short string
 * (STRLEN <= 4 KiB, read with GETRANGE, so a big value is never pulled) whose name or first
 * bytes match the cron/SSH payload pattern; a value that does not match is dropped here.
 */
async function sampleKeys(
  node: ReadNode,
  bound: ScanBound,
  ctx: Ctx,
): Promise<{ keys: EvidenceKey[]; complete: boolean }> {
  const stop = Math.min(ctx.endsAt, Date.now() + bound.timeMs);
  const keys: EvidenceKey[] = [];
  let cursor = '0';
  do {
    const [next, names] = (await node.callBuffer('SCAN', [cursor, 'COUNT', bound.count])) as [
      Buffer,
      Buffer[],
    ];
    cursor = next.toString('latin1');
    const batch = names.slice(0, bound.maxKeys - keys.length);
    const facts = await Promise.all(batch.map((raw) => sampleKey(node, raw)));
    keys.push(...facts);
  } while (cursor !== '0' && keys.length < bound.maxKeys && Date.now() < stop);
  return { keys, complete: cursor === '0' };
}

async function artefact(
  what: string,
  command: string,
  grant: string | undefined,
  run: () => Promise<unknown>,
  ctx: Ctx,
): Promise<EvidenceArtefact> {
  const r = await read(command, grant, run, ctx);
  if (r.ok) return { what, command, data: r.value };
  return { what, command, missing: { reason: r.error, ...(r.grant ? { grant: r.grant } : {}) } };
}

async function readNode(
  target: Target,
  node: ReadNode,
  opts: EvidenceReadOptions,
  endsAt: number,
): Promise<NodeArtefacts> {
  const ctx: Ctx = { endsAt, secrets: opts.secrets ?? [] };
  const notReady = await whyNotReady(target, node, endsAt);
  if (notReady !== undefined) return { node: node.id, down: notReady, artefacts: [] };
  const scan = opts.scan ?? DEFAULT_SCAN;
  const a = (what: string, command: string, grant: string | undefined, run: () => Promise<unknown>) =>
    artefact(what, command, grant, run, ctx);
  const [ownClientId, ...artefacts] = await Promise.all([
    node.ownClientId().catch(() => undefined),
    a('info', 'INFO all', '+info', async () => str(await node.callBuffer('INFO', ['all']))),
    a('config', 'CONFIG GET *', '+config|get', async () =>
      configOf(await node.callBuffer('CONFIG', ['GET', '*'])),
    ),
    a('acl-list', 'ACL LIST', '+acl|list', async () => plain(await node.callBuffer('ACL', ['LIST']))),
    a('acl-log', 'ACL LOG 128', '+acl|log', async () =>
      parseAclLog(await node.callBuffer('ACL', ['LOG', 128])),
    ),
    a('clients', 'CLIENT LIST', '+client|list', async () => str(await node.callBuffer('CLIENT', ['LIST']))),
    a('slowlog', 'SLOWLOG GET 128', '+slowlog|get', async () =>
      // The server redacts AUTH and secret CONFIG SET arguments itself (7.0+); a known secret
      // anywhere else in an argument is replaced too.
      redactDeep(plain(await node.callBuffer('SLOWLOG', ['GET', 128])), ctx.secrets),
    ),
    a('modules', 'MODULE LIST', '+module|list', async () =>
      parseModuleList(await node.callBuffer('MODULE', ['LIST'])),
    ),
    a('functions', 'FUNCTION LIST', '+function|list', async () =>
      plain(await node.callBuffer('FUNCTION', ['LIST'])),
    ),
    a('dbsize', 'DBSIZE', '+dbsize', async () => Number(await node.call('DBSIZE'))),
    a(
      'keys',
      `SCAN COUNT ${scan.count} (at most ${scan.maxKeys} keys), TYPE, PTTL`,
      '+scan +type +pttl +strlen +getrange',
      () => sampleKeys(node, scan, ctx),
    ),
  ]);
  return { node: node.id, ...(ownClientId ? { ownClientId } : {}), artefacts };
}

/** Every node's artefacts, in parallel, within one bound; a node down is marked, the others read. */
export function readEvidence(target: Target, opts: EvidenceReadOptions): Promise<NodeArtefacts[]> {
  return readEveryNode(
    target,
    opts,
    (node, endsAt) => readNode(target, node, opts, endsAt),
    (id, error) => ({ node: id, down: error, artefacts: [] }),
  );
}

/** Keys per node now (DBSIZE, as the evidence's `dbsize`), every node in parallel. */
export async function keyspaceOf(
  target: Target,
): Promise<({ node: string; keys: number } | { node: string; error: string })[]> {
  const results = await target.onEach(async (node) => Number(await node.call('DBSIZE')));
  return results.map((r) =>
    r.ok ? { node: r.node, keys: r.value } : { node: r.node, error: r.error.message },
  );
}
