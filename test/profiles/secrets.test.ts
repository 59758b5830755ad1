import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyringError, NeedsInputError, SecretSourceError } from '../../src/profiles/errors.js';
import { resolvePassword } from '../../src/profiles/secrets.js';
import { useTempXdg } from './helpers.js';

const headless = { interactive: false, profileName: 'prod' };

describe('resolvePassword', () => {
  const xdg = useTempXdg();
  const pwFile = (content: string, mode = 0o600): string => {
    const file = path.join(xdg.current().root, `pw-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(file, content, { mode });
    fs.chmodSync(file, mode);
    return file;
  };
  afterEach(() => {
    delete process.env.RW_SECRET_TEST;
  });

  it('none gives no password; plain gives its value', async () => {
    await expect(resolvePassword({ kind: 'none' }, headless)).resolves.toBeUndefined();
    await expect(resolvePassword({ kind: 'plain', value: 'p' }, headless)).resolves.toBe('p');
  });

  it('env reads the variable; unset or empty is an error naming it', async () => {
    process.env.RW_SECRET_TEST = 'from-env';
    await expect(resolvePassword({ kind: 'env', name: 'RW_SECRET_TEST' }, headless)).resolves.toBe(
      'from-env',
    );
    process.env.RW_SECRET_TEST = '';
    await expect(resolvePassword({ kind: 'env', name: 'RW_SECRET_TEST' }, headless)).rejects.toThrow(
      /RW_SECRET_TEST is empty/,
    );
    delete process.env.RW_SECRET_TEST;
    const err = await resolvePassword({ kind: 'env', name: 'RW_SECRET_TEST' }, headless).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SecretSourceError);
    expect((err as Error).message).toBe(
      'environment variable RW_SECRET_TEST is not set (profile "prod"): export it, or use another password source',
    );
  });

  it('file trims exactly one trailing newline', async () => {
    const cases: [string, string][] = [
      ['pw\n', 'pw'],
      ['pw\r\n', 'pw'],
      ['pw', 'pw'],
      ['pw\n\n', 'pw\n'],
      [' spaced pw \n', ' spaced pw '],
    ];
    for (const [content, expected] of cases) {
      await expect(resolvePassword({ kind: 'file', path: pwFile(content) }, headless)).resolves.toBe(
        expected,
      );
    }
  });

  it('file warns when group or others can read it, and not otherwise', async () => {
    const warnings: string[] = [];
    const loose = pwFile('pw\n', 0o640);
    await resolvePassword({ kind: 'file', path: loose }, { ...headless, warnings });
    await resolvePassword({ kind: 'file', path: pwFile('pw\n', 0o600) }, { ...headless, warnings });
    expect(warnings).toEqual([
      `password file ${loose} is readable by group or others (mode 0640): run chmod 600 ${loose}`,
    ]);
  });

  it('file errors name the file: missing, empty, a directory, a FIFO (without hanging)', async () => {
    const root = xdg.current().root;
    const missing = path.join(root, 'nope');
    await expect(resolvePassword({ kind: 'file', path: missing }, headless)).rejects.toThrow(
      `password file ${missing} (profile "prod") does not exist`,
    );
    await expect(resolvePassword({ kind: 'file', path: pwFile('\n') }, headless)).rejects.toThrow(/is empty/);
    await expect(resolvePassword({ kind: 'file', path: root }, headless)).rejects.toThrow(/is a directory/);
    const fifo = path.join(root, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(resolvePassword({ kind: 'file', path: fifo }, headless)).rejects.toThrow(
      /is not a regular file/,
    );
  });

  it('what it reports about a password file never contains the password', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 6, maxLength: 30 }).filter((s) => s.trim().length >= 6),
        async (secret) => {
          const file = pwFile(secret, 0o644);
          const warnings: string[] = [];
          await resolvePassword({ kind: 'file', path: file }, { ...headless, warnings });
          expect(warnings.join(' ')).not.toContain(secret);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('prompt asks through ctx.prompt when interactive', async () => {
    const asked: string[] = [];
    const prompt = (q: string) => {
      asked.push(q);
      return Promise.resolve('typed');
    };
    await expect(
      resolvePassword({ kind: 'prompt' }, { interactive: true, profileName: 'prod', prompt }),
    ).resolves.toBe('typed');
    await resolvePassword({ kind: 'prompt' }, { interactive: true, prompt, question: 'Custom? ' });
    expect(asked).toEqual(['Password for profile "prod": ', 'Custom? ']);
  });

  it('prompt fails fast when not interactive, saying what to set', async () => {
    const err = await resolvePassword({ kind: 'prompt' }, headless).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NeedsInputError);
    expect((err as Error).message).toBe(
      'a password is needed for profile "prod" and this command cannot ask for one: set REDISCLI_AUTH, use --pass, or give the profile a password source (env/file/keyring)',
    );
  });

  it('keyring reads by profile name; a missing secret or a missing keyring is a clear error', async () => {
    const readKeyring = (name: string) => Promise.resolve(name === 'prod' ? 'from-keyring' : undefined);
    await expect(resolvePassword({ kind: 'keyring' }, { ...headless, readKeyring })).resolves.toBe(
      'from-keyring',
    );
    await expect(
      resolvePassword({ kind: 'keyring' }, { ...headless, profileName: 'other', readKeyring }),
    ).rejects.toThrow(/no password for profile "other" in the keyring .*lost at reboot/);
    await expect(resolvePassword({ kind: 'keyring' }, { interactive: false, readKeyring })).rejects.toThrow(
      /needs a profile name/,
    );
    const unavailable = () =>
      Promise.reject(new KeyringError('could not read the secret of "prod": no usable keyring'));
    await expect(
      resolvePassword({ kind: 'keyring' }, { ...headless, readKeyring: unavailable }),
    ).rejects.toBeInstanceOf(KeyringError);
  });
});
