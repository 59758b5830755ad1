// Risk flags in the users list: what an auditor would circle on a printout of ACL LIST,
// graded so the list shows what matters. critical: anyone can log in, or the user owns
// the server; high: the user can change or stop the server (config, users, modules,
// replication, wipe); low: worth knowing (KEYS, INFO, CLIENT LIST, a shared password).
import { effectiveOfText, inCategory, listSome } from './effective.js';
import type { AclUser, CommandUniverse } from './types.js';

export const RISK_GRADES = ['critical', 'high', 'low'] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];

export interface RiskFlag {
  id: 'nopass' | 'admin-all-keys' | 'server-control' | 'dangerous' | 'default-on' | 'all-channels';
  /** A few characters for the table. */
  badge: string;
  severity: RiskGrade;
  /** One line: what the user can do and why that is the grade. */
  detail: string;
}

/** 0 for critical, 2 for low: sorts worst first. */
export const gradeRank = (g: RiskGrade): number => RISK_GRADES.indexOf(g);

/** The list (Users pane RISK, `acl list`) shows these; the detail and `--json` show every grade. */
export const listedRisk = (r: { severity: RiskGrade }): boolean => r.severity !== 'low';

const DANGEROUS_CATEGORIES = ['dangerous', 'admin', 'scripting'] as const;

// Commands that change or stop the server itself: its config, its users, its modules, its
// replication, its data as a whole. A parent (`module`) stands for all its subcommands. Not
// SYNC/PSYNC: a replica's user needs them, and they read the data, they do not change the server.
const SERVER_CONTROL = [
  'config|set',
  'config|rewrite',
  'acl|setuser',
  'acl|deluser',
  'acl|load',
  'acl|save',
  'module',
  'replicaof',
  'slaveof',
  'failover',
  'debug',
  'shutdown',
  'flushall',
  'flushdb',
  'monitor',
  'client|kill',
  'client|pause',
  'cluster|reset',
  'cluster|forget',
  'cluster|meet',
  'cluster|failover',
  'cluster|setslot',
  'cluster|addslots',
  'cluster|addslotsrange',
  'cluster|delslots',
  'cluster|delslotsrange',
  'cluster|flushslots',
  'cluster|replicate',
] as const;

const controls = (cmd: string): boolean => SERVER_CONTROL.some((c) => cmd === c || cmd.startsWith(`${c}|`));

// Without ACL CAT, the rule text: a grant of one of those commands, its parent, or a category
// that holds them (+@all on some keys only still runs CONFIG SET).
const CONTROL_CATEGORIES = new Set(['+@all', 'allcommands', '+@admin', '+@dangerous']);
const controlsByText = (commands: string): boolean =>
  commands
    .toLowerCase()
    .split(/\s+/)
    .some(
      (t) =>
        CONTROL_CATEGORIES.has(t) ||
        (t.startsWith('+') &&
          !t.startsWith('+@') &&
          SERVER_CONTROL.some((c) => c === t.slice(1) || c.startsWith(`${t.slice(1)}|`))),
    );

function defaultFlag(user: AclUser): RiskFlag {
  if (user.nopass)
    return {
      id: 'default-on',
      badge: 'default',
      severity: 'critical',
      detail:
        'the default user is on without a password: every connection that does not AUTH is this user (the seed: user default off)',
    };
  return {
    id: 'default-on',
    badge: 'default',
    severity: 'low',
    detail: user.passwords.length
      ? 'the default user is on with a password (requirepass): one shared password, no name in the ACL LOG (the seed: user default off)'
      : 'the default user is on but has no password: no connection can log in as it',
  };
}

export function riskFlags(user: AclUser, universe?: CommandUniverse): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (!user.enabled) return flags;
  if (user.nopass)
    flags.push({
      id: 'nopass',
      badge: 'nopass',
      severity: 'critical',
      detail: 'nopass: any password, or none, logs in as this user',
    });
  if (user.name === 'default') flags.push(defaultFlag(user));
  // Redis allows a command if the root OR any selector does: a `(~* +@all)` selector makes
  // an administrator as surely as the root rules would.
  const scopes = [user, ...user.selectors];
  const effs = universe ? scopes.map((s) => effectiveOfText(s.commands, universe)) : undefined;
  const allOf = (i: number) =>
    effs ? effs[i]!.future : /(^|\s)\+@all\b|allcommands/.test(scopes[i]!.commands);
  const allKeysOf = (keys: readonly string[]) => keys.some((k) => k === '~*' || k === '%RW~*');
  if (scopes.some((s, i) => allOf(i) && allKeysOf(s.keys)))
    flags.push({
      id: 'admin-all-keys',
      badge: '@all ~*',
      severity: 'critical',
      detail: '+@all on every key: a full administrator',
    });
  else if (effs && universe) {
    const allowed = [...new Set(effs.flatMap((e) => [...e.allowed]))].sort();
    const control = allowed.filter(controls);
    if (control.length)
      flags.push({
        id: 'server-control',
        badge: control.length === 1 ? control[0]! : `${control[0]!} +${control.length - 1}`,
        severity: 'high',
        detail: `can change or stop the server: ${listSome(control, 4)}`,
      });
    const rest = allowed.filter((c) => !controls(c));
    const risky = DANGEROUS_CATEGORIES.map((c) => [c, inCategory(rest, c, universe)] as const).filter(
      ([, cmds]) => cmds.length > 0,
    );
    if (risky.length)
      flags.push({
        id: 'dangerous',
        badge: risky.map(([c]) => `@${c}`).join(' '),
        severity: 'low',
        detail: `can run ${risky.map(([c, cmds]) => `@${c}: ${listSome(cmds, 3)}`).join('; ')} (none changes config, users, modules or replication)`,
      });
  } else if (scopes.some((s) => controlsByText(s.commands)))
    flags.push({
      id: 'server-control',
      badge: 'server',
      severity: 'high',
      detail:
        'can change or stop the server: grants @admin, @dangerous, +@all or such a command (without ACL CAT, read from the rule text)',
    });
  else if (scopes.some((s) => s.commands.includes('+@scripting')))
    flags.push({
      id: 'dangerous',
      badge: '@scripting',
      severity: 'low',
      detail: 'grants @scripting: scripts run only what the user may run, but may run long',
    });
  if (scopes.some((s) => s.channels.includes('&*')))
    flags.push({
      id: 'all-channels',
      badge: '&*',
      severity: 'low',
      detail: 'every pub/sub channel (allchannels)',
    });
  return flags.sort((a, b) => gradeRank(a.severity) - gradeRank(b.severity));
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
  const had = new Set((before ? riskFlags(before, universe) : []).map((r) => `${r.id} ${r.severity}`));
  return riskFlags(after, universe).filter((r) => !had.has(`${r.id} ${r.severity}`));
}

/** How a risk a change adds is said, in the editor's confirmation and in a plan (unescaped). */
export const newRiskLine = (r: { detail: string }): string => `NEW RISK: ${r.detail}.`;
