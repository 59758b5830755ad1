import { Box, Text } from 'ink';
import { useAppState } from '../app-context.js';
import { PANE_ORDER, paneTitle } from '../panes/registry.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';

export function Tabs({ width }: { width: number }) {
  const theme = useTheme();
  const pane = useAppState((s) => s.ui.pane);
  // Short titles keep all seven tabs on one line at 80 columns.
  const compact = width < 96;
  return (
    <Box width={width}>
      {PANE_ORDER.map((p, i) => {
        const title = compact ? paneTitle(p).replace('ACL ', '') : paneTitle(p);
        return (
          <Text key={p} {...tone(theme, p === pane ? 'selection' : 'muted')}>
            {` ${i + 1} ${title} `}
          </Text>
        );
      })}
    </Box>
  );
}
