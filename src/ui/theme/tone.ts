import type { BoxProps, TextProps } from 'ink';
import type { Theme, Token } from './tokens.js';

export type ToneProps = Pick<TextProps, 'color' | 'backgroundColor' | 'inverse' | 'bold' | 'dimColor'>;

// Without colour, meaning moves to attributes: the cursor row must stay visible and a
// danger must still stand out on a monochrome terminal.
const MONO_TONES: Partial<Record<Token, ToneProps>> = {
  selection: { inverse: true },
  selectionText: { inverse: true },
  danger: { bold: true },
  header: { bold: true },
  muted: { dimColor: true },
};

/** Props for Ink's `<Text>` that render `token` in `theme`. */
export function tone(theme: Theme, token: Token): ToneProps {
  if (theme.mono) return { ...MONO_TONES[token] };
  if (token === 'selection') {
    const background = theme.colors.selection;
    // A theme that leaves the selection at the terminal default would hide the cursor row.
    return background === undefined
      ? { inverse: true }
      : { backgroundColor: background, color: theme.colors.selectionText };
  }
  return { color: theme.colors[token] };
}

/** Props for an Ink `<Box>` border in `theme`. */
export function borderTone(theme: Theme): Pick<BoxProps, 'borderColor' | 'borderDimColor'> {
  return theme.mono ? { borderDimColor: true } : { borderColor: theme.colors.border };
}
