// The README's layering list is the code's: every import between the top-level folders of
// src/ points down that list (domain/ and fs/, the ground floor, import nothing of the project).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** `src/ui/app.tsx` -> `src/ui/`, `src/cli.ts` -> `src/cli.ts`. */
function layerOf(file: string): string {
  const parts = relative('src', file).split('/');
  return parts.length > 1 ? `src/${parts[0]}/` : `src/${parts[0]}`;
}

/** The README's list, top first: each step's `src/...` names (a step may name several). */
function readmeLayers(): string[][] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('The architecture, in short');
  const text = readme.slice(start, readme.indexOf('\n\n', start));
  return text
    .split('→')
    .map((step) => [...step.replace(/\([^()]*\)/g, '').matchAll(/`(src\/[^`]+)`/g)].map((m) => m[1]!));
}

describe('layering', () => {
  const layers = readmeLayers();
  const rank = new Map(layers.flatMap((names, i) => names.map((n) => [n, i] as const)));

  it('the README names every top-level part of src once', () => {
    const parts = readdirSync('src')
      .filter((n) => n !== 'shim.ts' && n !== 'version.ts')
      .map((n) => (statSync(join('src', n)).isDirectory() ? `src/${n}/` : `src/${n}`));
    expect([...rank.keys()].sort()).toEqual(parts.sort());
    expect(layers.at(-1)).toEqual(['src/domain/', 'src/fs/']);
  });

  it('every import points down the list', () => {
    const up: string[] = [];
    for (const file of sources('src')) {
      const from = layerOf(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from '(\.[^']+)'|import\('(\.[^']+)'\)/g)) {
        const to = layerOf(normalize(join(dirname(file), (m[1] ?? m[2])!)));
        if (to === from || !rank.has(to) || !rank.has(from)) continue;
        if (rank.get(to)! <= rank.get(from)!) up.push(`${file} imports ${to}`);
      }
    }
    expect(up).toEqual([]);
  });

  it('keeps generic XDG paths out of journal/', () => {
    for (const file of sources('src/journal'))
      expect(readFileSync(file, 'utf8')).not.toMatch(/XDG_|homedir\(/);
  });
});
