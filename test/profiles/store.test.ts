import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/profiles/errors.js';
import { openProfileStore } from '../../src/profiles/store.js';
import type { Profile } from '../../src/profiles/schema.js';
import { modeOf, useTempXdg } from './helpers.js';

const prof = (name: string, extra: Partial<Profile> = {}): Profile => ({
  name,
  host: '127.0.0.1',
  port: 6379,
  password: { kind: 'none' },
  ...extra,
});

describe('profile store', () => {
  const xdg = useTempXdg();
  const file = (): string => path.join(xdg.current().config, 'redis-warden', 'profiles.json');

  it('adds, lists sorted, gets, removes', () => {
    const { store, warnings } = openProfileStore();
    expect(warnings).toEqual([]);
    expect(store.path).toBe(file());
    store.add(prof('zeta'));
    store.add(prof('alpha', { user: 'ops', tls: { enabled: true, cacert: '/etc/ca.pem' } }));
    store.add(prof('Mid.dle_1'));
    expect(store.list().map((p) => p.name)).toEqual(['Mid.dle_1', 'alpha', 'zeta']);
    expect(store.get('alpha')).toMatchObject({ user: 'ops', tls: { enabled: true } });
    expect(store.get('nope')).toBeUndefined();
    expect(store.remove('zeta').name).toBe('zeta');
    expect(store.list().map((p) => p.name)).toEqual(['Mid.dle_1', 'alpha']);
  });

  it('persists across opens and returns copies, not live objects', () => {
    openProfileStore().store.add(prof('a'));
    const { store } = openProfileStore();
    const got = store.get('a');
    if (got) got.port = 1;
    expect(store.get('a')?.port).toBe(6379);
  });

  it('refuses an existing name unless replace is asked', () => {
    const { store } = openProfileStore();
    store.add(prof('a'));
    expect(() => store.add(prof('a', { port: 7000 }))).toThrow(ProfileError);
    expect(() => store.add(prof('a', { port: 7000 }))).toThrow(/profile "a" already exists/);
    store.add(prof('a', { port: 7000 }), { replace: true });
    expect(store.get('a')?.port).toBe(7000);
  });

  it('gives clear errors for unknown names and invalid profiles', () => {
    const { store } = openProfileStore();
    expect(() => store.remove('ghost')).toThrow(/no profile named "ghost" \(there are no profiles yet\)/);
    store.add(prof('a'));
    expect(() => store.setDefault('ghost')).toThrow(/no profile named "ghost" \(known: a\)/);
    expect(() => store.add(prof('bad name'))).toThrow(/invalid profile "bad name": name must be/);
    expect(() => store.add(prof('p', { port: 70000 }))).toThrow(/port must be an integer from 1 to 65535/);
    expect(() => store.remove('../etc')).toThrow(/invalid profile name/);
  });

  it('treats Object.prototype names as ordinary profile names', () => {
    const { store } = openProfileStore();
    expect(store.get('constructor')).toBeUndefined();
    expect(store.get('toString')).toBeUndefined();
    expect(() => store.remove('hasOwnProperty')).toThrow(/no profile named/);
    store.add(prof('constructor'));
    expect(store.get('constructor')?.name).toBe('constructor');
    expect(store.list().map((p) => p.name)).toEqual(['constructor']);
  });

  it('keeps a default profile; removing it clears the default', () => {
    const { store } = openProfileStore();
    store.add(prof('a'));
    store.add(prof('b'));
    expect(store.getDefault()).toBeUndefined();
    store.setDefault('b');
    expect(store.getDefault()?.name).toBe('b');
    expect(openProfileStore().store.getDefault()?.name).toBe('b');
    store.remove('a');
    expect(store.getDefault()?.name).toBe('b');
    store.remove('b');
    expect(store.getDefault()).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).not.toHaveProperty('defaultProfile');
  });

  it('writes the file 0600 in a 0700 directory, after every write', () => {
    const { store } = openProfileStore();
    store.add(prof('a'));
    expect(modeOf(file())).toBe(0o600);
    expect(modeOf(path.dirname(file()))).toBe(0o700);
    store.setDefault('a');
    store.remove('a');
    expect(modeOf(file())).toBe(0o600);
    fs.rmSync(path.dirname(file()), { recursive: true });
    store.add(prof('b'));
    expect(modeOf(path.dirname(file()))).toBe(0o700);
    expect(modeOf(file())).toBe(0o600);
  });

  it('tightens an existing file that others can read and reports it', () => {
    openProfileStore().store.add(prof('a'));
    fs.chmodSync(file(), 0o644);
    const { store, warnings } = openProfileStore();
    expect(modeOf(file())).toBe(0o600);
    expect(warnings).toEqual([`${file()} was mode 0644 (readable by others); tightened to 0600`]);
    expect(store.get('a')).toBeDefined();
  });

  it('never writes a secret for env, file, keyring and prompt sources', () => {
    process.env.RW_TEST_PW = 'env-secret-value-1';
    const pwFile = path.join(xdg.current().root, 'pw');
    fs.writeFileSync(pwFile, 'file-secret-value-2\n', { mode: 0o600 });
    const { store } = openProfileStore();
    store.add(prof('e', { password: { kind: 'env', name: 'RW_TEST_PW' } }));
    store.add(prof('f', { password: { kind: 'file', path: pwFile } }));
    store.add(prof('k', { password: { kind: 'keyring' } }));
    store.add(prof('p', { password: { kind: 'prompt' } }));
    // A secret riding along under an extra field, or inside the URI, is refused.
    const sneaky = {
      ...prof('s'),
      password: { kind: 'env', name: 'X', value: 'sneaky-secret-3' },
    } as unknown as Profile;
    expect(() => store.add(sneaky)).toThrow(/unknown field password\."value"/);
    expect(() => store.add(prof('u', { uri: 'redis://:uri-secret-4@h:6379' }))).toThrow(
      /must not carry credentials/,
    );
    expect(() => store.add(prof('v', { uri: 'redis://uri-secret-5@h' }))).toThrow(
      /must not carry credentials/,
    );
    const text = fs.readFileSync(file(), 'utf8');
    for (const s of [
      'env-secret-value-1',
      'file-secret-value-2',
      'sneaky-secret-3',
      'uri-secret-4',
      'uri-secret-5',
    ]) {
      expect(text).not.toContain(s);
    }
    expect(text).toContain('RW_TEST_PW');
    delete process.env.RW_TEST_PW;
  });

  it('stores a plain password only when the source says plain', () => {
    const { store } = openProfileStore();
    store.add(prof('plain', { password: { kind: 'plain', value: 'explicit-plain' } }));
    expect(fs.readFileSync(file(), 'utf8')).toContain('explicit-plain');
    expect(modeOf(file())).toBe(0o600);
  });

  it('reports a file changed on disk into something invalid', () => {
    const { store } = openProfileStore();
    store.add(prof('a'));
    fs.writeFileSync(
      file(),
      JSON.stringify({ profiles: { a: { name: 'a', port: 'x', password: { kind: 'none' } } } }),
    );
    expect(() => store.list()).toThrow(/was changed on disk and is no longer valid/);
    fs.writeFileSync(file(), '{oops');
    expect(() => store.list()).toThrow(/cannot read .*: it is not valid JSON/);
  });
});
