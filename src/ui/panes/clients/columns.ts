// The Clients table's columns, chosen by priority to fit the width: at 80 columns the
// address, user, idle time, command and highlights matter more than buffers and lib names.
import { humanBytes, humanDuration } from '../../../domain/clients/format.js';
import type { ClientRisk } from '../../../domain/clients/risk.js';
import type { ClientInfo } from '../../../domain/clients/types.js';
import type { Column } from '../../components/table.js';
import type { Token } from '../../theme/tokens.js';

export interface ClientCells {
  risks: (c: ClientInfo) => readonly ClientRisk[];
  marked: (c: ClientInfo) => boolean;
}

/** The row's colour: the worst highlight, the console's own connection in the accent. */
export function riskTone(risks: readonly ClientRisk[]): Token | undefined {
  if (risks.some((r) => r.severity === 'high')) return 'danger';
  if (risks.some((r) => r.severity === 'medium')) return 'warning';
  if (risks.some((r) => r.id === 'self')) return 'accent';
  return undefined;
}

interface Candidate {
  column: Column<ClientInfo>;
  /** Lower is kept first when the width runs out. */
  priority: number;
  /** The sort field it shows (for the ▲/▼ in its title). */
  field?: string;
}

export function clientColumns(
  cells: ClientCells,
  opts: { width: number; multiNode: boolean; sort: { by: string; reverse: boolean } },
): Column<ClientInfo>[] {
  const tone = (c: ClientInfo) => riskTone(cells.risks(c));
  // At 80 columns the name is worth more than two cells each of user and command.
  const narrow = opts.width < 100;
  const col = (
    key: string,
    title: string,
    width: number,
    cell: (c: ClientInfo) => string,
    priority: number,
    field?: string,
  ): Candidate => ({ column: { key, title, width, cell, tone }, priority, field });
  const all: Candidate[] = [
    col('mark', ' ', 1, (c) => (cells.marked(c) ? '*' : ' '), 0),
    col('id', 'ID', 6, (c) => c.id, 1, 'id'),
    ...(opts.multiNode ? [col('node', 'NODE', 15, (c) => c.node, 2, 'node')] : []),
    col('addr', 'ADDR', 21, (c) => c.addr, 2, 'addr'),
    col('name', 'NAME', 12, (c) => c.name, 5, 'name'),
    col('user', 'USER', narrow ? 10 : 12, (c) => c.user, 3, 'user'),
    col('age', 'AGE', 4, (c) => humanDuration(c.age), 8, 'age'),
    col('idle', 'IDLE', 4, (c) => humanDuration(c.idle), 4, 'idle'),
    col('flags', 'FLAGS', 5, (c) => c.flags, 7),
    col('db', 'DB', 2, (c) => String(c.db), 12, 'db'),
    col('cmd', 'CMD', narrow ? 10 : 12, (c) => c.cmd, 4, 'cmd'),
    col('mem', 'MEM', 5, (c) => humanBytes(c.totMem), 9, 'tot-mem'),
    col('omem', 'OMEM', 5, (c) => humanBytes(c.omem), 10, 'omem'),
    col('qbuf', 'QBUF', 5, (c) => humanBytes(c.qbuf), 11, 'qbuf'),
    col('resp', 'R', 1, (c) => String(c.resp), 13),
    col('lib', 'LIB', 8, (c) => [c.libName, c.libVer].filter(Boolean).join(' '), 14),
    col(
      'risk',
      'HIGHLIGHT',
      9,
      (c) =>
        cells
          .risks(c)
          .map((r) => r.badge)
          .join(' '),
      3,
    ),
  ];
  // Keep the most important columns that fit (one space between columns).
  const kept = new Set<Candidate>();
  let used = 0;
  for (const c of [...all].sort((a, b) => a.priority - b.priority)) {
    const need = c.column.width + (kept.size ? 1 : 0);
    if (used + need > opts.width) continue;
    kept.add(c);
    used += need;
  }
  // The name column takes what is left.
  return all
    .filter((c) => kept.has(c))
    .map((c) => {
      const arrow = c.field === opts.sort.by ? (opts.sort.reverse ? '▼' : '▲') : '';
      const width = c.column.key === 'name' ? 0 : c.column.width;
      return { ...c.column, width, title: `${c.column.title}${arrow}` };
    });
}
