// Every runtime dependency is used by the code, except the one the README says is kept for
// the small static tables to come (and says why).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Kept unused on purpose, each with the README's reason. */
const KEPT_FOR_LATER = ['@alcalzone/ink-table'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|mjs|js|cjs)$/.test(name) ? [p] : [];
  });
}

describe('dependencies', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
  const code = [...files('src'), ...files('scripts'), ...files('bin')]
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const imported = (name: string) =>
    code.includes(`'${name}'`) || code.includes(`'${name}/`) || code.includes(`"${name}"`);

  it('are each imported by src, scripts or bin, or kept by name with the README saying why', () => {
    const unused = Object.keys(pkg.dependencies).filter((d) => !imported(d) && !KEPT_FOR_LATER.includes(d));
    expect(unused).toEqual([]);
    const readme = readFileSync('README.md', 'utf8');
    for (const d of KEPT_FOR_LATER) {
      expect(Object.keys(pkg.dependencies)).toContain(d);
      expect(readme).toContain(`\`${d}\``);
    }
  });

  it('do not include @inkjs/ui, which nothing uses', () => {
    expect(Object.keys(pkg.dependencies)).not.toContain('@inkjs/ui');
  });
});
