// Turns a profile's PasswordSource into the password, at connect time only. Errors name
// the variable, file or profile involved and what to do; they never contain the secret.
import fs from 'node:fs';
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

async function readPasswordFile(file: string, ctx: ResolveContext): Promise<string> {
  let handle: fs.promises.FileHandle;
  try {
    // O_NONBLOCK: a FIFO put where the file should be must not hang a headless run.
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable by you'
          : `cannot be opened (${code ?? 'error'})`;
    throw new SecretSourceError(`password file ${file}${forProfile(ctx)} ${why}`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile())
      throw new SecretSourceError(`password file ${file}${forProfile(ctx)} is not a regular file`);
    if ((st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(3, '0');
      ctx.warnings?.push(
        `password file ${file} is readable by group or others (mode 0${mode}): run chmod 600 ${file}`,
      );
    }
    const text = await handle.readFile('utf8');
    // One trailing newline is the editor's; anything more is the operator's business.
    const value = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
    if (value === '') throw new SecretSourceError(`password file ${file}${forProfile(ctx)} is empty`);
    return value;
  } finally {
    await handle.close();
  }
}
