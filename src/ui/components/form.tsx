// A keyboard form: ↑/↓ or Tab move, typing edits, Space or ←/→ change a choice,
// Enter goes to the next field and saves on the last one, Ctrl-S saves, Esc cancels.
// One input handler for the whole form, reading refs, so fast typing never lands in
// the wrong field or is lost between renders.
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { fitWidth, padWidth } from '../../domain/display.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import { editText } from './edit-text.js';
import { TextView } from './text-input.js';

export type FormValues = Record<string, string>;

export interface FormField {
  key: string;
  label: string;
  kind: 'text' | 'secret' | 'choice';
  choices?: string[];
  help?: string;
  visible?: (values: FormValues) => boolean;
}

export interface FormProps {
  title: string;
  fields: readonly FormField[];
  values: FormValues;
  onChange: (values: FormValues) => void;
  onSubmit: (values: FormValues) => void;
  onCancel: () => void;
  error?: string;
  width: number;
  height: number;
}

const shownFields = (fields: readonly FormField[], values: FormValues) =>
  fields.filter((f) => f.visible?.(values) ?? true);

export function Form({
  title,
  fields,
  values,
  onChange,
  onSubmit,
  onCancel,
  error,
  width,
  height,
}: FormProps) {
  const theme = useTheme();
  const [index, setIndex] = useState(0);
  const live = useRef({ values, index });
  live.current.values = values;
  const shown = shownFields(fields, values);
  const current = Math.min(index, shown.length - 1);
  live.current.index = current;

  useInput((input, key) => {
    const v = live.current.values;
    const list = shownFields(fields, v);
    const i = Math.min(live.current.index, list.length - 1);
    const field = list[i];
    const move = (to: number) => {
      live.current.index = Math.max(0, Math.min(to, list.length - 1));
      setIndex(live.current.index);
    };
    const set = (next: FormValues) => {
      live.current.values = next;
      onChange(next);
    };
    if (key.escape) return onCancel();
    if (key.ctrl && input === 's') return onSubmit(v);
    if (key.downArrow || (key.tab && !key.shift)) return move(i + 1);
    if (key.upArrow || (key.tab && key.shift)) return move(i - 1);
    if (key.return) return i === list.length - 1 ? onSubmit(v) : move(i + 1);
    if (!field) return;
    if (field.kind === 'choice') {
      // Two quick spaces can arrive as one "  " chunk: each one is a step.
      const dir = /^ +$/.test(input) ? input.length : key.rightArrow ? 1 : key.leftArrow ? -1 : 0;
      const choices = field.choices ?? [];
      if (!dir || !choices.length) return;
      const at = choices.indexOf(v[field.key] ?? '');
      return set({ ...v, [field.key]: choices[(at + dir + choices.length) % choices.length] ?? '' });
    }
    const next = editText(v[field.key] ?? '', input, key);
    if (next !== undefined) set({ ...v, [field.key]: next });
  });

  const labelWidth = Math.min(18, Math.max(...shown.map((f) => f.label.length)) + 1);
  const rows = Math.max(3, height - 5);
  const start = Math.max(0, Math.min(current - Math.floor(rows / 2), shown.length - rows));
  const field = shown[current];
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width, 90)}>
      <Text {...tone(theme, 'accent')} bold>
        {title}
      </Text>
      {shown.slice(start, start + rows).map((f, i) => {
        const focused = start + i === current;
        return (
          <Box key={f.key}>
            <Text {...tone(theme, focused ? 'accent' : 'muted')}>
              {padWidth(fitWidth(f.label, labelWidth), labelWidth)}{' '}
            </Text>
            {f.kind === 'choice' ? (
              <Text {...tone(theme, focused ? 'selection' : 'text')}>{`‹ ${values[f.key] ?? ''} ›`}</Text>
            ) : (
              <TextView value={values[f.key] ?? ''} mask={f.kind === 'secret'} focus={focused} />
            )}
          </Box>
        );
      })}
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {field?.help ?? ' '}
      </Text>
      {error ? (
        <Text {...tone(theme, 'danger')} wrap="wrap">
          {error}
        </Text>
      ) : null}
      <Text {...tone(theme, 'muted')} wrap="truncate">
        ↑/↓ move · Space/←/→ choose · Enter next · Ctrl-S save · Esc cancel
      </Text>
    </Box>
  );
}
