// The confirmation every destructive action goes through. It names what happens and
// what it touches; the most dangerous ask the operator to type the target's name.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { toDisplay } from '../../domain/display.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import { TextInput } from './text-input.js';

export interface ConfirmProps {
  title: string;
  lines: string[];
  typed?: string;
  confirmLabel?: string;
  alternatives?: { key: string; label: string; run: () => void }[];
  width: number;
  onConfirm: () => void;
  onCancel: () => void;
}

export function Confirm({
  title,
  lines,
  typed,
  confirmLabel = 'Confirm',
  alternatives = [],
  width,
  onConfirm,
  onCancel,
}: ConfirmProps) {
  const theme = useTheme();
  const [text, setText] = useState('');
  const [miss, setMiss] = useState(false);
  useInput((input, key) => {
    if (key.escape) onCancel();
    else if (!typed && (input === 'y' || key.return)) onConfirm();
    else if (!typed && input === 'n') onCancel();
    else if (!typed) alternatives.find((a) => a.key === input)?.run();
  });
  const submit = (v: string) => {
    // A name with control characters is shown escaped (\x1b): typing what is shown counts.
    if (v === typed || (typed !== undefined && v === toDisplay(typed))) onConfirm();
    else setMiss(true);
  };
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      {...{ borderColor: tone(theme, 'danger').color }}
      paddingX={1}
      width={Math.min(width, 76)}
    >
      <Text {...tone(theme, 'danger')} bold>
        {title}
      </Text>
      {lines.map((l, i) => (
        <Text key={i} wrap="wrap" {...tone(theme, 'text')}>
          {l}
        </Text>
      ))}
      {typed ? (
        <Box flexDirection="column" marginTop={1}>
          {alternatives.length ? (
            <Text
              {...tone(theme, 'muted')}
            >{`(${alternatives.map((a) => a.label).join(', ')}: not offered when the name must be typed)`}</Text>
          ) : null}
          <Text {...tone(theme, 'warning')}>{`Type ${toDisplay(typed)} to confirm, Esc to cancel:`}</Text>
          <Box>
            <Text {...tone(theme, 'accent')}>{'> '}</Text>
            <TextInput
              value={text}
              onChange={(v) => {
                setText(v);
                setMiss(false);
              }}
              onSubmit={submit}
              focus
            />
          </Box>
          {miss ? <Text {...tone(theme, 'danger')}>That does not match; nothing was done.</Text> : null}
        </Box>
      ) : (
        <Text {...tone(theme, 'warning')}>
          {[
            `y / Enter: ${confirmLabel}`,
            ...alternatives.map((a) => `${a.key}: ${a.label}`),
            'n / Esc: cancel',
          ].join('    ')}
        </Text>
      )}
    </Box>
  );
}
