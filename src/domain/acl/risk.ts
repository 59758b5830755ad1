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
  const eff = universe ? effectiveOfText(user.commands, universe) : undefined;
  const all = eff ? eff.future : /(^|\s)\+@all\b/.test(user.commands);
  const allKeys = user.keys.some((k) => k === '~*' || k === '%RW~*');
  if (all && allKeys)
    flags.push({
      id: 'admin-all-keys',
      badge: '@all ~*',
      severity: 'medium',
      detail: '+@all on every key: a full administrator',
    });
  else if (eff && universe) {
    const risky = DANGEROUS_CATEGORIES.map((c) => [c, inCategory(eff.allowed, c, universe)] as const).filter(
      ([, cmds]) => cmds.length > 0,
    );
    if (risky.length)
      flags.push({
        id: 'dangerous',
        badge: risky.map(([c]) => `@${c}`).join(' '),
        severity: 'medium',
        detail: `can run ${risky.map(([c, cmds]) => `@${c}: ${listSome(cmds, 3)}`).join('; ')}`,
      });
  } else if (!all && DANGEROUS_CATEGORIES.some((c) => user.commands.includes(`+@${c}`)))
    flags.push({
      id: 'dangerous',
      badge: 'dangerous',
      severity: 'medium',
      detail: 'grants @dangerous, @admin or @scripting',
    });
  if (user.channels.includes('&*'))
    flags.push({
      id: 'all-channels',
      badge: '&*',
      severity: 'medium',
      detail: 'every pub/sub channel (allchannels)',
    });
  return flags;
}
