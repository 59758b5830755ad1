// Panes not built yet say what they will do and what they will need, rather than nothing.
import { Box, Text } from 'ink';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { PANE_TITLES } from '../../keymap/bindings.js';
import type { PaneId } from '../../../state/app-state.js';

const PLANNED: Partial<Record<PaneId, { what: string; needs: string }>> = {
  users: {
    what: 'ACL users: who can do what, templates, rule editor, password rotation, plan/apply.',
    needs: '+acl|list +acl|getuser +acl|cat +acl|dryrun; +acl|setuser to change',
  },
  'acl-log': {
    what: 'Live ACL LOG tail: every denied command and failed AUTH, captured so nothing is lost.',
    needs: '+acl|log',
  },
  clients: {
    what: 'Live CLIENT LIST with kill actions, for 10,000 connections.',
    needs: '+client|list; +client|kill to kill',
  },
  audit: {
    what: 'Security audit and maturity score (Basic, Standard, High, Paranoid).',
    needs: '+config|get +acl|list +info',
  },
  certs: {
    what: 'TLS certificate wizard: CA, server and client certificates, inspection.',
    needs: 'local files; +config|get to read the server TLS settings',
  },
  incident: {
    what: 'Guided incident response: block, investigate, remediate.',
    needs: 'the grants of the panes it drives',
  },
};

export function PlaceholderPane({ pane, width }: { pane: PaneId; width: number }) {
  const theme = useTheme();
  const p = PLANNED[pane];
  return (
    <Box flexDirection="column" width={width} paddingY={1}>
      <Text {...tone(theme, 'accent')} bold>
        {PANE_TITLES[pane]} — not built yet
      </Text>
      {p ? (
        <Text {...tone(theme, 'text')} wrap="wrap">
          {p.what}
        </Text>
      ) : null}
      {p ? <Text {...tone(theme, 'muted')} wrap="wrap">{`Will need: ${p.needs}`}</Text> : null}
      <Text {...tone(theme, 'muted')}>Press 7 for Profiles.</Text>
    </Box>
  );
}
