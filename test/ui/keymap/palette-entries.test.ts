// What the palette offers, pure: every key that works in the pane, found by what an operator
// types, greyed with the reason; and the pane names it and --pane take.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PANE_NEEDS } from '../../../src/domain/pane-needs.js';
import type { AccessResult } from '../../../src/domain/access.js';
import { BINDINGS } from '../../../src/ui/keymap/bindings.js';
import { deniedBy, KEY_NEEDS } from '../../../src/ui/keymap/denied.js';
import { keyInput, keyName } from '../../../src/ui/keymap/match.js';
import { paletteEntries, paletteMatches } from '../../../src/ui/keymap/palette-entries.js';
import type { PaletteContext } from '../../../src/ui/keymap/palette-entries.js';
import {
  openingPane,
  PANE_IDS,
  paneIdByName,
  paneNameProblem,
  paneNames,
} from '../../../src/ui/panes/names.js';
import { PANE_SPECS } from '../../../src/ui/panes/registry.js';

const ctx = (over: Partial<PaletteContext> = {}): PaletteContext => ({
  pane: 'users',
  readOnly: false,
  connected: true,
  ...over,
});
const ids = (q: string, c = ctx()) => paletteMatches(q, c).map((e) => e.binding.id);

describe('palette entries', () => {
  it("lists the pane's own keys first, then the panes, the global keys and the list keys", () => {
    for (const spec of PANE_SPECS) {
      const got = paletteEntries(ctx({ pane: spec.id })).map((e) => e.binding.id);
      const own = got.filter((id) => spec.bindings.some((b) => b.id === id));
      expect(got.slice(0, own.length)).toEqual(own);
      expect(got.slice(own.length, own.length + PANE_SPECS.length)).toEqual(
        PANE_SPECS.map((p) => `pane.${p.id}`),
      );
      expect(got).toContain('app.refresh');
      expect(got).toContain('app.quit');
      for (const b of spec.bindings) if (got.includes(b.id)) expect(b.scope).toBe(spec.id);
      expect(got).not.toContain('app.palette');
    }
    const users = ids('');
    for (const id of ['users.sort', 'users.reverse', 'users.save', 'users.new', 'list.filter'])
      expect(users).toContain(id);
  });

  it('offers a binding by the key a keypress reaches it with (the drift view s/S are not the list keys)', () => {
    const users = paletteEntries(ctx());
    expect(users.find((e) => e.binding.id === 'users.sort')?.key).toBe('s');
    expect(users.map((e) => e.binding.id)).not.toContain('drift.sync-user');
  });

  it(':s and :w find sort and save first; pane names find the pane', () => {
    expect(ids('s')[0]).toBe('users.sort');
    expect(ids('w')[0]).toBe('users.save');
    expect(ids('sav')[0]).toBe('users.save');
    expect(ids('sort')).toEqual(expect.arrayContaining(['users.sort', 'users.reverse']));
    expect(ids('s', ctx({ pane: 'clients' }))[0]).toBe('clients.sort');
    expect(ids('log')[0]).toBe('pane.acl-log');
    expect(ids(':clients', ctx({ pane: 'acl-log' }))[0]).toBe('pane.clients');
    expect(ids('refresh')[0]).toBe('app.refresh');
    expect(ids('nope')).toEqual([]);
  });

  it('greys what cannot run now, with the reason', () => {
    const reason = (c: PaletteContext, id: string) =>
      paletteEntries(c).find((e) => e.binding.id === id)?.disabled;
    expect(reason(ctx({ readOnly: true }), 'users.save')).toMatch(/read-only/);
    expect(reason(ctx({ readOnly: true }), 'users.sort')).toBeUndefined();
    expect(reason(ctx({ connected: false }), 'users.sort')).toBe('not connected');
    expect(reason(ctx({ connected: false }), 'app.refresh')).toBeUndefined();
    expect(reason(ctx({ pane: 'profiles', connected: false }), 'profiles.new')).toBeUndefined();
    expect(reason(ctx({ pane: 'certs', connected: false }), 'certs.check')).toBe('not connected');
  });

  it('greys a key the access report says no to, naming the grant', () => {
    const need = PANE_NEEDS.find((n) => n.what === KEY_NEEDS['users.delete'])!;
    const access: AccessResult = {
      user: 'weak',
      checked: [{ node: 'n1', user: 'weak', method: 'dryrun', items: [{ need, can: 'no' }] }],
      down: [],
    };
    const denied = deniedBy(access);
    const entries = paletteEntries(ctx({ denied }));
    expect(entries.find((e) => e.binding.id === 'users.delete')?.disabled).toBe(
      'no permission: weak needs +acl|deluser',
    );
    expect(entries.find((e) => e.binding.id === 'users.new')?.disabled).toBeUndefined();
  });

  it('names only needs and keys that exist', () => {
    for (const [id, what] of Object.entries(KEY_NEEDS)) {
      expect(BINDINGS.map((b) => b.id)).toContain(id);
      expect(PANE_NEEDS.map((n) => n.what)).toContain(what);
    }
  });
});

describe('keyInput', () => {
  it('is what keyName reads back, for every key in the table', () => {
    const keys = [...new Set(BINDINGS.flatMap((b) => b.keys))];
    fc.assert(
      fc.property(fc.constantFrom(...keys), (k) => {
        expect(keyName(...keyInput(k))).toBe(k);
      }),
    );
  });
});

describe('pane names and the opening pane', () => {
  it('lists the registry panes with their aliases', () => {
    expect([...PANE_IDS].sort()).toEqual(PANE_SPECS.map((p) => p.id).sort());
    for (const p of PANE_SPECS) {
      expect(paneNames(p.id)).toBe(p.aliases);
      for (const a of p.aliases) expect(paneIdByName(a)).toBe(p.id);
    }
    expect(paneIdByName('LOG')).toBe('acl-log');
    expect(paneNameProblem('nope', '--pane')).toMatch(
      /^--pane: no pane "nope" \(there are: users, acl, acl-log, log/,
    );
  });

  it('--pane, else the profile pane, else Users with something to connect to, else Profiles', () => {
    expect(openingPane({ target: true })).toBe('users');
    expect(openingPane({ target: false })).toBe('profiles');
    expect(openingPane({ profile: 'clients', target: true })).toBe('clients');
    expect(openingPane({ flag: 'audit', profile: 'clients', target: true })).toBe('audit');
  });
});
