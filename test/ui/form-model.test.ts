import { describe, expect, it } from 'vitest';
import { fromValues, profileFields, toValues } from '../../src/ui/panes/profiles/form-model.js';
import { PANE_IDS } from '../../src/ui/panes/names.js';
import type { Profile } from '../../src/profiles/schema.js';

describe('profile form model', () => {
  it('round-trips a profile', () => {
    const p: Profile = {
      name: 'prod',
      host: '10.0.0.5',
      port: 6380,
      user: 'admin',
      password: { kind: 'env', name: 'PROD_PW' },
      tls: { enabled: true, cacert: '/ca.crt', cert: '/c.crt', key: '/c.key' },
      cluster: true,
      readOnly: true,
      theme: 'production',
      notes: 'primary cache',
      expectedNetworks: ['10.0.0.0/8', 'fd00::/8'],
      pane: 'clients',
    };
    expect(fromValues(toValues(p), p)).toEqual({ profile: p });
  });
  it('expected networks: typed comma- or space-separated, each checked, cleared when emptied', () => {
    const base = { ...toValues(), name: 'a' };
    expect(
      fromValues({ ...base, expectedNetworks: ' 10.0.0.0/8,192.0.2.7  fd00::/8' }).profile,
    ).toMatchObject({
      expectedNetworks: ['10.0.0.0/8', '192.0.2.7', 'fd00::/8'],
    });
    expect(fromValues({ ...base, expectedNetworks: '10.0.0.0/8, 10.1/16' }).error).toMatch(
      /Expected nets: "10\.1\/16" is not an IP address or CIDR/,
    );
    const prev = { name: 'a', password: { kind: 'none' as const }, expectedNetworks: ['10.0.0.0/8'] };
    expect(fromValues({ ...base, expectedNetworks: '' }, prev).profile?.expectedNetworks).toBeUndefined();
  });
  it('shows a profile pane written as a palette name as its pane, and offers every pane', () => {
    expect(toValues({ name: 'a', password: { kind: 'none' }, pane: 'log' }).pane).toBe('acl-log');
    expect(toValues({ name: 'a', password: { kind: 'none' } }).pane).toBe('');
    const field = profileFields([]).find((f) => f.key === 'pane');
    expect(field?.choices).toEqual(['', ...PANE_IDS]);
  });
  it('explains bad input instead of saving it', () => {
    const base = toValues();
    expect(fromValues({ ...base, name: '../etc' }).error).toMatch(/Name/);
    expect(fromValues({ ...base, name: 'a', port: '99999' }).error).toMatch(/Port/);
    expect(fromValues({ ...base, name: 'a', passwordKind: 'env', passwordEnv: 'bad name' }).error).toMatch(
      /Variable/,
    );
    expect(fromValues({ ...base, name: 'a', tls: 'yes', cert: '/c' }).error).toMatch(/go together/);
  });
  it('a keyring password is handed back for the keyring, never put in the profile', () => {
    const r = fromValues({ ...toValues(), name: 'k', passwordKind: 'keyring', password: 'hunter2' });
    expect(r.keyringSecret).toBe('hunter2');
    expect(JSON.stringify(r.profile)).not.toContain('hunter2');
  });
});
