// The certificate wizard: one step a screen, every step can go back (Esc; Backspace on a step
// with nothing to type), Enter goes on. Its state is the certs slice, so closing it and
// pressing n again comes back to the same step; only a CA key's passphrase is not kept.
import { Box, Text } from 'ink';
import type { ComponentType } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { WIZARD_STEPS } from '../../../state/certs-slice.js';
import type { WizardStep } from '../../../state/certs-slice.js';
import { StepKey } from './step-key.js';
import { StepNames } from './step-names.js';
import { StepNext } from './step-next.js';
import { StepPreview } from './step-preview.js';
import { StepUsage } from './step-usage.js';
import { StepValidity } from './step-validity.js';
import { StepWhat } from './step-what.js';
import { StepWhere } from './step-where.js';

export interface StepProps {
  width: number;
  height: number;
  /** One step back; on the first step, closes the wizard. */
  back: () => void;
}

const TITLES: Record<WizardStep, string> = {
  what: 'What',
  key: 'Key',
  names: 'Names',
  usage: 'Usage',
  validity: 'Validity',
  where: 'Where',
  preview: 'Preview',
  next: 'Next steps',
};

const VIEWS: Record<WizardStep, ComponentType<StepProps>> = {
  what: StepWhat,
  key: StepKey,
  names: StepNames,
  usage: StepUsage,
  validity: StepValidity,
  where: StepWhere,
  preview: StepPreview,
  next: StepNext,
};

export function Wizard({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const step = useAppState((s) => s.certs.step);
  const busy = useAppState((s) => s.certs.busy);
  const error = useAppState((s) => s.certs.error);
  const back = () => {
    if (actions.certs.back()) return;
    actions.certs.end();
    actions.ui.close();
  };
  const at = WIZARD_STEPS.indexOf(step);
  const crumbs = WIZARD_STEPS.map(
    (s, i) => `${i === at ? '[' : ''}${i + 1} ${TITLES[s]}${i === at ? ']' : ''}`,
  ).join(' ');
  const View = VIEWS[step];
  const below = (busy ? 1 : 0) + (error ? 2 : 0);
  return (
    <Box flexDirection="column" width={width}>
      <Text {...tone(theme, 'accent')} wrap="truncate">
        {fitWidth(
          `New certificates · step ${at + 1} of ${WIZARD_STEPS.length}: ${TITLES[step]} · Esc back`,
          width,
        )}
      </Text>
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {fitWidth(crumbs, width)}
      </Text>
      <View width={width} height={Math.max(4, height - 2 - below)} back={back} />
      {busy ? <Text {...tone(theme, 'accent')}>{busy}</Text> : null}
      {error ? (
        <Box height={2} width={width} overflow="hidden">
          <Text {...tone(theme, 'danger')} wrap="wrap">
            {toDisplay(error)}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
