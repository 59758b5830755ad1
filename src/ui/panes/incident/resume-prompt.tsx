// At start, for each incident left open (newest first): "resume? (y/n)". y shows it on the
// Incident pane at its step; n asks about the next one, or closes.
import { Box, Text, useInput } from 'ink';
import { useApp } from '../../app-context.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import type { Actions } from '../../../state/actions/index.js';
import { safeErrorMessage } from '../../../domain/redact.js';
import { openIncidentOverlay } from './open-overlay.js';

export interface ResumeProps {
  open: { id: string; at: string }[];
}

export function ResumePrompt({ open, width }: ResumeProps & { width: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const [first, ...rest] = open;
  useInput((input, key) => {
    if (input === 'y' || key.return) {
      actions.ui.close();
      if (first) actions.incident.open(first.id);
    } else if (input === 'n' || key.escape) {
      if (rest.length) actions.ui.open(openIncidentOverlay('incident-resume', { open: rest }));
      else actions.ui.close();
    }
  });
  if (!first) return null;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width, 76)}>
      <Text {...tone(theme, 'warning')} bold wrap="wrap">
        {`incident ${first.id} is open at step ${first.at}: resume? (y/n)`}
      </Text>
      <Text {...tone(theme, 'muted')} wrap="wrap">
        {rest.length
          ? `${rest.length} more open incident(s) after this one.`
          : 'n leaves it open: the Incident pane (6) lists it.'}
      </Text>
    </Box>
  );
}

/** At start (boot.tsx): incidents left open (a console killed, a link dropped), newest first. */
export function askResume(actions: Actions): void {
  try {
    const open = actions.incident.openOnes();
    if (open.length) actions.ui.open(openIncidentOverlay('incident-resume', { open }));
  } catch (err) {
    actions.ui.say(`Cannot read the incidents: ${safeErrorMessage(err)}`, 'warning');
  }
}
