// A pane not built yet says what it will do and what it will need, rather than nothing.
// Only panes that do not exist use it; a built pane's folder exports its own spec.
import { Box, Text } from 'ink';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import type { PaneId } from '../../../state/app-state.js';
import type { PaneSpec } from '../spec.js';

interface Planned {
  id: PaneId;
  title: string;
  aliases: readonly string[];
  what: string;
  needs: string;
}

function PlaceholderPane({ planned, width }: { planned: Planned; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} paddingY={1}>
      <Text {...tone(theme, 'accent')} bold>
        {planned.title} — not built yet
      </Text>
      <Text {...tone(theme, 'text')} wrap="wrap">
        {planned.what}
      </Text>
      <Text {...tone(theme, 'muted')} wrap="wrap">{`Will need: ${planned.needs}`}</Text>
      <Text {...tone(theme, 'muted')}>Press 7 for Profiles.</Text>
    </Box>
  );
}

export function placeholderSpec(planned: Planned): PaneSpec {
  return {
    id: planned.id,
    title: planned.title,
    aliases: planned.aliases,
    component: ({ width }) => <PlaceholderPane planned={planned} width={width} />,
    bindings: [],
    overlays: {},
    headless: null,
    list: false,
  };
}
