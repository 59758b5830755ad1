// `redis-warden tail` output: a fixed-width table for people, one JSON object per line for a
// SIEM. Anyone can put any bytes into ACL LOG (a failed AUTH's username, a key name), so every
// server string is escaped by toDisplay() in both forms: cells here, JSON in jsonLine(). Pure.
import type { AclLogEvent, ClientSummary, TailNotice } from '../domain/acl-log/types.js';
import { hexBytes } from '../domain/bytes.js';
import { displayWidth, padWidth, toDisplay } from '../domain/display.js';

// Capture lines were written by this tool, but a torn or hand-edited file must not crash the
// tail or smuggle a non-string through: coerce every field to what the model says it is.
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function normaliseEvent(raw: AclLogEvent): AclLogEvent {
  const r = raw as unknown as Record<string, unknown>;
  const c = (typeof r.client === 'object' && r.client !== null ? r.client : {}) as Record<string, unknown>;
  const client: ClientSummary = {};
  for (const k of ['id', 'addr', 'laddr', 'name', 'user', 'cmd'] as const)
    if (typeof c[k] === 'string') client[k] = c[k];
  return {
    node: str(r.node),
    key: str(r.key),
    reason: str(r.reason),
    context: str(r.context),
    object: str(r.object),
    username: str(r.username),
    clientInfo: str(r.clientInfo),
    client,
    count: num(r.count),
    firstSeen: num(r.firstSeen),
    lastSeen: num(r.lastSeen),
    ...(r.history === true ? { history: true } : {}),
  };
}

const iso = (ms: number): string | null => (ms > 0 ? new Date(ms).toISOString() : null);
const opt = (s: string | undefined): string | null => s ?? null;
const optHex = (s: string | undefined): string | null => (s === undefined ? null : hexBytes(s));

/**
 * One event as a JSON line, raw: jsonLine() escapes every string as the table does (the
 * README's machine-output rule). Field names are stable (a SIEM maps them once); absent
 * values are null, never missing. Names an alert may act on (the username, the key, the
 * client's name and user) also come as `*_hex`: their exact bytes.
 */
export function eventJson(e: AclLogEvent, history: boolean): Record<string, unknown> {
  return {
    time: iso(e.lastSeen),
    first_seen: iso(e.firstSeen),
    node: e.node,
    reason: e.reason,
    context: e.context,
    object: e.object,
    object_hex: hexBytes(e.object),
    username: e.username,
    username_hex: hexBytes(e.username),
    count: e.count,
    client: {
      id: opt(e.client.id),
      addr: opt(e.client.addr),
      laddr: opt(e.client.laddr),
      name: opt(e.client.name),
      name_hex: optHex(e.client.name),
      user: opt(e.client.user),
      user_hex: optHex(e.client.user),
      cmd: opt(e.client.cmd),
    },
    client_info: e.clientInfo,
    history,
  };
}

export function noticeJson(n: TailNotice): Record<string, unknown> {
  return {
    notice: n.kind,
    node: n.node,
    time: iso(n.at),
    text: n.text,
    ...(n.lost !== undefined ? { lost: n.lost } : {}),
  };
}

/** "127.0.0.1:6379: text": one line for stderr; the text may quote a server error. */
export const noticeLine = (n: TailNotice): string => `${toDisplay(n.node)}: ${toDisplay(n.text)}`;

interface Column {
  title: string;
  width: number;
  right?: boolean;
  cell: (e: AclLogEvent) => string;
}

export interface TableLayout {
  columns: Column[];
}

const GAP = '  ';
// OBJECT + USER + CLIENT: below this they are too cut to read.
const MIN_SHARED = 24;
const two = (n: number) => String(n).padStart(2, '0');

/** HH:MM:SS in local time, as `date` and syslog show it to the operator at the terminal. */
export function clock(ms: number): string {
  if (!(ms > 0)) return '--:--:--';
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

// A brute force bumps one entry's count into the millions: keep the column narrow and exact below that.
export function compactCount(n: number): string {
  if (n < 1_000_000) return String(n);
  return n < 1e9 ? `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M` : `${(n / 1e9).toFixed(1)}G`;
}

function clientCell(c: ClientSummary): string {
  return [c.addr, c.name]
    .filter(Boolean)
    .map((x) => toDisplay(x))
    .join(' ');
}

/**
 * Column widths are fixed up front (the tail streams, so it cannot measure later rows) and
 * every cell is cut and padded by display width, so a hostile string can neither widen a
 * column nor shift the ones after it. `width` is the whole line; `nodeWidth` 0 hides NODE.
 */
export function tableLayout(width: number, nodeWidth: number): TableLayout {
  const fixed: Column[] = [
    { title: 'LAST', width: 8, cell: (e) => clock(e.lastSeen) },
    ...(nodeWidth > 0
      ? [{ title: 'NODE', width: nodeWidth, cell: (e: AclLogEvent) => toDisplay(e.node) }]
      : []),
    { title: 'REASON', width: 7, cell: (e) => toDisplay(e.reason) },
  ];
  const cmd: Column = { title: 'CMD', width: 12, cell: (e) => toDisplay(e.client.cmd) };
  // OBJECT, USER and CLIENT share what is left; N and the gaps are fixed too.
  const left = (cols: Column[]) =>
    width - cols.reduce((n, c) => n + c.width + GAP.length, 6 + GAP.length * 3);
  // Too narrow (a cluster's NODE column at 80 cells): CMD goes first, it is also in client_info.
  const tailCols = left([...fixed, cmd]) >= MIN_SHARED ? [cmd] : [];
  // Narrower still, the line grows past the terminal rather than cutting node ids.
  const rest = Math.max(MIN_SHARED, left([...fixed, ...tailCols]));
  const objectW = Math.floor((rest * 3) / 8);
  const userW = Math.floor((rest * 2) / 8);
  return {
    columns: [
      ...fixed,
      { title: 'OBJECT', width: objectW, cell: (e) => toDisplay(e.object) },
      { title: 'USER', width: userW, cell: (e) => toDisplay(e.username) },
      { title: 'N', width: 6, right: true, cell: (e) => compactCount(e.count) },
      { title: 'CLIENT', width: rest - objectW - userW, cell: (e) => clientCell(e.client) },
      ...tailCols,
    ],
  };
}

const line = (layout: TableLayout, cells: string[]) =>
  layout.columns
    .map((c, i) => padWidth(cells[i] ?? '', c.width, { align: c.right ? 'right' : 'left' }))
    .join(GAP);

export const tableHeader = (layout: TableLayout): string =>
  line(
    layout,
    layout.columns.map((c) => c.title),
  );

export const tableRow = (layout: TableLayout, e: AclLogEvent): string =>
  line(
    layout,
    layout.columns.map((c) => c.cell(e)),
  );

/** NODE's width: the longest node id (escaped), at least the title, at most 30 cells. */
export function nodeColumnWidth(ids: readonly string[]): number {
  return Math.min(30, Math.max(4, ...ids.map((id) => displayWidth(toDisplay(id)))));
}
