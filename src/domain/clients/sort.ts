// Ordering the Clients table and `clients --sort`. Stable and total: ties fall back to node,
// then id, so a refresh never reshuffles equal rows under the operator's cursor.
import { compareNumeric, fieldByName, FIELD_NAMES, isNumericKind } from './fields.js';
import type { ClientInfo } from './types.js';

/** The columns `s` cycles through, in that order. */
export const SORT_FIELDS: readonly string[] = [
  'id',
  'node',
  'addr',
  'name',
  'user',
  'age',
  'idle',
  'db',
  'cmd',
  'tot-mem',
  'omem',
  'qbuf',
];

// Plain code-unit order: locale collation would make two different server strings compare equal.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Ids below 2^53 (every real one) compare as numbers; longer ones exactly, as decimals.
const idNumber = (id: string): number => (id.length <= 15 ? Number(id) : NaN);

interface Keyed {
  row: ClientInfo;
  key: string | number;
  id: number;
}

const byNodeThenId = (a: Keyed, b: Keyed): number =>
  compareText(a.row.node, b.row.node) ||
  (Number.isNaN(a.id) || Number.isNaN(b.id) ? compareNumeric(a.row.id, b.row.id) : a.id - b.id);

/**
 * A sorted copy of `rows` by `field` (a CLIENT LIST name or alias); `reverse` flips the field's
 * order, while ties stay in node-then-id order. Throws on an unknown field, listing the valid ones.
 */
export function sortClients(rows: readonly ClientInfo[], field: string, reverse: boolean): ClientInfo[] {
  const f = fieldByName(field);
  if (!f) throw new Error(`cannot sort by "${field}": use one of ${FIELD_NAMES.join(', ')}`);
  const compare = isNumericKind(f.kind)
    ? compareNumeric
    : (a: string | number, b: string | number) => compareText(String(a), String(b));
  // The default order (by id, as one node lists them) is often already there: one pass to see
  // it instead of a sort of 10,000 rows on every refresh.
  if (f.name === 'id' && !reverse && inIdOrder(rows)) return rows.slice();
  const sign = reverse ? -1 : 1;
  if (isNumericKind(f.kind)) {
    const fast = sortByNumbers(rows, f.name === 'id' ? undefined : (c) => f.get(c), sign);
    if (fast) return fast;
  }
  // Each value is read once (host is derived from addr), not once per comparison.
  const keyed = rows.map((row): Keyed => {
    const id = idNumber(row.id);
    return { row, key: f.name === 'id' && !Number.isNaN(id) ? id : f.get(row), id };
  });
  keyed.sort((a, b) => sign * compare(a.key, b.key) || byNodeThenId(a, b));
  return keyed.map((k) => k.row);
}

/**
 * The numeric sort with every key and id in typed arrays and the rows' indices sorted: no object
 * per row and a comparator of array reads (a server rotates its client list, so the id order is
 * rarely there already: ~3x faster at 10,000). Undefined when a key or an id is not a safe number
 * (an id past 2^53: the exact path does it).
 */
function sortByNumbers(
  rows: readonly ClientInfo[],
  get: ((c: ClientInfo) => string | number) | undefined,
  sign: number,
): ClientInfo[] | undefined {
  const n = rows.length;
  const ids = new Float64Array(n);
  const keys = get ? new Float64Array(n) : ids;
  let oneNode = true;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const id = idNumber(row.id);
    if (Number.isNaN(id)) return undefined;
    ids[i] = id;
    if (get) {
      const key = get(row);
      if (typeof key !== 'number' || !Number.isFinite(key)) return undefined;
      keys[i] = key;
    }
    if (row.node !== rows[0]!.node) oneNode = false;
  }
  // A loop, not Array.from's mapper (~30 times slower here).
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(
    (a, b) =>
      sign * (keys[a]! - keys[b]!) ||
      (oneNode ? 0 : compareText(rows[a]!.node, rows[b]!.node)) ||
      ids[a]! - ids[b]!,
  );
  const out = new Array<ClientInfo>(n);
  for (let i = 0; i < n; i++) out[i] = rows[order[i]!]!;
  return out;
}

function inIdOrder(rows: readonly ClientInfo[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    const x = idNumber(a.id);
    const y = idNumber(b.id);
    const byId = Number.isNaN(x) || Number.isNaN(y) ? compareNumeric(a.id, b.id) : x - y;
    if (byId > 0 || (byId === 0 && compareText(a.node, b.node) > 0)) return false;
  }
  return true;
}
