// Each bundle patch (scripts/bundle-options.mjs) rewrites one file of a dependency. A patch
// whose file was renamed or moved must fail the build, not ship the dependency unpatched; and
// the fast string-width stands in for Ink's measuring only, not for every importer.
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build helper, no types
import { bundleOptions, patchSource, patchTargets } from '../../scripts/bundle-options.mjs';

interface Target {
  name: string;
  pkg: string;
  file: string;
}
type Plugin = NonNullable<Parameters<typeof build>[0]['plugins']>[number];
const targets = patchTargets as Target[];
const patch = patchSource as (name: string, pkg: string, file: string, edits: [string, string][]) => Plugin;

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rw-patch-targets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A project with one dependency `fake` whose index imports `./inner.js`. */
function project(name: string): string {
  const at = join(dir, name);
  mkdirSync(join(at, 'node_modules', 'fake'), { recursive: true });
  writeFileSync(join(at, 'node_modules', 'fake', 'package.json'), '{"name":"fake","main":"index.js"}');
  writeFileSync(join(at, 'node_modules', 'fake', 'index.js'), "export { value } from './inner.js';\n");
  writeFileSync(join(at, 'node_modules', 'fake', 'inner.js'), "export const value = 'unpatched';\n");
  writeFileSync(join(at, 'main.js'), "import { value } from 'fake';\nconsole.log(value);\n");
  return at;
}

const bundle = (at: string, plugin: Plugin) =>
  build({
    absWorkingDir: at,
    entryPoints: ['main.js'],
    bundle: true,
    write: false,
    logLevel: 'silent',
    plugins: [plugin],
  });

describe('bundle patches', () => {
  it('every declared patch target exists in the installed dependencies', () => {
    expect(targets.length).toBeGreaterThan(0);
    const missing = targets.filter((t) => !existsSync(join(root, 'node_modules', t.pkg, t.file)));
    expect(missing, 'a patched file was renamed or removed: update scripts/bundle-options.mjs').toEqual([]);
  });

  it('every patched package is pinned to the exact version installed (a new version may move the file)', () => {
    const deps = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    ).dependencies;
    for (const pkg of new Set(targets.map((t) => t.pkg))) {
      const installed = (
        JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
      expect(deps[pkg], pkg).toBe(installed);
    }
  });

  it('a patch applies to its file', async () => {
    const r = await bundle(
      project('applies'),
      patch('p', 'fake', 'inner.js', [["'unpatched'", "'patched'"]]),
    );
    expect(r.outputFiles[0]!.text).toMatch(/["']patched["']/);
  });

  it('fails the build when the package is bundled but the patched file is not (renamed)', async () => {
    const at = project('renamed');
    await expect(
      bundle(at, patch('p', 'fake', 'old-name.js', [["'unpatched'", "'patched'"]])),
    ).rejects.toThrow(/p: fake is bundled but its old-name\.js was not: the patch did not apply/);
  });

  it('fails the build when the patched text changed', async () => {
    await expect(
      bundle(project('changed'), patch('p', 'fake', 'inner.js', [['no such text', 'x']])),
    ).rejects.toThrow(/p: .*inner\.js changed/);
  });
});

describe("the fast string-width is Ink's only", () => {
  const inputs = async (contents: string) => {
    const r = await build({
      ...(bundleOptions as object),
      stdin: { contents, resolveDir: root, loader: 'js' },
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return Object.keys(r.metafile.inputs).join('\n');
  };

  it('Ink measures with it; any other importer of string-width gets string-width itself', async () => {
    expect(await inputs("import 'ink';")).toMatch(/scripts\/string-width-fast\.mjs/);
    const own = await inputs("import w from 'string-width'; console.log(w('x'));");
    expect(own).not.toMatch(/string-width-fast/);
    expect(own).toMatch(/node_modules\/string-width\/index\.js/);
    expect(readFileSync(join(root, 'node_modules/string-width/index.js'), 'utf8')).toContain('stringWidth');
  }, 30_000);
});
