import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { findThemesDir, listThemes, loadTheme, ThemeError } from '../../src/ui/theme/load.js';
import { ThemedText, ThemeProvider, useTheme } from '../../src/ui/theme/context.js';
import { borderTone, tone } from '../../src/ui/theme/tone.js';
import { COLOR_NAMES, MONO_THEME, TOKENS } from '../../src/ui/theme/tokens.js';
import type { Theme } from '../../src/ui/theme/tokens.js';

const SHIPPED = ['default', 'high-contrast', 'light', 'mono', 'production'];

const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ThemeError);
    return (err as ThemeError).problems;
  }
  throw new Error('expected a ThemeError');
};

describe('shipped themes', () => {
  it('are all listed and all validate', () => {
    expect(listThemes()).toEqual(SHIPPED);
    for (const name of SHIPPED) {
      const theme = loadTheme(name);
      expect(theme.name).toBe(name);
      expect(Object.keys(theme.colors).sort()).toEqual([...TOKENS].sort());
    }
  });

  it('mono has no colour and is flagged mono; the others are not', () => {
    expect(loadTheme('mono').mono).toBe(true);
    expect(Object.values(loadTheme('mono').colors).every((c) => c === undefined)).toBe(true);
    for (const name of SHIPPED.filter((n) => n !== 'mono')) expect(loadTheme(name).mono).toBe(false);
  });

  it('production is default with a red accent', () => {
    expect(loadTheme('production').colors.accent).toBe('red');
    expect(loadTheme('default').colors.accent).not.toBe('red');
  });

  it('every colour is a chalk foreground name or #rrggbb', () => {
    for (const name of SHIPPED) {
      for (const c of Object.values(loadTheme(name).colors)) {
        if (c !== undefined) expect(COLOR_NAMES.has(c) || /^#[0-9a-f]{6}$/i.test(c)).toBe(true);
      }
    }
  });

  it('findThemesDir walks up to the package root from src/ and from a bundle in dist/', () => {
    const dir = findThemesDir();
    expect(readFileSync(join(dir, 'default.json'), 'utf8')).toContain('"colors"');
    const fromDist = findThemesDir(pathToFileURL(join(dir, '..', 'dist', 'cli.cjs')).href);
    expect(fromDist).toBe(dir);
  });
});

describe('NO_COLOR and mono', () => {
  it('noColor gives the mono theme whatever was asked for', () => {
    const theme = loadTheme('production', { noColor: true });
    expect(theme.mono).toBe(true);
    expect(theme.name).toBe('mono');
    expect(Object.values(theme.colors).every((c) => c === undefined)).toBe(true);
  });

  it('noColor does not need a readable themes directory', () => {
    expect(loadTheme('default', { noColor: true, dir: '/nonexistent/themes' })).toBe(MONO_THEME);
  });
});

describe('broken themes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'redis-warden-themes-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, body: unknown): void =>
    writeFileSync(join(dir, `${name}.json`), typeof body === 'string' ? body : JSON.stringify(body));

  it('lists every problem and names the file', () => {
    write('bad', {
      name: 'bad',
      colours: {},
      colors: {
        text: 'purple',
        muted: 'gray',
        accent: 42,
        danger: 'bold',
        warning: '#12345',
        ok: '#00ff00',
        border: null,
        selection: 'blue',
        header: 'cyan',
        shiny: 'red',
      },
    });
    let error: unknown;
    try {
      loadTheme('bad', { dir });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ThemeError);
    const { problems, file, message } = error as ThemeError;
    expect(file).toBe(join(dir, 'bad.json'));
    expect(message).toContain(join(dir, 'bad.json'));
    const all = problems.join('\n');
    expect(all).toMatch(/unknown field "colours"/);
    expect(all).toMatch(/missing token "selectionText"/);
    expect(all).toMatch(/unknown token "shiny"/);
    expect(all).toMatch(/"text": bad colour "purple"/);
    expect(all).toMatch(/"accent": bad colour 42/);
    expect(all).toMatch(/"danger": bad colour "bold"/); // a chalk modifier, not a colour
    expect(all).toMatch(/"warning": bad colour "#12345"/);
    expect(problems).toHaveLength(7);
  });

  it('reports bad JSON, a non-object, a missing colors block and a name mismatch', () => {
    write('syntax', '{ "name": "syntax", ');
    expect(problemsOf(() => loadTheme('syntax', { dir }))[0]).toMatch(/^bad JSON/);
    write('array', [1, 2]);
    expect(problemsOf(() => loadTheme('array', { dir }))).toEqual(['the file must hold a JSON object']);
    write('nocolors', { name: 'nocolors' });
    expect(problemsOf(() => loadTheme('nocolors', { dir }))).toEqual([
      '"colors" must be an object with one entry per token',
    ]);
    write('renamed', { name: 'other', colors: Object.fromEntries(TOKENS.map((t) => [t, null])) });
    expect(problemsOf(() => loadTheme('renamed', { dir }))[0]).toMatch(/"name" is "other"/);
  });

  it('says which themes exist when the name is unknown', () => {
    write('one', { name: 'one', colors: Object.fromEntries(TOKENS.map((t) => [t, 'red'])) });
    expect(problemsOf(() => loadTheme('two', { dir }))[0]).toBe('no theme "two" (available: one)');
    expect(loadTheme('one', { dir }).colors.text).toBe('red');
  });

  it('reads only a regular theme file of at most 1 MiB', () => {
    writeFileSync(join(dir, 'huge.json'), '');
    truncateSync(join(dir, 'huge.json'), 2 * 1024 * 1024);
    expect(problemsOf(() => loadTheme('huge', { dir }))).toEqual([
      'cannot read: it is 2.0 MiB: larger than the 1.0 MiB a theme file may be',
    ]);
    mkdirSync(join(dir, 'folder.json'));
    expect(problemsOf(() => loadTheme('folder', { dir }))).toEqual(['cannot read: it is a directory']);
  });

  it('rejects names that could leave the themes directory', () => {
    mkdirSync(join(dir, 'sub'));
    write('sub/evil', { name: 'evil', colors: {} });
    for (const name of [
      '../default',
      '..',
      'sub/evil',
      '/etc/passwd',
      'a.json',
      'Default',
      '',
      'a\0b',
      'x'.repeat(65),
    ]) {
      expect(problemsOf(() => loadTheme(name, { dir }))[0]).toMatch(/theme names are/);
    }
  });
});

describe('tone', () => {
  const colour: Theme = loadTheme('default');

  it('maps tokens to colours', () => {
    expect(tone(colour, 'danger')).toEqual({ color: 'red' });
    expect(tone(colour, 'selection')).toEqual({ backgroundColor: 'blue', color: 'whiteBright' });
    expect(borderTone(colour)).toEqual({ borderColor: 'gray' });
  });

  it('keeps the selection visible when a theme leaves it at the terminal default', () => {
    const theme: Theme = { ...colour, colors: { ...colour.colors, selection: undefined } };
    expect(tone(theme, 'selection')).toEqual({ inverse: true });
  });

  it('carries meaning with attributes in mono', () => {
    expect(tone(MONO_THEME, 'selection')).toEqual({ inverse: true });
    expect(tone(MONO_THEME, 'danger')).toEqual({ bold: true });
    expect(tone(MONO_THEME, 'muted')).toEqual({ dimColor: true });
    expect(tone(MONO_THEME, 'text')).toEqual({});
    expect(borderTone(MONO_THEME)).toEqual({ borderDimColor: true });
    for (const token of TOKENS) expect(tone(MONO_THEME, token).color).toBeUndefined();
  });
});

describe('ThemeProvider', () => {
  it('provides the theme to useTheme and ThemedText', () => {
    let seen: Theme | undefined;
    const Probe = () => {
      seen = useTheme();
      return createElement(ThemedText, { token: 'danger' }, 'careful');
    };
    const theme = loadTheme('production');
    const { lastFrame, unmount } = render(createElement(ThemeProvider, { theme }, createElement(Probe)));
    expect(lastFrame()).toContain('careful');
    expect(seen).toBe(theme);
    unmount();
  });

  it('falls back to mono without a provider', () => {
    let seen: Theme | undefined;
    const Probe = () => {
      seen = useTheme();
      return null;
    };
    render(createElement(Probe)).unmount();
    expect(seen).toBe(MONO_THEME);
  });
});
