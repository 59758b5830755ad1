// The incident view's rows, windowed (only what fits is drawn) around the selection; the text
// is shown as given (view-rows.ts escaped the server's strings once), cut to the width.
import { Box, Text } from 'ink';
import { useRef } from 'react';
import { fitWidth, padWidth } from '../../../domain/display.js';
import { windowStart } from '../../components/table.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import type { ViewRow } from './view-rows.js';

export function RowList({
  rows,
  selected,
  height,
  width,
}: {
  rows: readonly ViewRow[];
  selected: number;
  height: number;
  width: number;
}) {
  const theme = useTheme();
  const startRef = useRef(0);
  const more = rows.length > height;
  const body = Math.max(1, height - (more ? 1 : 0));
  const start = windowStart(startRef.current, selected, body, rows.length);
  startRef.current = start;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.slice(start, start + body).map((r, i) => {
        const at = start + i === selected;
        return (
          <Text key={r.key} {...tone(theme, at ? 'selection' : (r.tone ?? 'text'))} wrap="truncate">
            {padWidth(fitWidth(`${at ? '›' : ' '}${r.text}`, width), width)}
          </Text>
        );
      })}
      {more ? (
        <Text {...tone(theme, 'muted')} wrap="truncate">
          {fitWidth(
            `  ${start + 1}-${Math.min(rows.length, start + body)} of ${rows.length} (↑↓ PgUp/PgDn)`,
            width,
          )}
        </Text>
      ) : null}
    </Box>
  );
}
