// Step 6: the output directory, checked (checkPlan): group- or world-writable refused, readable
// by others warned; a file that exists is named and written only after `y`.
import { Box, Text, useInput } from 'ink';
import { useApp, useAppState } from '../../app-context.js';
import { editText } from '../../components/edit-text.js';
import { TextView } from '../../components/text-input.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { useLive } from './use-live.js';
import type { StepProps } from './wizard.js';

export function StepWhere({ width, height, back }: StepProps) {
  const theme = useTheme();
  const { actions } = useApp();
  const c = useAppState((s) => s.certs);
  const [dir, setDir, live] = useLive(c.plan?.dir ?? '');
  const confirming = c.existingFiles.length > 0 && !c.overwrite.length;
  useInput((input, key) => {
    if (key.escape) return back();
    if (c.busy) return;
    if (confirming) {
      if (input === 'y') void actions.certs.confirmOverwrite();
      return;
    }
    if (key.return) return void actions.certs.where(live.current);
    const next = editText(live.current, input, key, 4096);
    if (next !== undefined) setDir(next);
  });
  const room = Math.max(1, height - 5);
  return (
    <Box flexDirection="column">
      <Box>
        <Text {...tone(theme, 'accent')}>Directory: </Text>
        <TextView value={dir} focus={!confirming} maxShown={width - 12} />
      </Box>
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {fitWidth('Keys are written 0600, certificates 0644; a new directory 0700. Enter checks it.', width)}
      </Text>
      {c.problems.slice(0, room).map((p, i) => (
        <Text key={i} {...tone(theme, p.level === 'error' ? 'danger' : 'warning')} wrap="truncate">
          {fitWidth(`${p.level === 'error' ? '✗' : '!'} ${toDisplay(p.text)}`, width)}
        </Text>
      ))}
      {confirming ? (
        <Text {...tone(theme, 'warning')} wrap="truncate">
          {fitWidth(
            `${c.existingFiles.length} file${c.existingFiles.length > 1 ? 's' : ''} exist: ${c.existingFiles.map(toDisplay).join(', ')}`,
            width,
          )}
        </Text>
      ) : null}
      {confirming ? (
        <Text {...tone(theme, 'warning')}>y overwrites exactly these · Esc changes the directory</Text>
      ) : null}
    </Box>
  );
}
