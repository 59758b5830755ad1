// A pane is one folder exporting one spec; the registry lists them in tab order, and the
// keymap, palette, tabs, help and overlays all read the specs (nothing else names a pane).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PANES } from '../../src/state/app-state.js';
import type { Overlay } from '../../src/state/app-state.js';
import { BINDINGS } from '../../src/ui/keymap/bindings.js';
import { PANE_SPECS, paneByAlias } from '../../src/ui/panes/registry.js';

const PANES_DIR = 'src/ui/panes';

describe('the pane registry', () => {
  it('lists every pane once, in the tab order, each from its own folder', () => {
    expect(PANE_SPECS.map((p) => p.id)).toEqual([...PANES]);
    const registry = readFileSync(join(PANES_DIR, 'registry.tsx'), 'utf8');
    for (const p of PANE_SPECS) {
      expect(statSync(join(PANES_DIR, p.id, 'spec.tsx')).isFile()).toBe(true);
      expect(registry).toContain(`from './${p.id}/spec.js'`);
    }
  });

  it("holds each pane's own keys in its spec, scoped to it, and the keymap is built from them", () => {
    for (const p of PANE_SPECS) {
      for (const b of p.bindings) expect(b.scope).toBe(p.id);
      expect(BINDINGS.filter((b) => b.scope === p.id)).toEqual([...p.bindings]);
      expect(BINDINGS.find((b) => b.id === `pane.${p.id}`)?.description).toBe(`Go to ${p.title}`);
    }
  });

  it('gives every alias to one pane, the id always among them', () => {
    const all = PANE_SPECS.flatMap((p) => p.aliases);
    expect(new Set(all).size).toBe(all.length);
    for (const p of PANE_SPECS) {
      expect(p.aliases).toContain(p.id === 'acl-log' ? 'log' : p.id);
      for (const a of p.aliases) expect(paneByAlias(a)).toBe(p.id);
    }
  });

  it('lets one pane own each overlay kind', () => {
    const kinds = PANE_SPECS.flatMap((p) => Object.keys(p.overlays) as Overlay['kind'][]);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds.sort()).toEqual(['acl-drift', 'profile-form', 'rule-editor', 'user-password', 'user-test']);
  });

  it('names a headless twin for every built pane', () => {
    const twins = Object.fromEntries(PANE_SPECS.map((p) => [p.id, p.headless]));
    expect(twins).toEqual({
      users: 'acl',
      'acl-log': 'tail',
      clients: 'clients',
      audit: null,
      certs: null,
      incident: null,
      profiles: 'profiles',
    });
  });

  it('keeps placeholder text only for the panes not built yet', () => {
    const placeholderUsers = readdirSync(PANES_DIR).filter((d) => {
      const spec = join(PANES_DIR, d, 'spec.tsx');
      try {
        return readFileSync(spec, 'utf8').includes('placeholderSpec(');
      } catch {
        return false;
      }
    });
    expect(placeholderUsers.sort()).toEqual(['audit', 'certs', 'incident']);
    const placeholder = readFileSync(join(PANES_DIR, 'placeholder', 'placeholder-pane.tsx'), 'utf8');
    for (const built of ['users', 'acl-log', 'clients', 'profiles'])
      expect(placeholder).not.toContain(`${built}:`);
    expect(placeholder).not.toMatch(/ACL users: who can do what|Live CLIENT LIST|Live ACL LOG tail/);
  });
});
