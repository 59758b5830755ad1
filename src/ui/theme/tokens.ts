// Components ask for a meaning (danger, muted, selection), never for a colour, so a theme
// file or NO_COLOR can change every pane at once.

export const TOKENS = [
  'text',
  'muted',
  'accent',
  'danger',
  'warning',
  'ok',
  'border',
  'selection',
  'selectionText',
  'header',
] as const;

export type Token = (typeof TOKENS)[number];

/** A colour is an Ink/chalk foreground name or `#rrggbb`; undefined means the terminal default. */
export interface Theme {
  name: string;
  mono: boolean;
  colors: Record<Token, string | undefined>;
}

// Exactly the chalk foreground names: Ink also treats any other chalk property (`bold`,
// `reset`, ...) as a "colour", which a theme must not smuggle in.
export const COLOR_NAMES: ReadonlySet<string> = new Set([
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'gray',
  'grey',
  'blackBright',
  'redBright',
  'greenBright',
  'yellowBright',
  'blueBright',
  'magentaBright',
  'cyanBright',
  'whiteBright',
]);

export const isColor = (value: unknown): value is string =>
  typeof value === 'string' && (COLOR_NAMES.has(value) || /^#[0-9a-fA-F]{6}$/.test(value));

const noColors = Object.fromEntries(TOKENS.map((t) => [t, undefined])) as Record<Token, undefined>;

/** Built in, so NO_COLOR works even when the themes directory cannot be read. */
export const MONO_THEME: Theme = Object.freeze({
  name: 'mono',
  mono: true,
  colors: Object.freeze({ ...noColors }),
});
