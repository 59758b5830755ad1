// Text too long for the screen (the report, a finding's evidence), wrapped: ↑/↓ j/k, PgUp/PgDn,
// g/G scroll; Esc, Enter or q closes. The lines are escaped by whoever built them.
import { Box, Text, useInput } from 'ink';
import { useMemo, useState } from 'react';
import { useApp } from '../../app-context.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth } from '../../../domain/display.js';
import { wrapWords } from '../audit/lines.js';

export interface PagerProps {
  title: string;
  lines: string[];
}

export function TextPager({
  title,
  lines: given,
  width,
  height,
}: PagerProps & { width: number; height: number }) {
  const theme = useTheme();
  // Long lines (an excerpt, a path) wrap at spaces; a word wider than the screen is cut.
  const lines = useMemo(() => given.flatMap((l) => (l ? wrapWords(l, width, '  ') : [''])), [given, width]);
  const { actions } = useApp();
  const page = Math.max(1, height - 2);
  const last = Math.max(0, lines.length - page);
  const [top, setTop] = useState(0);
  useInput((input, key) => {
    if (key.escape || key.return || input === 'q') return actions.ui.close();
    const step = key.upArrow || input === 'k' ? -1 : key.downArrow || input === 'j' ? 1 : 0;
    const jump = key.pageUp ? -page : key.pageDown || input === ' ' ? page : 0;
    if (step || jump) setTop((t) => Math.max(0, Math.min(last, t + step + jump)));
    if (input === 'g') setTop(0);
    if (input === 'G') setTop(last);
  });
  const shown = lines.slice(top, top + page);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...tone(theme, 'accent')} bold wrap="truncate">
        {fitWidth(
          `${title}  (${Math.min(lines.length, top + 1)}-${Math.min(lines.length, top + page)} of ${lines.length}; ↑↓ PgUp/PgDn scroll, Esc closes)`,
          width,
        )}
      </Text>
      {shown.map((l, i) => (
        <Text key={top + i} {...tone(theme, 'text')} wrap="truncate">
          {fitWidth(l, width)}
        </Text>
      ))}
    </Box>
  );
}
