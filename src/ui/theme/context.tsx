import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { Text } from 'ink';
import type { TextProps } from 'ink';
import { MONO_THEME } from './tokens.js';
import type { Theme, Token } from './tokens.js';
import { tone } from './tone.js';

// Mono by default: a component rendered without a provider (a test, a headless render)
// still gets a working theme and needs no file system.
const ThemeContext = createContext<Theme>(MONO_THEME);

export function ThemeProvider({ theme, children }: { theme: Theme; children?: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

export type ThemedTextProps = Omit<TextProps, 'color' | 'backgroundColor'> & { token: Token };

/** `<Text>` coloured by meaning: `<ThemedText token="danger">`. */
export function ThemedText({ token, ...rest }: ThemedTextProps) {
  const theme = useTheme();
  return <Text {...tone(theme, token)} {...rest} />;
}
