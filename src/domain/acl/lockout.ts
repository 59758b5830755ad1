// The self-lockout guard: a change that would cut the console (or everyone) off from
// administering the server is refused unless the operator types the user's name (TUI)
// or passes --allow-lockout (headless). Redis has no undo for this short of a restart
// with a known ACL file.
import { effectiveOfText } from './effective.js';
import type { AclUser, CommandUniverse } from './types.js';

/** What the console itself needs to keep managing users. */
export const CONSOLE_ACL_NEEDS = ['acl|setuser', 'acl|getuser', 'acl|list', 'acl|deluser'] as const;

// Redis allows a command when the root OR any selector allows it; the ACL subcommands take
// no key, so a selector's key patterns do not narrow them.
const ruleSets = (u: AclUser): string[] => [u.commands, ...u.selectors.map((s) => s.commands)];

const canRun = (u: AclUser, cmd: string, universe: CommandUniverse | undefined): boolean =>
  ruleSets(u).some((rules) =>
    universe ? effectiveOfText(rules, universe).allowed.has(cmd) : /\+@all\b|\+acl\b|allcommands/.test(rules),
  );

/** nopass, or at least one password: someone can still AUTH as this user. */
const canLogIn = (u: AclUser): boolean => u.nopass || u.passwords.length > 0;

const isFullAdmin = (u: AclUser, universe: CommandUniverse | undefined): boolean =>
  u.enabled &&
  canLogIn(u) &&
  ruleSets(u).some((rules) =>
    universe ? effectiveOfText(rules, universe).future : /(^|\s)\+@all\b|allcommands/.test(rules),
  );

/** Reasons the change from `before` to `after` locks someone out; empty when it does not. */
export function lockoutRisks(
  me: string | undefined,
  before: readonly AclUser[],
  after: readonly AclUser[],
  universe?: CommandUniverse,
): string[] {
  const risks: string[] = [];
  if (me) {
    const mine = after.find((u) => u.name === me);
    const wasMine = before.find((u) => u.name === me);
    if (wasMine && !mine) risks.push(`deletes "${me}", the user this console is logged in as`);
    else if (mine && wasMine?.enabled && !mine.enabled)
      risks.push(`disables "${me}", the user this console is logged in as`);
    // From nopass to resetpass counts too: the console's next AUTH would fail either way.
    else if (mine && wasMine && canLogIn(wasMine) && !canLogIn(mine))
      risks.push(`removes every password of "${me}", the user this console is logged in as`);
    if (mine && wasMine) {
      const lost = CONSOLE_ACL_NEEDS.filter(
        (c) => canRun(wasMine, c, universe) && !canRun(mine, c, universe),
      );
      if (lost.length) risks.push(`takes ${lost.join(', ')} away from "${me}", this console's own user`);
    }
  }
  // An admin nobody can log in as (no password, not nopass) administers nothing.
  const adminsBefore = before.filter((u) => isFullAdmin(u, universe)).length;
  const adminsAfter = after.filter((u) => isFullAdmin(u, universe)).length;
  if (adminsBefore > 0 && adminsAfter === 0)
    risks.push('leaves no enabled user with +@all: nobody could administer this server');
  return risks;
}
