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

const byNodeThenId = (a: ClientInfo, b: ClientInfo): number =>
  compareText(a.node, b.node) || compareNumeric(a.id, b.id);

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
  const sign = reverse ? -1 : 1;
  // Each value is read once (host is derived from addr), not once per comparison.
  const keyed = rows.map((row) => ({ row, key: f.get(row) }));
  keyed.sort((a, b) => sign * compare(a.key, b.key) || byNodeThenId(a.row, b.row));
  return keyed.map((k) => k.row);
}
