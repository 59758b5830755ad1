// `redis-warden acl list`: the Users pane's table, headless. What the console's user may
// not read (ACL LIST, ACL CAT, CLIENT LIST) is said on stderr with the permission it
// lacks; the rest is still shown. Password hashes never leave: only their count.
import { driftHeadline, riskText } from '../domain/acl/per-node.js';
import type { AclUnion, UnionUser } from '../domain/acl/per-node.js';
import { listedRisk, riskFlags } from '../domain/acl/risk.js';
import type { RiskFlag } from '../domain/acl/risk.js';
import { userFromListLine } from '../domain/acl/rules.js';
import { channelsSummary, commandsSummary, keysSummary, passwordState } from '../domain/acl/summary.js';
import type { AclUser, CommandUniverse } from '../domain/acl/types.js';
import { readAclUnion } from '../ops/acl-nodes.js';
import { clientsPerUser, commandUniverse, listUserLines, listUserNames } from '../redis/acl.js';
import { hexBytes } from '../domain/bytes.js';
import { toDisplay } from '../domain/display.js';
import { explain, missingPermission } from '../redis/errors.js';
import type { CommandContext } from './context.js';
import { errorText, withAcl } from './acl-session.js';
import type { AclFlags, AclSession } from './acl-session.js';
import { formatTable, print, printJson } from './output.js';

export interface UserListing {
  /**
   * Every user; `user` is missing when ACL LIST was refused (names only). On more than one
   * node, `user` is the majority's rules and `union` says where it exists and differs.
   */
  rows: { name: string; user?: AclUser; clients?: number; risks: RiskFlag[]; union?: UnionUser }[];
  universe?: CommandUniverse;
  /** Every node's users (when the target has more than one node). */
  union?: AclUnion;
  warnings: string[];
}

/** "Warning: ACL LIST: SEC003 NOPERM ... (needs +acl|list)", escaped for the terminal. */
export function refusal(what: string, err: unknown, secrets: readonly string[], need: string): string {
  const e = explain(err, secrets);
  const missing = e.code === 'SEC003' ? (missingPermission(e.message) ?? need) : need;
  return toDisplay(`Warning: ${what}: ${errorText(err, secrets)} (needs ${missing})`);
}

export async function readListing(s: AclSession): Promise<UserListing> {
  const secrets = s.target.secrets;
  const [lines, universe, clients] = await Promise.allSettled([
    listUserLines(s.node),
    commandUniverse(s.node),
    clientsPerUser(s.node),
  ]);
  const warnings: string[] = [];
  let users: { name: string; user?: AclUser }[];
  if (lines.status === 'fulfilled') {
    users = lines.value.map((line) => {
      const user = userFromListLine(line);
      return { name: user.name, user };
    });
  } else {
    warnings.push(`${refusal('ACL LIST', lines.reason, secrets, '+acl|list')}: showing names only`);
    try {
      users = (await listUserNames(s.node)).map((name) => ({ name }));
    } catch (err) {
      // Neither ACL LIST nor ACL USERS: say what the listing needs, with the SEC code.
      const e = explain(err, secrets);
      // No `cause`: ioredis errors carry the command's arguments.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(
        `${e.code ? `${e.code} ` : ''}the console's user may not list users: ${errorText(err, secrets)}. Grant it +acl|list (or at least +acl|users for names).`,
      );
    }
  }
  const uni = universe.status === 'fulfilled' ? universe.value : undefined;
  // Users are per node: on a cluster every node is read, and the listing is their union.
  if (lines.status === 'fulfilled' && s.target.nodeIds().length > 1) {
    const union = await readAclUnion(s.target, uni);
    for (const u of union.unreadable)
      warnings.push(toDisplay(`Warning: could not read the users of ${u.node}: ${u.error}`));
    users = union.users.map((u) => ({ name: u.name, user: u.variants[0]?.user, union: u }));
    return withRisks(users, uni, clients, warnings, secrets, union);
  }
  if (universe.status === 'rejected')
    warnings.push(
      `${refusal('ACL CAT', universe.reason, secrets, '+acl|cat')}: risk flags use the rule text only`,
    );
  return withRisks(users, uni, clients, warnings, secrets);
}

function withRisks(
  users: { name: string; user?: AclUser; union?: UnionUser }[],
  uni: CommandUniverse | undefined,
  clients: PromiseSettledResult<Map<string, number>>,
  warnings: string[],
  secrets: readonly string[],
  union?: AclUnion,
): UserListing {
  if (clients.status === 'rejected')
    warnings.push(`${refusal('CLIENT LIST', clients.reason, secrets, '+client|list')}: no client counts`);
  return {
    universe: uni,
    warnings,
    union,
    rows: users.map((u) => ({
      ...u,
      // Clients of the read node (a cluster's are per node too).
      clients: clients.status === 'fulfilled' ? (clients.value.get(u.name) ?? 0) : undefined,
      // Per node, the worst of each: a nopass on one node is a nopass of the user.
      risks: u.union ? u.union.risks.map((r) => r.flag) : u.user ? riskFlags(u.user, uni) : [],
    })),
  };
}

/** "6/6", "1/6 missing on 127.0.0.1:7001, ...", "6/6 differs on 127.0.0.1:7002". */
function nodesCell(u: UnionUser, union: AclUnion): string {
  const read = union.nodes.length - union.unreadable.length;
  const on = read - u.missing.length;
  const differ = u.variants.slice(1).flatMap((v) => v.nodes);
  return toDisplay(
    [
      `${on}/${read}`,
      ...(u.missing.length && on <= u.missing.length
        ? [`only on ${u.variants.flatMap((v) => v.nodes).join(', ')}`]
        : []),
      ...(u.missing.length && on > u.missing.length ? [`missing on ${u.missing.join(', ')}`] : []),
      ...(differ.length ? [`differs on ${differ.join(', ')}`] : []),
      ...(union.unreadable.length ? [`? on ${union.unreadable.map((x) => x.node).join(', ')}`] : []),
    ].join(' '),
  );
}

export const riskJson = (r: RiskFlag) => ({ id: r.id, severity: r.severity, detail: r.detail });

const userJson = (user: AclUser | undefined) => ({
  enabled: user?.enabled ?? null,
  nopass: user?.nopass ?? null,
  passwords: user ? user.passwords.length : null,
  keys: user?.keys ?? null,
  keysHex: user ? user.keys.map(hexBytes) : null,
  channels: user?.channels ?? null,
  channelsHex: user ? user.channels.map(hexBytes) : null,
  commands: user?.commands ?? null,
  selectors: user ? user.selectors.length : null,
});

/** Where the user exists and, per variant of its rules, on which nodes (no hash ever). */
export const unionJson = (u: UnionUser) => ({
  differs: u.differs,
  missing: u.missing,
  variants: u.variants.map((v) => ({ nodes: v.nodes, ...userJson(v.user) })),
  risksByNode: u.risks.map((r) => ({ id: r.flag.id, severity: r.flag.severity, nodes: r.nodes })),
});

function listJson(rows: UserListing['rows']) {
  return rows.map(({ name, user, clients, risks, union }) => ({
    name,
    nameHex: hexBytes(name),
    ...userJson(user),
    clients: clients ?? null,
    risks: risks.map(riskJson),
    ...(union ? { nodes: unionJson(union) } : {}),
  }));
}

// What gives way to a narrow terminal, first: the long rule summaries, then counts; never the name or the risks.
const SACRIFICE = ['COMMANDS', 'CHANNELS', 'KEYS', 'NODES', 'SEL', 'CLIENTS', 'PASSWORDS', 'STATUS'];

export async function aclList(ctx: CommandContext, flags: AclFlags & { wide?: boolean }): Promise<number> {
  return withAcl(ctx, flags, async (s) => {
    const listing = await readListing(s);
    for (const w of listing.warnings) ctx.warn(w);
    if (flags.json) {
      printJson(listJson(listing.rows));
      return 0;
    }
    const union = listing.union;
    if (union) {
      const head = driftHeadline(union);
      if (head) ctx.warn(`${head} (acl drift shows where; acl sync --from NODE makes them equal)`);
    }
    const rows = listing.rows.map(({ name, user, clients, risks, union: u }) => [
      name,
      user ? (user.enabled ? 'on' : 'off') : '?',
      user ? passwordState(user) : '?',
      user ? keysSummary(user.keys) : '?',
      user ? channelsSummary(user.channels) : '?',
      user ? commandsSummary(user.commands) : '?',
      user ? String(user.selectors.length) : '?',
      clients === undefined ? '?' : String(clients),
      u && union
        ? u.risks
            .filter((r) => listedRisk(r.flag))
            .map((r) => toDisplay(riskText(r, union)))
            .join('; ')
        : risks
            .filter(listedRisk)
            .map((r) => r.badge)
            .join(' '),
      ...(union && u ? [nodesCell(u, union)] : []),
    ]);
    const head = ['NAME', 'STATUS', 'PASSWORDS', 'KEYS', 'CHANNELS', 'COMMANDS', 'SEL', 'CLIENTS', 'RISKS'];
    print(formatTable(union ? [...head, 'NODES'] : head, rows, { wide: flags.wide, sacrifice: SACRIFICE }));
    return 0;
  });
}
