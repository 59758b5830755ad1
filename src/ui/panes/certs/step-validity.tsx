// Step 5: days of validity. Defaults: the CA 10 years, leaves 1 year; a leaf never outlives its
// CA (the actions refuse it, naming the leaves).
import { Box, Text, useInput } from 'ink';
import { useApp, useAppState } from '../../app-context.js';
import { editText } from '../../components/edit-text.js';
import { TextView } from '../../components/text-input.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { useLive } from './use-live.js';
import type { StepProps } from './wizard.js';

export function StepValidity({ back }: StepProps) {
  const theme = useTheme();
  const { actions } = useApp();
  const plan = useAppState((s) => s.certs.plan);
  const newCa = plan && 'new' in plan.ca ? plan.ca.new : undefined;
  const [values, setValues, live] = useLive([
    String(newCa?.days ?? 3650),
    String(plan?.leaves[0]?.days ?? 365),
  ]);
  const fields = newCa ? [0, 1] : [1];
  const [at, setAt, liveAt] = useLive(0);
  const field = fields[at] ?? 1;
  useInput((input, key) => {
    if (key.escape) return back();
    const f = fields[liveAt.current] ?? 1;
    const vs = live.current;
    if (key.tab || key.upArrow || key.downArrow) return setAt((liveAt.current + 1) % fields.length);
    if (key.return) return actions.certs.validity(Number(vs[0]), Number(vs[1]));
    const next = editText(vs[f] ?? '', input, key, 6);
    if (next !== undefined && /^\d*$/.test(next)) setValues(vs.map((v, i) => (i === f ? next : v)));
  });
  const row = (i: number, label: string) => (
    <Box key={i}>
      <Text {...tone(theme, i === field ? 'accent' : 'muted')}>{label}</Text>
      <TextView value={values[i] ?? ''} focus={i === field} />
      <Text {...tone(theme, 'muted')}> days</Text>
    </Box>
  );
  return (
    <Box flexDirection="column">
      {newCa ? row(0, 'CA:     ') : <Text {...tone(theme, 'muted')}>The existing CA keeps its dates.</Text>}
      {row(1, 'Leaves: ')}
      <Text {...tone(theme, 'muted')}>Defaults: the CA 3650 days (10 years), leaves 365 (1 year).</Text>
      <Text {...tone(theme, 'muted')}>A leaf never outlives its CA: renew leaves yearly, the CA rarely.</Text>
      <Text {...tone(theme, 'muted')}>Tab switches · Enter on</Text>
    </Box>
  );
}
