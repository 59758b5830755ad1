// A windowed table: only the rows that fit are rendered, so 10,000 rows cost what 20 do.
// Every cell goes through toDisplay and is cut/padded by terminal cells, so hostile
// strings can neither emit escapes nor misalign the columns.
import { Box, Text } from 'ink';
import { useRef } from 'react';
import { fitWidth, padWidth, toDisplay } from '../../domain/display.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import type { Token } from '../theme/tokens.js';

export interface Column<R> {
  key: string;
  title: string;
  /** Cells; 0 means "share what is left". */
  width: number;
  cell: (row: R) => string;
  tone?: (row: R) => Token | undefined;
}

export interface TableProps<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  selected: number;
  height: number;
  width: number;
  rowKey: (row: R) => string;
  empty?: string;
}

export function layoutWidths(columns: readonly { width: number }[], total: number): number[] {
  const gaps = Math.max(0, columns.length - 1);
  const fixed = columns.reduce((n, c) => n + c.width, 0);
  const flex = columns.filter((c) => c.width === 0).length;
  const spare = Math.max(0, total - fixed - gaps);
  return columns.map((c) => (c.width === 0 ? Math.max(4, Math.floor(spare / Math.max(1, flex))) : c.width));
}

/** First visible row, moved only as far as needed to keep the selection in view. */
export function windowStart(prev: number, selected: number, height: number, count: number): number {
  if (height <= 0) return 0;
  let start = Math.min(prev, Math.max(0, count - height));
  if (selected < start) start = selected;
  if (selected >= start + height) start = selected - height + 1;
  return Math.max(0, start);
}

export function Table<R>({ rows, columns, selected, height, width, rowKey, empty }: TableProps<R>) {
  const theme = useTheme();
  const startRef = useRef(0);
  const bodyHeight = Math.max(1, height - (rows.length > height - 1 ? 2 : 1));
  const start = windowStart(startRef.current, selected, bodyHeight, rows.length);
  startRef.current = start;
  const widths = layoutWidths(columns, width);
  const line = (cells: string[]) =>
    cells.map((c, i) => padWidth(fitWidth(c, widths[i] ?? 4), widths[i] ?? 4)).join(' ');
  const visible = rows.slice(start, start + bodyHeight);
  return (
    <Box flexDirection="column" width={width}>
      <Text {...tone(theme, 'muted')} bold wrap="truncate">
        {line(columns.map((c) => c.title))}
      </Text>
      {rows.length === 0 ? <Text {...tone(theme, 'muted')}>{empty ?? 'Nothing to show.'}</Text> : null}
      {visible.map((row, i) => {
        const isSel = start + i === selected;
        const rowTone = columns.map((c) => c.tone?.(row)).find(Boolean);
        return (
          <Text key={rowKey(row)} wrap="truncate" {...tone(theme, isSel ? 'selection' : (rowTone ?? 'text'))}>
            {line(columns.map((c) => toDisplay(c.cell(row))))}
          </Text>
        );
      })}
      {rows.length > bodyHeight ? (
        <Text {...tone(theme, 'muted')}>{`${start + 1}-${start + visible.length} of ${rows.length}`}</Text>
      ) : null}
    </Box>
  );
}
