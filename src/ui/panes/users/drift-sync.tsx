// The drift view's sync parts: the last sync's per-step, per-node results above the matrix,
// and the ACL file path prompt of F.
import { Box, Text } from 'ink';
import { fitWidth } from '../../../domain/display.js';
import type { SyncReport } from '../../../state/users-slice.js';
import { TextView } from '../../components/text-input.js';
import { keyLabel } from '../../keymap/match.js';
import type { Theme, Token } from '../../theme/tokens.js';
import { tone } from '../../theme/tone.js';
import { DRIFT_BINDINGS } from './drift-bindings.js';

/** At most a third of the screen for results: the matrix below keeps the rest. */
const reportLines = (height: number) => Math.max(4, Math.floor(height / 3));

/** Lines the report takes (so the matrix can leave room for them). */
export const reportHeight = (r: SyncReport | undefined, height: number): number =>
  r ? Math.min(r.lines.length, reportLines(height)) : 0;

// A node's own line (indented) carries its failure; the rest take the report's tone.
const lineTone = (r: SyncReport, line: string): Token =>
  r.running ? 'muted' : line.startsWith(' ') ? 'danger' : r.tone === 'info' ? 'text' : r.tone;

export function SyncResults({
  report,
  width,
  height,
  theme,
}: {
  report?: SyncReport;
  width: number;
  height: number;
  theme: Theme;
}) {
  if (!report) return null;
  const max = reportLines(height);
  // The summary (after the steps) matters most: a long report shows its end.
  const lines =
    report.lines.length > max
      ? [`… ${report.lines.length - max + 1} lines before`, ...report.lines.slice(-(max - 1))]
      : report.lines;
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate" {...tone(theme, lineTone(report, l))}>
          {fitWidth(l, width)}
        </Text>
      ))}
    </Box>
  );
}

/** The path as typed so far: the drift view edits it (its keys would race a second input). */
export function PathPrompt({ value, theme }: { value: string; theme: Theme }) {
  return (
    <Box flexDirection="column">
      <Text {...tone(theme, 'accent')}>ACL file to sync every node to (Enter plans, Esc cancels):</Text>
      <Box>
        <Text {...tone(theme, 'accent')}>{'> '}</Text>
        <TextView value={value} focus placeholder="users.acl" />
      </Box>
    </Box>
  );
}

/** "s sync user · S sync all · F from file": the keys the footer offers (none in read-only mode). */
export const syncHints = (readOnly: boolean): string =>
  readOnly
    ? 'read-only mode: sync is switched off'
    : `${DRIFT_BINDINGS.map((b) => `${keyLabel(b.keys[0] ?? '')} ${b.short ?? ''}`).join(' · ')} (a plan per node first)`;
