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
  /** What the screen shows instead of the value (e.g. passwords inside a rule line masked). */
  shown?: (value: string) => string;
  /** Longer text shows only its end, so a paste cannot push the rest of the box off screen. */
  maxShown?: number;
}

export function TextInput({
  value,
  onChange,
  onSubmit,
  focus,
  mask,
  placeholder,
  maxLength,
  shown,
  maxShown,
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
  return (
    <TextView
      value={value}
      focus={focus}
      mask={mask}
      placeholder={placeholder}
      shown={shown}
      maxShown={maxShown}
    />
  );
}

/**
 * Shows `>secret` / `<secret` rules as `>•••`: a rule line may hold a password. `#hash` /
 * `!hash` too: a password's hash is as good as the password to an offline cracker.
 */
export const maskPasswordRules = (text: string): string =>
  text.replace(
    /(^|\s)([<>#!])(\S+)/g,
    (_m, sp: string, op: string, pw: string) => `${sp}${op}${'•'.repeat(Math.min(8, Array.from(pw).length))}`,
  );

export function TextView({
  value,
  focus,
  mask,
  placeholder,
  shown: transform,
  maxShown = 512,
}: {
  value: string;
  focus: boolean;
  mask?: boolean;
  placeholder?: string;
  shown?: (value: string) => string;
  maxShown?: number;
}) {
  const theme = useTheme();
  const length = Array.from(value).length;
  let shown = mask
    ? length > 32
      ? `${'•'.repeat(16)} (${length} characters)`
      : '•'.repeat(length)
    : toDisplay(transform ? transform(value) : value);
  if (shown.length > maxShown) shown = `…${shown.slice(-maxShown)}`;
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
