// One keystroke applied to a one-line text value. Pure, so every input shares it.
import type { Key } from 'ink';

/** The new value, or undefined when the key is not an edit (navigation, Enter, Esc...). */
export function editText(value: string, input: string, key: Key, maxLength = 16_384): string | undefined {
  if (key.backspace || key.delete) return Array.from(value).slice(0, -1).join('');
  if (key.ctrl && input === 'u') return '';
  if (
    key.ctrl ||
    key.meta ||
    key.escape ||
    key.tab ||
    key.return ||
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow ||
    key.pageUp ||
    key.pageDown
  )
    return undefined;
  if (!input) return undefined;
  // Pasted text may end with a newline; control bytes never belong in a field.
  const clean = input.replace(/[\r\n]+$/, '').replace(/[\x00-\x1f\x7f]/g, '');
  if (!clean) return undefined;
  return Array.from(value + clean)
    .slice(0, maxLength)
    .join('');
}
