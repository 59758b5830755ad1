// The footer's text, from the bindings table: the hinted keys by priority (the most used
// first) as far as the width goes; when some do not fit, it ends with `… ? more`, so the
// operator knows there are more and which key lists them. Pure, for every pane alike.
import { displayWidth, fitWidth } from '../../domain/display.js';
import { PANE_KEY_PRIORITY } from './bindings.js';
import type { Binding } from './bindings.js';
import { keyLabel } from './match.js';

const GAP = '  ';
const HELP = 'app.help';

const hintOf = (b: Binding): string =>
  `${keyLabel(b.keys[0] ?? '')} ${b.short ?? b.description.split(' ')[0]?.toLowerCase() ?? ''}`;

export function hintLine(bindings: readonly Binding[], width: number): string {
  const hinted = bindings
    .filter((b) => b.hint)
    .map((b, i) => ({ b, i, p: b.priority ?? PANE_KEY_PRIORITY }))
    .sort((x, y) => x.p - y.p || x.i - y.i)
    .map((x) => x.b);
  const all = hinted.map(hintOf).join(GAP);
  if (displayWidth(all) <= width) return all;
  const help = hinted.find((b) => b.id === HELP);
  const more = `… ${help ? `${keyLabel(help.keys[0] ?? '?')} ` : ''}more`;
  let line = '';
  for (const b of hinted) {
    if (b.id === HELP) continue;
    const next = line ? `${line}${GAP}${hintOf(b)}` : hintOf(b);
    if (displayWidth(`${next}${GAP}${more}`) > width) break;
    line = next;
  }
  return fitWidth(line ? `${line}${GAP}${more}` : more, width);
}
