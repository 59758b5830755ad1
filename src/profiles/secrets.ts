// Turns a profile's PasswordSource into the password, at connect time only. Errors name
// the variable, file or profile involved and what to do; they never contain the secret.
import fs from 'node:fs';
import { KiB, readUserFile, UserFileError } from '../fs/user-files.js';
import { formatMode } from '../fs/xdg.js';
import { NeedsInputError, SecretSourceError } from './errors.js';
import { readFromKeyring } from './keyring.js';
import { NEEDS_INPUT_HINT, promptSecret } from './prompt.js';
import type { PasswordSource } from './schema.js';

export { NeedsInputError, PromptAbortedError, SecretSourceError } from './errors.js';
export { NEEDS_INPUT_HINT, promptSecret } from './prompt.js';

export interface ResolveContext {
  profileName?: string;
  /** False for headless commands: a `prompt` source then fails instead of waiting. */
  interactive: boolean;
  /** How to ask (the TUI's own password input); default: promptSecret on the terminal. */
  prompt?: (question: string) => Promise<string>;
  /** The prompt's wording; default `Password for profile "<name>": `. */
  question?: string;
  /** Non-fatal findings for the operator (a password file others can read) are pushed here. */
  warnings?: string[];
  /** Injected in tests; default: the OS keyring. */
  readKeyring?: (profileName: string) => Promise<string | undefined> | string | undefined;
}

const forProfile = (ctx: ResolveContext): string =>
  ctx.profileName ? ` (profile "${ctx.profileName}")` : '';

export async function resolvePassword(
  source: PasswordSource,
  ctx: ResolveContext,
): Promise<string | undefined> {
  switch (source.kind) {
    case 'none':
      return undefined;
    case 'plain':
      return source.value;
    case 'env': {
      const value = process.env[source.name];
      if (value === undefined) {
        throw new SecretSourceError(
          `environment variable ${source.name} is not set${forProfile(ctx)}: export it, or use another password source`,
        );
      }
      if (value === '')
        throw new SecretSourceError(`environment variable ${source.name} is empty${forProfile(ctx)}`);
      return value;
    }
    case 'file':
      return readPasswordFile(source.path, ctx);
    case 'keyring': {
      if (!ctx.profileName) throw new SecretSourceError('a keyring password source needs a profile name');
      const value = await (ctx.readKeyring ?? readFromKeyring)(ctx.profileName);
      if (value === undefined) {
        throw new SecretSourceError(
          `no password for profile "${ctx.profileName}" in the keyring (a secret kept in the kernel keyring is lost at reboot): store it again, or use an env/file source`,
        );
      }
      return value;
    }
    case 'prompt': {
      const who = ctx.profileName ? `profile "${ctx.profileName}"` : 'this connection';
      if (!ctx.interactive) {
        throw new NeedsInputError(
          `a password is needed for ${who} and this command cannot ask for one: ${NEEDS_INPUT_HINT}`,
        );
      }
      const ask = ctx.prompt ?? ((q: string) => promptSecret(q));
      return ask(ctx.question ?? `Password for ${who}: `);
    }
  }
}

/** A password is short; 64 KiB also bounds /proc files that claim size 0 and read on. */
export const MAX_PASSWORD_FILE = 64 * KiB;

async function readPasswordFile(file: string, ctx: ResolveContext): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = readUserFile(file, { maxBytes: MAX_PASSWORD_FILE, noun: 'a password file' });
  } catch (err) {
    if (!(err instanceof UserFileError)) throw err;
    throw new SecretSourceError(`password file ${file}${forProfile(ctx)} ${err.reason}`);
  }
  let mode = 0;
  try {
    mode = fs.statSync(file).mode;
  } catch {
    // It was just read whole: a stat that fails now only loses the warning.
  }
  if ((mode & 0o077) !== 0) {
    ctx.warnings?.push(
      `password file ${file} is readable by group or others (mode ${formatMode(mode)}): run chmod 600 ${file}`,
    );
  }
  const text = bytes.toString('utf8');
  // One trailing newline is the editor's; anything more is the operator's business.
  const value = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  if (value === '') throw new SecretSourceError(`password file ${file}${forProfile(ctx)} is empty`);
  return value;
}
