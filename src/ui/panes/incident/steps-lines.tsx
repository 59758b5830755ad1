// The six steps on two lines: [x] done, [-] skipped, [ ] to do; the incident's current step
// marked ▶, the one whose view is shown underlined by its name in capitals.
import { Text } from 'ink';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import type { Incident, Phase, Step } from '../../../domain/incident/types.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';

const MARK: Record<Step['state'], string> = { done: '[x]', skipped: '[-]', todo: '[ ]' };

export function stepLabel(inc: Incident, s: Step, shown: Phase): string {
  const current = !inc.closedAt && inc.phase === s.phase && s.state === 'todo';
  const name = s.phase === shown ? s.phase.toUpperCase() : s.phase;
  return `${current ? '▶' : ' '}${MARK[s.state]} ${name}`;
}

export function StepsLines({ inc, shown, width }: { inc: Incident; shown: Phase; width: number }) {
  const theme = useTheme();
  const cells = inc.steps.map((s) => stepLabel(inc, s, shown).padEnd(16));
  const skipped = inc.steps.filter((s) => s.state === 'skipped' && s.reason);
  return (
    <>
      <Text {...tone(theme, 'text')} wrap="truncate">
        {fitWidth(cells.slice(0, 3).join(' '), width)}
      </Text>
      <Text {...tone(theme, 'text')} wrap="truncate">
        {fitWidth(cells.slice(3).join(' '), width)}
      </Text>
      {skipped.length ? (
        <Text {...tone(theme, 'muted')} wrap="truncate">
          {fitWidth(
            toDisplay(`skipped: ${skipped.map((s) => `${s.phase} (${s.reason ?? ''})`).join('; ')}`),
            width,
          )}
        </Text>
      ) : null}
    </>
  );
}
