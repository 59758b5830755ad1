// "1,204 clients on 6 nodes · 3 flagged · read 2s ago, every 1.2s (CLIENT LIST 12 ms)":
// how much there is and how fresh it is, so nobody acts on a stale list unawares.
import { Text } from 'ink';
import { useAppState } from '../../app-context.js';
import { useNow } from '../../hooks/use-now.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth } from '../../../domain/display.js';

const n = (x: number) => x.toLocaleString('en-US');

export function FreshnessLine(props: { width: number; shown: number; risky: number; marked: number }) {
  const theme = useTheme();
  const c = useAppState((s) => s.clients);
  const now = useNow(c.polledAt !== undefined, 1000);
  const nodes = Object.values(c.nodes);
  const total = c.rows.length;
  const slowest = Math.max(0, ...nodes.map((x) => x.ms ?? 0));
  const age = c.polledAt === undefined ? undefined : Math.max(0, Math.round((now - c.polledAt) / 1000));
  const every =
    c.nextAt !== undefined && c.polledAt !== undefined ? (c.nextAt - c.polledAt) / 1000 : undefined;
  const parts = [
    `${n(total)} client${total === 1 ? '' : 's'}${nodes.length > 1 ? ` on ${nodes.length} nodes` : ''}`,
    ...(props.shown !== total ? [`${n(props.shown)} shown`] : []),
    ...(props.risky ? [`${n(props.risky)} flagged`] : []),
    ...(c.risky ? ['flagged only (! all)'] : []),
    ...(c.sort.by !== 'id' || c.sort.reverse ? [`by ${c.sort.by}${c.sort.reverse ? '▼' : '▲'}`] : []),
    ...(props.marked ? [`${props.marked} marked`] : []),
    c.paused
      ? `PAUSED${age !== undefined ? `, read ${age}s ago` : ''} (r reads once, p resumes)`
      : age === undefined
        ? nodes.some((x) => x.problem)
          ? 'not read'
          : 'reading…'
        : `read ${age}s ago${every !== undefined ? `, every ${every.toFixed(1)}s` : ''} (CLIENT LIST ${slowest} ms)`,
  ];
  const stale = c.paused || (age !== undefined && every !== undefined && age > every * 2 + 2);
  return (
    <Text wrap="truncate" {...tone(theme, stale ? 'warning' : 'muted')}>
      {fitWidth(parts.join(' · '), props.width)}
    </Text>
  );
}
