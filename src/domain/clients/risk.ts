// Highlights in the Clients pane: the connections a security engineer looks at first. Redis
// keeps a client connected when its user is deleted or disabled, so CLIENT LIST is where such
// leftovers show. Cheap per client (a few Set and Map lookups), since it runs on every client
// at every refresh. Details name no server string, so they can be printed as they are.
import { hostOf, inNetworks } from './cidr.js';
import type { Network } from './cidr.js';
import { isReplicationLink } from './flags.js';
import { humanDuration } from './format.js';
import type { ClientInfo } from './types.js';

export type ClientRiskId =
  | 'self'
  | 'no-user'
  | 'user-off'
  | 'dangerous-cmd'
  | 'admin-cmd'
  | 'outside-net'
  | 'idle-admin'
  | 'replication';

export interface ClientRisk {
  id: ClientRiskId;
  /** At most 8 cells, for a table column. */
  badge: string;
  severity: 'high' | 'medium' | 'info';
  /** One sentence for the detail view. */
  detail: string;
}

export interface RiskContext {
  /** The console's own connection per node: node id -> client id. */
  self: ReadonlyMap<string, string>;
  /** Users on the server: name -> enabled, admin (can run @admin/@dangerous). Absent when the list could not be read. */
  users?: ReadonlyMap<string, { enabled: boolean; admin: boolean }>;
  networks?: readonly Network[];
  /** Idle seconds after which an admin connection is flagged (default 3600). */
  idleAdminSecs?: number;
}

/**
 * Last commands that destroy data, change security or replication, or watch everything.
 * `base` covers every subcommand, `base|sub` only that one (CLIENT LIST prints `config|set`).
 * ACL LOG RESET is not here: CLIENT LIST shows `acl|log` either way.
 */
// prettier-ignore
export const DANGEROUS_COMMANDS: ReadonlySet<string> = new Set([
  'flushall', 'flushdb', 'swapdb', 'debug', 'module', 'shutdown', 'monitor',
  'replicaof', 'slaveof', 'failover', 'migrate', 'restore', 'restore-asking',
  'config|set', 'config|rewrite', 'config|resetstat',
  'acl|setuser', 'acl|deluser', 'acl|load', 'acl|save',
  'script|flush', 'function|delete', 'function|flush', 'function|restore', 'function|load',
  'cluster|reset', 'cluster|failover', 'cluster|forget', 'cluster|meet', 'cluster|setslot',
  'cluster|addslots', 'cluster|addslotsrange', 'cluster|delslots', 'cluster|delslotsrange',
  'cluster|flushslots', 'cluster|replicate', 'cluster|set-config-epoch', 'cluster|bumpepoch',
]);

/** Administrative, revealing or expensive last commands (same notation). */
// prettier-ignore
export const ADMIN_COMMANDS: ReadonlySet<string> = new Set([
  'config', 'acl', 'script', 'function', 'cluster', 'slowlog', 'latency',
  'eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro',
  'keys', 'save', 'bgsave', 'bgrewriteaof', 'replconf', 'pfdebug', 'pfselftest',
  'client|kill', 'client|pause', 'client|unpause', 'client|unblock', 'client|no-evict', 'memory|purge',
]);

// Subcommands of an administrative base that clients and libraries run routinely.
// prettier-ignore
const ROUTINE_COMMANDS: ReadonlySet<string> = new Set([
  'acl|whoami', 'acl|cat', 'acl|genpass', 'acl|help', 'config|help', 'script|help', 'function|help',
  'cluster|help', 'cluster|info', 'cluster|nodes', 'cluster|slots', 'cluster|shards', 'cluster|myid',
  'cluster|keyslot', 'slowlog|help', 'latency|help',
]);

type CommandClass = 'dangerous' | 'admin' | undefined;
// A server knows a few hundred commands, and 10,000 clients mostly ran a handful of them: each
// `cmd` string is classified once (bounded, in case a server invents names without end).
const classes = new Map<string, CommandClass | null>();

/** Whether a CLIENT LIST `cmd` (`base` or `base|sub`) is dangerous, administrative, or neither. */
export function commandClass(cmd: string): CommandClass {
  const known = classes.get(cmd);
  if (known !== undefined) return known ?? undefined;
  const cls = classify(cmd);
  if (classes.size >= 4096) classes.clear();
  classes.set(cmd, cls ?? null);
  return cls;
}

function classify(cmd: string): CommandClass {
  const full = cmd.toLowerCase();
  const bar = full.indexOf('|');
  const base = bar < 0 ? full : full.slice(0, bar);
  if (DANGEROUS_COMMANDS.has(full) || DANGEROUS_COMMANDS.has(base)) return 'dangerous';
  if (ROUTINE_COMMANDS.has(full)) return undefined;
  if (ADMIN_COMMANDS.has(full) || ADMIN_COMMANDS.has(base)) return 'admin';
  return undefined;
}

// What a connection that never authenticated can have run: with `default` off it still shows
// as user `default`, and flagging every such probe "on a disabled user" would be noise.
const PRE_AUTH_COMMANDS = new Set(['', 'null', 'auth', 'hello']);

const BADGES: Record<ClientRiskId, [badge: string, severity: ClientRisk['severity']]> = {
  'no-user': ['no-user', 'high'],
  'user-off': ['user-off', 'high'],
  'dangerous-cmd': ['danger', 'high'],
  'admin-cmd': ['admin', 'medium'],
  'outside-net': ['outside', 'medium'],
  'idle-admin': ['idle-adm', 'medium'],
  self: ['self', 'info'],
  replication: ['repl', 'info'],
};
const risk = (id: ClientRiskId, detail: string): ClientRisk => {
  const [badge, severity] = BADGES[id];
  return Object.freeze({ id, badge, severity, detail });
};
// Shared: most flagged clients carry one of these, and 10,000 clients are checked per refresh.
const NO_USER = risk(
  'no-user',
  'Its user is not among the users read: it differs between nodes, or was removed in a way that left its clients connected.',
);
const USER_OFF = risk('user-off', 'Its user is disabled: ACL SETUSER off does not disconnect its clients.');
const DANGEROUS_CMD = risk(
  'dangerous-cmd',
  'Its last command destroys data or changes security, replication or the config.',
);
const ADMIN_CMD = risk('admin-cmd', 'Its last command is administrative, runs scripts or is expensive.');
const OUTSIDE_NET = risk('outside-net', "It connects from outside the profile's expected networks.");
const SELF = risk('self', "This console's own connection.");
const REPLICATION = risk('replication', 'A replication link (master or replica), not a client session.');

const NONE: readonly ClientRisk[] = Object.freeze([]);

/** The highlights of one client, most severe first (most clients have none: one shared empty list). */
export function clientRisks(c: ClientInfo, ctx: RiskContext): readonly ClientRisk[] {
  const out: ClientRisk[] = [];
  const link = isReplicationLink(c);
  const user = ctx.users?.get(c.user);
  // A master link has no user: Redis prints `(superuser)` for it.
  if (ctx.users && !user && !(link && c.user === '(superuser)')) out.push(NO_USER);
  if (user && !user.enabled && !(c.user === 'default' && PRE_AUTH_COMMANDS.has(c.cmd.toLowerCase())))
    out.push(USER_OFF);
  // A replication link's commands are the replication stream (a replica's master link runs
  // every replicated FLUSHALL), not someone's session.
  const cls = link ? undefined : commandClass(c.cmd);
  if (cls === 'dangerous') out.push(DANGEROUS_CMD);
  else if (cls === 'admin') out.push(ADMIN_CMD);
  if (ctx.networks?.length && inNetworks(hostOf(c.addr), ctx.networks) === false) out.push(OUTSIDE_NET);
  const idleAfter = ctx.idleAdminSecs ?? 3600;
  if (!link && (user?.admin === true || cls !== undefined) && c.idle >= idleAfter) {
    const detail = `An administrative connection idle for ${humanDuration(c.idle)} (flagged after ${humanDuration(idleAfter)}): close it if unused.`;
    out.push(risk('idle-admin', detail));
  }
  if (ctx.self.get(c.node) === c.id) out.push(SELF);
  if (link) out.push(REPLICATION);
  return out.length ? out : NONE;
}

const RANK = { high: 3, medium: 2, info: 1 } as const;

/** The most severe of `risks`, or undefined when there are none. */
export function worstSeverity(risks: readonly ClientRisk[]): ClientRisk['severity'] | undefined {
  let worst: ClientRisk['severity'] | undefined;
  for (const r of risks) if (worst === undefined || RANK[r.severity] > RANK[worst]) worst = r.severity;
  return worst;
}
