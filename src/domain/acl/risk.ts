// Risk flags in the users list: what an auditor would circle on a printout of ACL LIST.
import { effectiveOfText, inCategory, listSome } from './effective.js';
import type { AclUser, CommandUniverse } from './types.js';

export interface RiskFlag {
  id: 'nopass' | 'admin-all-keys' | 'dangerous' | 'default-on' | 'all-channels';
  /** A few characters for the table. */
  badge: string;
  severity: 'high' | 'medium';
  detail: string;
}

const DANGEROUS_CATEGORIES = ['dangerous', 'admin', 'scripting'] as const;

export function riskFlags(user: AclUser, universe?: CommandUniverse): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (!user.enabled) return flags;
  if (user.nopass)
    flags.push({
      id: 'nopass',
      badge: 'nopass',
      severity: 'high',
      detail: 'nopass: any password, or none, logs in as this user',
    });
  if (user.name === 'default')
    flags.push({
      id: 'default-on',
      badge: 'default',
      severity: user.nopass ? 'high' : 'medium',
      detail:
        'the default user is enabled: every connection that does not AUTH is this user (the seed: user default off)',
    });
  // Redis allows a command if the root OR any selector does: a `(~* +@all)` selector makes
  // an administrator as surely as the root rules would.
  const scopes = [user, ...user.selectors];
  const effs = universe ? scopes.map((s) => effectiveOfText(s.commands, universe)) : undefined;
  const allOf = (i: number) =>
    effs ? effs[i]!.future : /(^|\s)\+@all\b|allcommands/.test(scopes[i]!.commands);
  const allKeysOf = (keys: readonly string[]) => keys.some((k) => k === '~*' || k === '%RW~*');
  const all = scopes.some((_, i) => allOf(i));
  if (scopes.some((s, i) => allOf(i) && allKeysOf(s.keys)))
    flags.push({
      id: 'admin-all-keys',
      badge: '@all ~*',
      severity: 'medium',
      detail: '+@all on every key: a full administrator',
    });
  else if (effs && universe) {
    const allowed = new Set(effs.flatMap((e) => [...e.allowed]));
    const risky = DANGEROUS_CATEGORIES.map((c) => [c, inCategory(allowed, c, universe)] as const).filter(
      ([, cmds]) => cmds.length > 0,
    );
    if (risky.length)
      flags.push({
        id: 'dangerous',
        badge: risky.map(([c]) => `@${c}`).join(' '),
        severity: 'medium',
        detail: `can run ${risky.map(([c, cmds]) => `@${c}: ${listSome(cmds, 3)}`).join('; ')}`,
      });
  } else if (!all && scopes.some((s) => DANGEROUS_CATEGORIES.some((c) => s.commands.includes(`+@${c}`))))
    flags.push({
      id: 'dangerous',
      badge: 'dangerous',
      severity: 'medium',
      detail: 'grants @dangerous, @admin or @scripting',
    });
  if (scopes.some((s) => s.channels.includes('&*')))
    flags.push({
      id: 'all-channels',
      badge: '&*',
      severity: 'medium',
      detail: 'every pub/sub channel (allchannels)',
    });
  return flags;
}

/**
 * The risk flags `after` has and `before` does not (every flag, for a new user): what a
 * change adds. The rule editor's confirmation and `acl plan` both say these, from here.
 */
export function addedRisks(
  before: AclUser | undefined,
  after: AclUser,
  universe?: CommandUniverse,
): RiskFlag[] {
  const had = new Set((before ? riskFlags(before, universe) : []).map((r) => r.id));
  return riskFlags(after, universe).filter((r) => !had.has(r.id));
}

/** How a risk a change adds is said, in the editor's confirmation and in a plan (unescaped). */
export const newRiskLine = (r: { detail: string }): string => `NEW RISK: ${r.detail}.`;
