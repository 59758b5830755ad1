// `redis-warden clients` output: table cells for people, objects for --json. Both hold the raw
// server strings: formatTable escapes every cell once, printJson every JSON string once.
import { humanBytes, humanDuration } from '../domain/clients/format.js';
import type { ClientGroup } from '../domain/clients/group.js';
import type { ClientInfo } from '../domain/clients/types.js';
import { hexBytes } from '../domain/bytes.js';
import { toDisplay } from '../domain/display.js';

export { humanBytes, humanDuration } from '../domain/clients/format.js';

/** The RISK cell's inputs for one client. */
export interface Marked {
  client: ClientInfo;
  self: boolean;
  /** Risk ids (JSON) and badges (table), in the same order. */
  risks: { id: string; badge: string }[];
}

// What gives way to a narrow terminal, first (formatTable): who, from where and the risk stay.
export const CLIENT_SACRIFICE = [
  'LIB',
  'QBUF',
  'RESP',
  'OMEM',
  'TOT-MEM',
  'DB',
  'FLAGS',
  'NAME',
  'AGE',
  'CMD',
  'NODE',
];
export const KILL_SACRIFICE = ['AGE', 'IDLE', 'FLAGS', 'NAME', 'CMD'];
export const GROUP_SACRIFICE = ['OMEM', 'TOT-MEM', 'MAX-IDLE', 'NODES'];

export function clientHeaders(multiNode: boolean): string[] {
  return [
    'ID',
    ...(multiNode ? ['NODE'] : []),
    'ADDR',
    'NAME',
    'USER',
    'AGE',
    'IDLE',
    'FLAGS',
    'DB',
    'CMD',
    'TOT-MEM',
    'OMEM',
    'QBUF',
    'RESP',
    'LIB',
    'RISK',
  ];
}

const lib = (c: ClientInfo) => [c.libName, c.libVer].filter(Boolean).join(' ');

export function clientRow(m: Marked, multiNode: boolean): string[] {
  const c = m.client;
  const badges = [...(m.self ? ['self'] : []), ...m.risks.map((r) => r.badge)];
  return [
    c.id,
    ...(multiNode ? [c.node] : []),
    c.addr,
    c.name,
    c.user,
    humanDuration(c.age),
    humanDuration(c.idle),
    c.flags,
    String(c.db),
    c.cmd,
    humanBytes(c.totMem),
    humanBytes(c.omem),
    humanBytes(c.qbuf),
    String(c.resp),
    lib(c),
    badges.join(' '),
  ];
}

/** The kill plan's table: which client on which node, and what it is doing. */
export const KILL_HEADERS = ['NODE', 'ID', 'ADDR', 'NAME', 'USER', 'AGE', 'IDLE', 'FLAGS', 'CMD'];

export const killRow = (c: ClientInfo): string[] => [
  c.node,
  c.id,
  c.addr,
  c.name,
  c.user,
  humanDuration(c.age),
  humanDuration(c.idle),
  c.flags,
  c.cmd,
];

/**
 * One client under the field names CLIENT LIST prints, in its order; fields this version
 * does not know follow as printed (never over a known one), then `self` and `risks`.
 * `id` stays a string: Redis ids are 64-bit.
 */
export function clientJson(m: Marked): Record<string, unknown> {
  const c = m.client;
  const out: Record<string, unknown> = {
    id: c.id,
    node: c.node,
    addr: c.addr,
    laddr: c.laddr,
    fd: c.fd,
    name: c.name,
    'name-hex': hexBytes(c.name),
    age: c.age,
    idle: c.idle,
    flags: c.flags,
    db: c.db,
    sub: c.sub,
    psub: c.psub,
    ssub: c.ssub,
    multi: c.multi,
    qbuf: c.qbuf,
    'qbuf-free': c.qbufFree,
    'argv-mem': c.argvMem,
    'multi-mem': c.multiMem,
    obl: c.obl,
    oll: c.oll,
    omem: c.omem,
    'tot-mem': c.totMem,
    events: c.events,
    cmd: c.cmd,
    user: c.user,
    'user-hex': hexBytes(c.user),
    redir: c.redir,
    resp: c.resp,
    'lib-name': c.libName,
    'lib-ver': c.libVer,
  };
  for (const [key, v] of Object.entries(c.extra)) {
    if (key in out || key === 'self' || key === 'risks') continue;
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true });
  }
  out.self = m.self;
  out.risks = m.risks.map((r) => r.id);
  return out;
}

export const GROUP_HEADERS = ['KEY', 'COUNT', 'NODES', 'TOT-MEM', 'OMEM', 'MAX-IDLE'];

export const groupRow = (g: ClientGroup): string[] => [
  g.key,
  String(g.count),
  String(g.nodes.length),
  humanBytes(g.totMem),
  humanBytes(g.omem),
  humanDuration(g.maxIdle),
];

export function groupJson(g: ClientGroup): Record<string, unknown> {
  return {
    key: g.key,
    'key-hex': hexBytes(g.key),
    count: g.count,
    nodes: g.nodes,
    'tot-mem': g.totMem,
    omem: g.omem,
    'max-idle': g.maxIdle,
    'min-age': g.minAge,
    members: g.members.map((m) => ({ node: m.node, id: m.id })),
  };
}

/** One node's outcome of a kill. */
export interface NodeReport {
  node: string;
  /** How many of its clients the plan named. */
  planned: number;
  killed: number;
  /** Listed, but the kill by id or address found no such client: it left in between. */
  gone: ClientInfo[];
  /** As many as `gone`; for CLIENT KILL USER (a count only): planned - killed. */
  goneCount: number;
  byUser: boolean;
  /** Planned clients the re-read after the kill still lists. */
  stillListed?: number;
  error?: string;
  unknown?: boolean;
  /** A lost reply: how many clients had no answer to their kill. */
  unanswered?: number;
  /** A lost reply, the node re-read: those clients it no longer lists, and those it still does. */
  goneOnReread?: ClientInfo[];
  stillConnected?: ClientInfo[];
  /** A lost reply, the node not re-read: what is said instead ("not re-read: ..."). */
  notReread?: string;
}

/** A node's kill is settled: answered, or its reply lost and the re-read shows its clients gone. */
export const isSettled = (r: NodeReport): boolean =>
  !r.error || (r.unknown === true && !r.notReread && !r.stillConnected?.length);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why clients that matched are not killed: the console's own links, replication links. */
export function skipLines(self: readonly ClientInfo[], replication: readonly ClientInfo[]): string[] {
  const at = (c: ClientInfo) => `${c.id} on ${toDisplay(c.node)}`;
  const lines = self.map(
    (c) => `Skipped client ${at(c)}: it is this console's own connection (never killed)`,
  );
  if (replication.length)
    lines.push(
      `Skipped ${plural(replication.length, 'replication link')} (flags M/S: killing one breaks replication until it reconnects and resyncs): ${replication.map(at).join(', ')}; pass --replication to include them`,
    );
  return lines;
}

const listed = (cs: readonly ClientInfo[]) => cs.map((c) => `${c.id} (${toDisplay(c.addr)})`).join(', ');

/** After a lost reply: what the re-read found, client by client, or that there was none. */
function rereadPart(r: NodeReport): string {
  if (r.notReread) return r.notReread;
  const parts = [
    ...(r.goneOnReread?.length
      ? [`gone after the kill (outcome of the command unknown): ${listed(r.goneOnReread)}`]
      : []),
    ...(r.stillConnected?.length ? [`still connected: ${listed(r.stillConnected)}`] : []),
  ];
  return `re-read: ${parts.join('; ')}`;
}

/** "127.0.0.1:6379: killed 2; already gone (left before the kill): 42 (10.0.0.5:5000)". */
export function reportLine(r: NodeReport): string {
  const node = toDisplay(r.node);
  const still = r.stillListed ? `; ${r.stillListed} still listed after the kill` : '';
  if (r.unknown) {
    const confirmed = r.killed ? `; killed ${r.killed} (confirmed by reply)` : '';
    return `${node}: outcome UNKNOWN (the reply was lost): ${toDisplay(r.error)}${confirmed}; ${rereadPart(r)}`;
  }
  // A refused kill leaves its clients listed, of course.
  if (r.error) return `${node}: FAILED: ${toDisplay(r.error)}`;
  const parts = [`killed ${r.killed}`];
  if (r.goneCount)
    parts.push(
      r.gone.length
        ? `already gone (left before the kill): ${listed(r.gone)}`
        : `${r.goneCount} already gone (left before the kill)`,
    );
  if (r.byUser && r.killed > r.planned) parts.push(`${r.killed - r.planned} connected since the listing`);
  return `${node}: ${parts.join('; ')}${still}`;
}

const sum = (reports: readonly NodeReport[], n: (r: NodeReport) => number) =>
  reports.reduce((t, r) => t + n(r), 0);

/** "Killed 3 clients on 2 nodes; 1 already gone." With a lost reply, what is known of each. */
export function totalLine(reports: readonly NodeReport[]): string {
  const total = sum(reports, (r) => r.killed);
  const gone = sum(reports, (r) => r.goneCount);
  const already = gone ? `; ${gone} already gone` : '';
  if (reports.some((r) => r.unknown)) {
    const onReread = sum(reports, (r) => r.goneOnReread?.length ?? 0);
    const still = sum(reports, (r) => r.stillConnected?.length ?? 0);
    const unread = sum(reports, (r) => (r.notReread ? (r.unanswered ?? 0) : 0));
    return (
      [
        `Clients killed: ${total} confirmed by reply, ${onReread} gone on re-read (the kill's reply was lost)`,
        ...(still ? [`${still} still connected`] : []),
        ...(unread ? [`${unread} not re-read (state unknown)`] : []),
      ].join('; ') + `${already}.`
    );
  }
  const on = plural(reports.filter((r) => r.killed > 0).length, 'node');
  return `Killed ${plural(total, 'client')}${total ? ` on ${on}` : ''}${already}.`;
}

export const resultJson = (r: NodeReport) => ({
  node: r.node,
  outcome: r.error ? (r.unknown ? 'unknown' : 'error') : 'ok',
  killed: r.killed,
  gone: r.goneCount,
  'gone-ids': r.gone.map((c) => c.id),
  'still-listed': r.stillListed ?? 0,
  ...(r.error ? { error: r.error } : {}),
  // A lost reply: what the re-read found (ids), or that the node was not re-read.
  ...(r.unknown
    ? r.notReread
      ? { reread: false, 'not-reread': r.notReread }
      : {
          reread: true,
          'gone-on-reread': (r.goneOnReread ?? []).map((c) => c.id),
          'still-connected': (r.stillConnected ?? []).map((c) => c.id),
        }
    : {}),
});

/** "3 clients on 2 nodes". */
export function countLine(clients: number, nodes: number): string {
  return `${clients} client${clients === 1 ? '' : 's'} on ${nodes} node${nodes === 1 ? '' : 's'}`;
}
