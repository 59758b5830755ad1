import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MiB, readUserFile, UserFileError } from '../../fs/user-files.js';
import { MONO_THEME } from './tokens.js';
import type { Theme } from './tokens.js';
import { ThemeError, validateTheme } from './validate.js';

export { ThemeError } from './validate.js';

const PACKAGE_NAME = 'redis-warden';
// Names become file names: no dots or slashes, so no path traversal.
const THEME_NAME = /^[a-z0-9-]{1,64}$/;
/** A theme is a few hundred bytes of JSON. */
const MAX_THEME_FILE = MiB;

function isPackageRoot(dir: string): boolean {
  const themes = join(dir, 'themes');
  if (!existsSync(themes) || !statSync(themes).isDirectory()) return false;
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return pkg.name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

let cachedDir: string | undefined;

/**
 * The shipped `themes/` directory. This module runs from src/ui/theme in tests and from
 * the esbuild bundle in dist/ in production, so walk up from wherever it is to the
 * package root instead of assuming a fixed depth.
 */
export function findThemesDir(from: string = import.meta.url): string {
  if (cachedDir !== undefined && from === import.meta.url) return cachedDir;
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (isPackageRoot(dir)) {
      const found = join(dir, 'themes');
      if (from === import.meta.url) cachedDir = found;
      return found;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`redis-warden: cannot find the themes directory above ${from}`);
    dir = parent;
  }
}

/** Theme names available in `dir` (the shipped themes by default), sorted. */
export function listThemes(opts: { dir?: string } = {}): string[] {
  const dir = opts.dir ?? findThemesDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((n) => THEME_NAME.test(n))
    .sort();
}

/**
 * Loads and validates `themes/<name>.json`. `noColor` (NO_COLOR set, or the caller's
 * choice) always yields the built-in mono theme, whatever `name` says.
 */
export function loadTheme(name: string, opts: { noColor?: boolean; dir?: string } = {}): Theme {
  if (opts.noColor === true) return MONO_THEME;
  if (!THEME_NAME.test(name)) {
    throw new ThemeError(String(name), [
      `theme names are lowercase letters, digits and "-" (got ${JSON.stringify(name)})`,
    ]);
  }
  const dir = opts.dir ?? findThemesDir();
  const file = join(dir, `${name}.json`);
  let text: string;
  try {
    text = readUserFile(file, { maxBytes: MAX_THEME_FILE, noun: 'a theme file' }).toString('utf8');
  } catch (err) {
    if (!(err instanceof UserFileError)) throw err;
    if (err.errno !== 'ENOENT') throw new ThemeError(file, [`cannot read: it ${err.reason}`]);
    let known = '';
    try {
      known = listThemes({ dir }).join(', ');
    } catch {
      // the directory itself is missing; say so through the file path
    }
    throw new ThemeError(file, [`no theme "${name}"${known ? ` (available: ${known})` : ''}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ThemeError(file, [`bad JSON: ${(err as Error).message}`]);
  }
  return validateTheme(data, file, name);
}
