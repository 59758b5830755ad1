// Corrupt, old and future profile files: backed up and reported, migrated, or refused.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateToV1, PROFILES_FILE_VERSION } from '../../src/profiles/migrations.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { modeOf, useTempXdg } from './helpers.js';

describe('profile file recovery and migration', () => {
  const xdg = useTempXdg();
  const dir = (): string => path.join(xdg.current().config, 'redis-warden');
  const file = (): string => path.join(dir(), 'profiles.json');
  const seed = (content: string): void => {
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(file(), content, { mode: 0o600 });
  };
  const backups = (): string[] => fs.readdirSync(dir()).filter((f) => f.startsWith('profiles.json.corrupt-'));

  const expectQuarantined = (original: string, warnings: string[], reason: RegExp): void => {
    const [backup, ...more] = backups();
    expect(more).toEqual([]);
    expect(backup).toMatch(/^profiles\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const backupPath = path.join(dir(), backup ?? '');
    expect(fs.readFileSync(backupPath, 'utf8')).toBe(original);
    expect(modeOf(backupPath)).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(backupPath);
    expect(warnings[0]).toMatch(reason);
    expect(warnings[0]).toMatch(/starts with no profiles/);
  };

  it('one invalid profile is set aside; the valid ones and the default are kept; the original is backed up', () => {
    const original = JSON.stringify({
      profiles: {
        good: { name: 'good', port: 6380, password: { kind: 'none' } },
        bad: { name: 'bad', port: 99999, password: { kind: 'none' } },
      },
      defaultProfile: 'good',
    });
    seed(original);
    const { store, warnings } = openProfileStore();
    expect(store.list().map((p) => p.name)).toEqual(['good']);
    expect(store.getDefault()?.name).toBe('good');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/valid profiles were kept; set aside: bad\./);
    expect(fs.readFileSync(path.join(dir(), backups()[0] ?? ''), 'utf8')).toBe(original);
  });

  it('a hostile name or key in the file is shown escaped in the warnings, never raw', () => {
    const evil = 'ev\u202eil\u009b[2J\x1b]52;c;aGk=\x07';
    seed(
      JSON.stringify({
        profiles: {
          good: { name: 'good', port: 6380, password: { kind: 'none' }, ['x\u202e']: 1 },
          [evil]: { name: evil, port: 6380, password: { kind: 'none' } },
          ok: { name: 'ok', port: 6380, password: { kind: 'none' } },
        },
        ['top\u2066']: true,
        defaultProfile: 'ok',
      }),
    );
    const { warnings } = openProfileStore();
    expect(warnings.join('\n')).not.toMatch(/[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(warnings.join('\n')).toContain('"ev\\u202eil\\u009b[2J\\x1b]52;c;aGk=\\x07"');
    expect(warnings.join('\n')).toContain(', ev\\u202eil\\u009b[2J\\x1b]52;c;aGk=\\x07.');
    expect(warnings.join('\n')).toContain('unknown field "x\\u202e"');
    expect(warnings.join('\n')).toContain('unknown top-level field "top\\u2066"');
  });

  it('backs up bad JSON, reports it, and starts usable and empty', () => {
    const original =
      '{"profiles": {"a": {"name": "a", "password": {"kind": "plain", "value": "pw-in-broken-file"';
    seed(original);
    const { store, warnings } = openProfileStore();
    expectQuarantined(original, warnings, /is not valid JSON/);
    expect(warnings[0]).not.toContain('pw-in-broken-file');
    expect(store.list()).toEqual([]);
    store.add({ name: 'fresh', password: { kind: 'none' } });
    expect(
      openProfileStore()
        .store.list()
        .map((p) => p.name),
    ).toEqual(['fresh']);
    expect(modeOf(file())).toBe(0o600);
  });

  it('backs up a file that fails validation, naming the problems but no values', () => {
    const original = JSON.stringify({
      profiles: {
        a: { name: 'a', port: 70000, password: { kind: 'none' } },
        b: { name: 'b', password: { kind: 'plain', value: '' }, uri: 'redis://:in-uri-secret@h' },
      },
      __internal__: { migrations: { version: PROFILES_FILE_VERSION } },
    });
    seed(original);
    const { store, warnings } = openProfileStore();
    expectQuarantined(original, warnings, /failed validation \(profiles\["a"\]: port must be/);
    expect(warnings[0]).not.toContain('in-uri-secret');
    expect(store.list()).toEqual([]);
  });

  it('backs up a file that is JSON but not an object instead of silently emptying it', () => {
    seed('[1, 2, 3]');
    const { warnings } = openProfileStore();
    expectQuarantined('[1, 2, 3]', warnings, /does not hold a JSON object/);
  });

  it('migrates an unversioned, hand-written file', () => {
    seed(
      JSON.stringify({
        profiles: [
          { name: 'prod', host: 'redis.internal', port: 6380, password: 'env:PROD_REDIS_PW' },
          { name: 'stage', host: 'stage', password: 'file:/run/secrets/stage' },
          { name: 'dev', host: 'localhost' },
          { name: 'kr', socket: '/run/redis.sock', password: 'keyring' },
        ],
        default: 'prod',
      }),
    );
    const { store, warnings } = openProfileStore();
    expect(warnings).toEqual([]);
    expect(store.list().map((p) => [p.name, p.password])).toEqual([
      ['dev', { kind: 'none' }],
      ['kr', { kind: 'keyring' }],
      ['prod', { kind: 'env', name: 'PROD_REDIS_PW' }],
      ['stage', { kind: 'file', path: '/run/secrets/stage' }],
    ]);
    expect(store.getDefault()?.name).toBe('prod');
    const onDisk = JSON.parse(fs.readFileSync(file(), 'utf8')) as Record<string, unknown>;
    expect(onDisk).not.toHaveProperty('default');
    expect(onDisk.__internal__).toEqual({ migrations: { version: PROFILES_FILE_VERSION } });
    expect(modeOf(file())).toBe(0o600);
    expect(backups()).toEqual([]);
  });

  it('does not guess at a literal password in an old file: backs it up instead', () => {
    const original = JSON.stringify({
      profiles: [{ name: 'old', host: 'h', password: 'literal-old-secret' }],
    });
    seed(original);
    const { store, warnings } = openProfileStore();
    expectQuarantined(original, warnings, /password must be one of/);
    expect(warnings[0]).not.toContain('literal-old-secret');
    expect(fs.readFileSync(file(), 'utf8')).not.toContain('literal-old-secret');
    expect(store.list()).toEqual([]);
  });

  it('refuses a file written by a newer format instead of downgrading it', () => {
    const original = JSON.stringify({ profiles: {}, __internal__: { migrations: { version: '99.0.0' } } });
    seed(original);
    expect(() => openProfileStore()).toThrow(/written by a newer redis-warden \(format 99\.0\.0/);
    expect(fs.readFileSync(file(), 'utf8')).toBe(original);
  });

  it('clears a default that names a missing profile, with a warning', () => {
    seed(
      JSON.stringify({
        profiles: {},
        defaultProfile: 'gone',
        __internal__: { migrations: { version: '1.0.0' } },
      }),
    );
    const { store, warnings } = openProfileStore();
    expect(warnings).toEqual(['default profile "gone" does not exist any more; no default is set']);
    expect(store.getDefault()).toBeUndefined();
  });

  it('migrateToV1 is a no-op on current data', () => {
    const data = { profiles: { a: { name: 'a', password: { kind: 'prompt' } } }, defaultProfile: 'a' };
    expect(migrateToV1(data)).toEqual(data);
  });
});
