// What every command needs: the profile store, the journal, and a connection resolved
// from flags + profile. Headless commands never wait on a prompt without a terminal.
import { openJournal } from '../journal/journal.js';
import { openProfileStore } from '../profiles/store.js';
import { promptSecret } from '../profiles/prompt.js';
import { resolveConnection } from '../state/session.js';
import type { ResolvedConnection } from '../state/session.js';
import type { Profile } from '../profiles/schema.js';
import type { ProfileStore } from '../profiles/store.js';
import type { Journal } from '../journal/journal.js';
import { flagsToRequest } from './flags.js';
import type { ConnectionFlags } from './flags.js';
import { codeCacheWarning } from '../shim.js';

// One class: an operation's refusal (src/ops) is a command's usage error (exit 2).
import { InputError as UsageError } from '../ops/input-error.js';

export { UsageError };

export interface CommandContext {
  profiles: ProfileStore;
  journal: Journal;
  warn: (line: string) => void;
}

export function openContext(
  warn: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): CommandContext {
  const { store, warnings } = openProfileStore();
  for (const w of warnings) warn(w);
  const cacheWarning = codeCacheWarning();
  if (cacheWarning) warn(`Warning: ${cacheWarning}`);
  return { profiles: store, journal: openJournal(), warn };
}

/** --profile NAME; else the default profile unless an address was given; else flags alone. */
export function pickProfile(ctx: CommandContext, flags: ConnectionFlags): Profile | undefined {
  if (flags.profile) {
    const p = ctx.profiles.get(flags.profile);
    if (!p) throw new UsageError(`no profile named "${flags.profile}" (redis-warden profiles list)`);
    return p;
  }
  const addressGiven = flags.host ?? flags.port ?? flags.socket ?? flags.uri;
  return addressGiven ? undefined : ctx.profiles.getDefault();
}

export const interactive = () => Boolean(process.stdin.isTTY && process.stderr.isTTY);

/** The connection, and when a password prompt (if one was asked) was answered. */
export async function connectionFromFlags(
  ctx: CommandContext,
  flags: ConnectionFlags,
): Promise<ResolvedConnection & { promptedAt?: number }> {
  const req = flagsToRequest(flags);
  for (const w of req.warnings) ctx.warn(w);
  const profile = pickProfile(ctx, flags);
  const warnings: string[] = [];
  let promptedAt: number | undefined;
  const prompt = async (q: string) => {
    try {
      return await promptSecret(q);
    } finally {
      promptedAt = Date.now();
    }
  };
  const conn = await resolveConnection(
    {
      profile,
      override: req.override,
      password: req.password,
      askpass: req.askpass,
      readOnly: flags.readOnly,
      theme: flags.theme,
    },
    { interactive: interactive(), prompt, warnings },
  );
  for (const w of warnings) ctx.warn(w);
  return promptedAt === undefined ? conn : { ...conn, promptedAt };
}
