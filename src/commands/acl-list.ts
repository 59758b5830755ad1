// `redis-warden acl list`: the Users pane's table, headless. What the console's user may
// not read (ACL LIST, ACL CAT, CLIENT LIST) is said on stderr with the permission it
// lacks; the rest is still shown. Password hashes never leave: only their count.
import { riskFlags } from '../domain/acl/risk.js';
import type { RiskFlag } from '../domain/acl/risk.js';
import { userFromListLine } from '../domain/acl/rules.js';
import { channelsSummary, commandsSummary, keysSummary, passwordState } from '../domain/acl/summary.js';
import type { AclUser, CommandUniverse } from '../domain/acl/types.js';
import { clientsPerUser, commandUniverse, listUserLines, listUserNames } from '../redis/acl.js';
import { hexBytes } from '../domain/bytes.js';
import { toDisplay } from '../domain/display.js';
import { explain, missingPermission } from '../redis/errors.js';
import type { CommandContext } from './context.js';
import { errorText, withAcl } from './acl-session.js';
import type { AclFlags, AclSession } from './acl-session.js';
import { formatTable, print, printJson } from './output.js';

export interface UserListing {
  /** Every user; `user` is missing when ACL LIST was refused (names only). */
  rows: { name: string; user?: AclUser; clients?: number; risks: RiskFlag[] }[];
  universe?: CommandUniverse;
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
  if (universe.status === 'rejected')
    warnings.push(
      `${refusal('ACL CAT', universe.reason, secrets, '+acl|cat')}: risk flags use the rule text only`,
    );
  if (clients.status === 'rejected')
    warnings.push(`${refusal('CLIENT LIST', clients.reason, secrets, '+client|list')}: no client counts`);
  return {
    universe: uni,
    warnings,
    rows: users.map((u) => ({
      ...u,
      clients: clients.status === 'fulfilled' ? (clients.value.get(u.name) ?? 0) : undefined,
      risks: u.user ? riskFlags(u.user, uni) : [],
    })),
  };
}

export const riskJson = (r: RiskFlag) => ({ id: r.id, severity: r.severity, detail: r.detail });

function listJson(rows: UserListing['rows']) {
  return rows.map(({ name, user, clients, risks }) => ({
    name,
    nameHex: hexBytes(name),
    enabled: user?.enabled ?? null,
    nopass: user?.nopass ?? null,
    passwords: user ? user.passwords.length : null,
    keys: user?.keys ?? null,
    keysHex: user ? user.keys.map(hexBytes) : null,
    channels: user?.channels ?? null,
    channelsHex: user ? user.channels.map(hexBytes) : null,
    commands: user?.commands ?? null,
    selectors: user ? user.selectors.length : null,
    clients: clients ?? null,
    risks: risks.map(riskJson),
  }));
}

export async function aclList(ctx: CommandContext, flags: AclFlags): Promise<number> {
  return withAcl(ctx, flags, async (s) => {
    const listing = await readListing(s);
    for (const w of listing.warnings) ctx.warn(w);
    if (flags.json) {
      printJson(listJson(listing.rows));
      return 0;
    }
    const rows = listing.rows.map(({ name, user, clients, risks }) => [
      name,
      user ? (user.enabled ? 'on' : 'off') : '?',
      user ? passwordState(user) : '?',
      user ? keysSummary(user.keys) : '?',
      user ? channelsSummary(user.channels) : '?',
      user ? commandsSummary(user.commands) : '?',
      user ? String(user.selectors.length) : '?',
      clients === undefined ? '?' : String(clients),
      risks.map((r) => r.badge).join(' '),
    ]);
    print(
      formatTable(
        ['NAME', 'STATUS', 'PASSWORDS', 'KEYS', 'CHANNELS', 'COMMANDS', 'SEL', 'CLIENTS', 'RISKS'],
        rows,
      ),
    );
    return 0;
  });
}
