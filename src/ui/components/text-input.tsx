// A one-line editor. Masked input shows one • per character and never the text.
// Keystrokes can arrive faster than React re-renders (a paste, a fast typist over SSH),
// so the latest value is kept in a ref, never read from a stale render.
import { Text, useInput } from 'ink';
import { useRef } from 'react';
import { toDisplay } from '../../domain/display.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import { editText } from './edit-text.js';

export interface TextInputProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit?: (value: string) => void;
  focus: boolean;
  mask?: boolean;
  placeholder?: string;
  maxLength?: number;
}

export function TextInput({
  value,
  onChange,
  onSubmit,
  focus,
  mask,
  placeholder,
  maxLength,
}: TextInputProps) {
  const latest = useRef(value);
  latest.current = value;
  useInput(
    (input, key) => {
      if (key.return) return onSubmit?.(latest.current);
      const next = editText(latest.current, input, key, maxLength);
      if (next === undefined || next === latest.current) return;
      latest.current = next;
      onChange(next);
    },
    { isActive: focus },
  );
  return <TextView value={value} focus={focus} mask={mask} placeholder={placeholder} />;
}

export function TextView({
  value,
  focus,
  mask,
  placeholder,
}: {
  value: string;
  focus: boolean;
  mask?: boolean;
  placeholder?: string;
}) {
  const theme = useTheme();
  const shown = mask ? '•'.repeat(Array.from(value).length) : toDisplay(value);
  if (!shown && placeholder)
    return (
      <Text {...tone(theme, 'muted')}>
        {placeholder}
        {focus ? '▏' : ''}
      </Text>
    );
  return (
    <Text {...tone(theme, 'text')}>
      {shown}
      {focus ? <Text {...tone(theme, 'accent')}>▏</Text> : null}
    </Text>
  );
}
