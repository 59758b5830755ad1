import { TOKENS, isColor } from './tokens.js';
import type { Theme, Token } from './tokens.js';

const TOP_LEVEL = new Set(['name', 'description', 'colors']);

/** A theme file that failed to load; `problems` lists every issue, not just the first. */
export class ThemeError extends Error {
  override readonly name = 'ThemeError';

  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid theme ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

function checkColors(colors: unknown, problems: string[]): Record<Token, string | undefined> {
  const out = {} as Record<Token, string | undefined>;
  if (typeof colors !== 'object' || colors === null || Array.isArray(colors)) {
    problems.push('"colors" must be an object with one entry per token');
    return out;
  }
  const entries = colors as Record<string, unknown>;
  for (const token of TOKENS) {
    if (!(token in entries)) {
      problems.push(`missing token "${token}" (use null for the terminal default)`);
      continue;
    }
    const value = entries[token];
    if (value === null) out[token] = undefined;
    else if (isColor(value)) out[token] = value;
    else problems.push(`token "${token}": bad colour ${show(value)} (a chalk colour name, #rrggbb or null)`);
  }
  const known = new Set<string>(TOKENS);
  for (const key of Object.keys(entries)) {
    if (!known.has(key)) problems.push(`unknown token "${key}" (known: ${TOKENS.join(', ')})`);
  }
  return out;
}

/** Checks parsed theme JSON; `expectedName` is the file's base name, which must match. */
export function validateTheme(data: unknown, file: string, expectedName: string): Theme {
  const problems: string[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ThemeError(file, ['the file must hold a JSON object']);
  }
  const obj = data as Record<string, unknown>;
  if (typeof obj.name !== 'string') problems.push('"name" must be a string');
  else if (obj.name !== expectedName)
    problems.push(`"name" is "${obj.name}" but the file is ${expectedName}.json`);
  if (obj.description !== undefined && typeof obj.description !== 'string') {
    problems.push('"description" must be a string');
  }
  for (const key of Object.keys(obj)) {
    if (!TOP_LEVEL.has(key)) problems.push(`unknown field "${key}"`);
  }
  const colors = checkColors(obj.colors, problems);
  if (problems.length > 0) throw new ThemeError(file, problems);
  // A theme with no colours at all is mono: attributes then carry the meaning.
  const mono = TOKENS.every((t) => colors[t] === undefined);
  return { name: expectedName, mono, colors };
}
