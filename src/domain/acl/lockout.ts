// The self-lockout guard: a change that would cut the console (or everyone) off from
// administering the server is refused unless the operator types the user's name (TUI)
// or passes --allow-lockout (headless). Redis has no undo for this short of a restart
// with a known ACL file.
import { effectiveOfText } from './effective.js';
import type { AclUser, CommandUniverse } from './types.js';

/** What the console itself needs to keep managing users. */
export const CONSOLE_ACL_NEEDS = ['acl|setuser', 'acl|getuser', 'acl|list', 'acl|deluser'] as const;

const canRun = (u: AclUser, cmd: string, universe: CommandUniverse | undefined): boolean => {
  if (!universe) return /\+@all\b|\+acl\b|allcommands/.test(u.commands);
  const eff = effectiveOfText(u.commands, universe);
  return eff.allowed.has(cmd);
};

const isFullAdmin = (u: AclUser, universe: CommandUniverse | undefined): boolean =>
  u.enabled &&
  (universe
    ? effectiveOfText(u.commands, universe).future
    : /^\+@all\b|\s\+@all\b|allcommands/.test(u.commands));

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
    else if (mine && wasMine && !mine.nopass && mine.passwords.length === 0 && wasMine.passwords.length > 0)
      risks.push(`removes every password of "${me}", the user this console is logged in as`);
    if (mine && wasMine) {
      const lost = CONSOLE_ACL_NEEDS.filter(
        (c) => canRun(wasMine, c, universe) && !canRun(mine, c, universe),
      );
      if (lost.length) risks.push(`takes ${lost.join(', ')} away from "${me}", this console's own user`);
    }
  }
  const adminsBefore = before.filter((u) => isFullAdmin(u, universe)).length;
  const adminsAfter = after.filter((u) => isFullAdmin(u, universe)).length;
  if (adminsBefore > 0 && adminsAfter === 0)
    risks.push('leaves no enabled user with +@all: nobody could administer this server');
  return risks;
}
