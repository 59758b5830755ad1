// The top of the Audit pane: the level badge and the counts per status, the level of each node
// when there are several, and what the audit is doing (or did last, or why it could not run).
import { Text } from 'ink';
import { useAppState } from '../../app-context.js';
import { useNow } from '../../hooks/use-now.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { reportLevel } from '../../../domain/audit/maturity.js';
import { levelName, nodeLevels } from './rows.js';

export function SummaryLines({ width }: { width: number }) {
  const theme = useTheme();
  const a = useAppState((s) => s.audit);
  const now = useNow(a.ranAt !== undefined, 1000);
  const r = a.report;
  const status = a.progress
    ? { text: a.progress, token: 'accent' as const }
    : a.error
      ? { text: a.error, token: 'danger' as const }
      : a.lastFix
        ? { text: a.lastFix.text, token: a.lastFix.tone }
        : r && a.ranAt !== undefined
          ? {
              text: `audited ${Math.max(0, Math.round((now - a.ranAt) / 1000))}s ago · r runs it again`,
              token: 'muted' as const,
            }
          : { text: ' ', token: 'muted' as const };
  if (!r)
    return (
      <Text {...tone(theme, status.token)} wrap="truncate">
        {fitWidth(toDisplay(status.text), width)}
      </Text>
    );
  const c = r.counts;
  const next = r.next ? ` · ${levelName(r.next.level)} needs ${r.next.needs.length}` : '';
  const counts = ` · ${c.fail} fail ${c.warn} warn ${c.unknown} unknown ${c.pass} pass${next}`;
  const level = reportLevel(r);
  const badge = `Level: ${level.text}`;
  return (
    <>
      <Text wrap="truncate">
        <Text
          bold
          {...tone(
            theme,
            !level.known
              ? 'warning'
              : r.reached === 'none'
                ? 'danger'
                : r.reached === 'paranoid'
                  ? 'ok'
                  : 'warning',
          )}
        >
          {badge}
        </Text>
        <Text {...tone(theme, 'text')}>{fitWidth(counts, Math.max(1, width - badge.length))}</Text>
      </Text>
      {r.nodes.length > 1 ? (
        <Text {...tone(theme, 'muted')} wrap="truncate">
          {fitWidth(nodeLevels(r), width)}
        </Text>
      ) : null}
      <Text {...tone(theme, status.token)} wrap="truncate">
        {fitWidth(toDisplay(status.text), width)}
      </Text>
    </>
  );
}

/** How many rows SummaryLines takes. */
export const summaryHeight = (nodes: number, hasReport: boolean): number =>
  hasReport ? 2 + (nodes > 1 ? 1 : 0) : 1;
