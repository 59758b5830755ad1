// A pane is one folder exporting one spec; the registry lists them in tab order, and the
// keymap, palette, tabs, help and overlays all read the specs (nothing else names a pane).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { BINDINGS } from '../../src/ui/keymap/bindings.js';
import { PANE_ORDER, PANE_SPECS, paneByAlias, paneRegistry } from '../../src/ui/panes/registry.js';
import { paneOverlayOf } from '../../src/ui/panes/spec.js';
import type { OverlaySize, PaneSpec } from '../../src/ui/panes/spec.js';

const PANES_DIR = 'src/ui/panes';

describe('the pane registry', () => {
  it('lists every pane once, in the tab order, each from its own folder', () => {
    expect(PANE_ORDER).toEqual(['users', 'acl-log', 'clients', 'audit', 'certs', 'incident', 'profiles']);
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

  it("holds each pane's overlays in its own spec", () => {
    const views = Object.fromEntries(PANE_SPECS.map((p) => [p.id, Object.keys(p.overlays).sort()]));
    expect(views).toMatchObject({
      users: ['acl-drift', 'rule-editor', 'user-password', 'user-test'],
      profiles: ['profile-form'],
      certs: ['inspect-path', 'wizard'],
      'acl-log': [],
      clients: [],
    });
  });

  it('names a headless twin for every built pane', () => {
    const twins = Object.fromEntries(PANE_SPECS.map((p) => [p.id, p.headless]));
    expect(twins).toEqual({
      users: 'acl',
      'acl-log': 'tail',
      clients: 'clients',
      audit: 'audit',
      certs: 'certs',
      incident: 'incident',
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
    expect(placeholderUsers.sort()).toEqual([]);
    const placeholder = readFileSync(join(PANES_DIR, 'placeholder', 'placeholder-pane.tsx'), 'utf8');
    for (const built of ['users', 'acl-log', 'clients', 'audit', 'incident', 'profiles'])
      expect(placeholder).not.toContain(`${built}:`);
    expect(placeholder).not.toMatch(/ACL users: who can do what|Live CLIENT LIST|Live ACL LOG tail/);
  });
});

// A pane that does not exist, in its own "folder": what adding a pane takes.
const HELLO_OVERLAYS = {
  greet: (p: { name: string }, { width }: OverlaySize) => <Text>{`hello ${p.name} in ${width}`}</Text>,
};
const fakePane: PaneSpec = {
  id: 'fake',
  title: 'Fake',
  aliases: ['fake', 'fk'],
  component: () => <Text>fake pane</Text>,
  bindings: [],
  overlays: HELLO_OVERLAYS,
  headless: null,
  list: false,
};

describe('adding a pane', () => {
  it('takes its spec and one line in the list: tabs, cycling, palette and its overlays follow', () => {
    const r = paneRegistry([...PANE_SPECS, fakePane]);
    expect(r.order).toEqual([...PANE_ORDER, 'fake']);
    expect(r.next('profiles', 1)).toBe('fake');
    expect(r.next('fake', 1)).toBe('users');
    expect(r.next('users', -1)).toBe('fake');
    expect(r.byAlias('fk')).toBe('fake');
    const open = paneOverlayOf<typeof HELLO_OVERLAYS>('fake');
    const drawn = r.overlay(open('greet', { name: 'op' }), { width: 80, height: 20, themes: [] });
    expect(render(<>{drawn}</>).lastFrame()).toBe('hello op in 80');
    // The shell's own overlays are not a pane's.
    expect(r.overlay({ kind: 'help' }, { width: 80, height: 20, themes: [] })).toBeUndefined();
  });

  it('follows the registry in the number keys and Tab order of the real console', () => {
    PANE_ORDER.forEach((id, i) =>
      expect(BINDINGS.find((b) => b.id === `pane.${id}`)?.keys).toEqual([String(i + 1)]),
    );
  });

  it('needs no other file: nothing outside the pane folders lists the panes or names their overlays', () => {
    const ids = PANE_SPECS.map((p) => p.id);
    const views = PANE_SPECS.flatMap((p) => Object.keys(p.overlays));
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const f = join(dir, n);
        return statSync(f).isDirectory() ? sources(f) : /\.tsx?$/.test(n) ? [f] : [];
      });
    const offenders: string[] = [];
    // Where a list of panes could live: the UI and the state (an evidence file named `clients`
    // in ops/, or a journal kind `incident`, is not a pane).
    for (const f of [...sources('src/ui'), ...sources('src/state')]) {
      if (relative(PANES_DIR, f).split('/')[0] !== '..') continue;
      const text = readFileSync(f, 'utf8');
      const named = ids.filter((id) => text.includes(`'${id}'`));
      // Two panes may link to each other (the ACL Log opens a user in Users); a list names more.
      if (named.length > 2) offenders.push(`${f}: ${named.join(', ')}`);
      for (const v of views) if (text.includes(`'${v}'`)) offenders.push(`${f}: overlay ${v}`);
    }
    expect(offenders).toEqual([]);
  });
});
