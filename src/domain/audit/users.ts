// Who the users are to the audit: admins (named by the operator), what each may run (ACL
// DRYRUN first, the rule text when DRYRUN could not be asked), and who can reach Lua. Pure.
import type { AuditContext, AuditUser, DryRun, NodeFacts } from './types.js';

/**
 * The admins: the names the operator gave (`--admin NAME`), else the user literally named
 * `admin` and the console's own user. `+@all ~*` alone does not make an admin: an app user
 * with it is exactly what the dangerous-commands check must flag.
 */
export function adminsOf(ctx: AuditContext): ReadonlySet<string> {
  const names = new Set(ctx.admins.length > 0 ? ctx.admins : ['admin']);
  if (ctx.consoleUser !== undefined) names.add(ctx.consoleUser);
  return names;
}

/** How a finding tells the operator to declare an admin. */
export const DECLARE_ADMIN = 'a user that should have them is declared an admin with `--admin NAME`';

export const enabledUsers = (users: readonly AuditUser[]): AuditUser[] => users.filter((u) => u.enabled);

/** The ACL file line shape of a user (hashes already masked in `rules`). */
export const ruleLine = (u: AuditUser): string => `user ${u.name} ${u.rules}`;

const isAllowed = (d: DryRun | undefined): boolean => d === 'allowed';

/** The probed commands a user's DRYRUN answered "allowed" for, in probe order. */
export function allowedProbes(dry: Record<string, DryRun> | undefined): string[] {
  return dry ? Object.keys(dry).filter((k) => isAllowed(dry[k])) : [];
}

/** A probe answered "command not found": the command was renamed or removed (rename-command). */
export function renamedProbes(dry: Record<string, DryRun> | undefined): string[] {
  if (!dry) return [];
  return Object.keys(dry).filter((k) => {
    const d = dry[k];
    // `ERR Command 'CONFIG' not found` (DRYRUN of a renamed command), not `ERR User 'x' not found`.
    return (
      typeof d === 'object' && 'error' in d && /Command '[^']*' not found|unknown command/i.test(d.error)
    );
  });
}

/** The rule tokens that reach Lua (EVAL, EVALSHA, SCRIPT, FUNCTION, FCALL and their _RO forms). */
const SCRIPTING =
  /^[+-](@scripting|@all|eval|evalsha|eval_ro|evalsha_ro|script|function|fcall|fcall_ro)(\|.*)?$/i;

/**
 * From the rule text alone, can the user run Lua? The last rule that touches scripting wins
 * (Redis applies rules in order); `allcommands`/`nocommands` count as `+@all`/`-@all`.
 * Undefined when no rule touches it (then the user cannot: users start from `-@all`).
 */
export function rulesAllowScripting(commands: string): boolean {
  let allowed = false;
  for (const raw of commands.split(/\s+/)) {
    const token = raw === 'allcommands' ? '+@all' : raw === 'nocommands' ? '-@all' : raw;
    if (SCRIPTING.test(token)) allowed = token.startsWith('+');
  }
  return allowed;
}

/**
 * Can this user run Lua on the node: DRYRUN of EVAL when it was asked, else the rule text.
 * A user whose DRYRUN answered for EVAL is judged by the server's own answer.
 */
export function canScript(facts: NodeFacts, user: AuditUser): boolean {
  const dry = facts.dryrun.ok ? facts.dryrun.value[user.name] : undefined;
  // Filed under `EVAL` (probeKey); a reader that kept the arguments (`EVAL return 1`) works too.
  const eval_ = dry?.EVAL ?? Object.entries(dry ?? {}).find(([k]) => k.split(' ')[0] === 'EVAL')?.[1];
  if (eval_ === 'allowed') return true;
  // Denied by DRYRUN: EVAL is out, but FUNCTION/FCALL may still be granted one by one.
  if (eval_ !== undefined && typeof eval_ === 'object' && 'denied' in eval_)
    return /\+(fcall|function)/i.test(user.commands);
  return rulesAllowScripting(user.commands);
}

/** Has every channel: `&*` or `allchannels` (channels carried without their `&`). */
export const hasAllChannels = (u: AuditUser): boolean =>
  u.channels.some((c) => c === '*' || c === '&*') || /(^|\s)allchannels(\s|$)/.test(u.rules);
