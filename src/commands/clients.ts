// `redis-warden clients`: the Clients pane, headless. CLIENT LIST of every node, merged (a
// NODE column when there is more than one), filtered, sorted or grouped, with the pane's risk
// badges. A node that could not be read is named on stderr and in the JSON, never hidden.
// Exit: 0 every node read, 1 some node not read, 2 usage, no connection, or no node read.
import { clientUsers } from '../domain/clients/users.js';
import type { ClientUser } from '../domain/clients/users.js';
import { parseNetworks } from '../domain/clients/cidr.js';
import type { Network } from '../domain/clients/cidr.js';
import { parseClientFilter } from '../domain/clients/filter.js';
import { groupClients } from '../domain/clients/group.js';
import { clientRisks } from '../domain/clients/risk.js';
import { sortClients } from '../domain/clients/sort.js';
import type { ClientGroupBy, ClientInfo } from '../domain/clients/types.js';
import { displayWidth, toDisplay } from '../domain/display.js';
import { commandUniverse, listUserLines } from '../redis/acl.js';
import { listClients } from '../redis/clients.js';
import { needsHint } from '../redis/errors.js';
import type { Explained } from '../redis/errors.js';
import { refusal } from './acl-list.js';
import { withAcl } from './acl-session.js';
import type { AclFlags, AclSession } from './acl-session.js';
import {
  clientHeaders,
  clientJson,
  clientRow,
  countLine,
  CLIENT_SACRIFICE,
  GROUP_HEADERS,
  GROUP_SACRIFICE,
  groupJson,
  groupRow,
} from './clients-format.js';
import type { Marked } from './clients-format.js';
import { pickProfile, UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { formatTable, print, printJson } from './output.js';

export interface ClientsFlags extends AclFlags {
  filter?: string;
  sort?: string;
  reverse?: boolean;
  groupBy?: string;
  wide?: boolean;
}

/** One node's CLIENT LIST outcome, as the JSON `nodes` array carries it. */
export interface NodeRead {
  node: string;
  ok: boolean;
  clients?: number;
  /** "SEC003 NOPERM ... (needs +client|list)", raw: toDisplay() it before a terminal. */
  error?: string;
}

export interface ClientsRead {
  nodes: NodeRead[];
  /** Every client of every node read, in node order. */
  rows: ClientInfo[];
  /** The console's own client id per node, where it could tell. */
  self: Map<string, string>;
}

/**
 * "SEC003 NOPERM ... (needs +client|list)": the SEC code, the server's words, what to grant.
 * Raw (it goes into JSON, which printJson escapes once): toDisplay() it before a terminal.
 */
export function nodeErrorText(e: Explained, need: string): string {
  const head = `${e.code ? `${e.code} ` : ''}${e.message.startsWith(e.name) ? '' : `${e.name}: `}${e.message}`;
  return `${head}${needsHint(e, need)}`;
}

/** CLIENT LIST on every node of the session, fresh. */
export async function readClients(s: AclSession): Promise<ClientsRead> {
  const results = await listClients(s.target);
  const out: ClientsRead = { nodes: [], rows: [], self: new Map() };
  for (const r of results) {
    if (!r.ok) {
      out.nodes.push({ node: r.node, ok: false, error: nodeErrorText(r.error, '+client|list') });
      continue;
    }
    out.nodes.push({ node: r.node, ok: true, clients: r.value.clients.length });
    out.rows.push(...r.value.clients);
    if (r.value.self !== undefined) out.self.set(r.node, r.value.self);
  }
  return out;
}

export const unreadNodes = (read: ClientsRead) => read.nodes.filter((n) => !n.ok);

/** "Warning: CLIENT LIST on 127.0.0.1:7005: DISCONNECTED: not connected" per node not read. */
export function warnUnread(ctx: CommandContext, read: ClientsRead): void {
  for (const n of unreadNodes(read))
    ctx.warn(`Warning: CLIENT LIST on ${toDisplay(n.node)}: ${toDisplay(n.error ?? 'not read')}`);
}

/** No node answered CLIENT LIST: the error (exit 2), naming the permission when that is why. */
export function nothingRead(read: ClientsRead): Error {
  const denied = read.nodes.every((n) => n.error?.startsWith('SEC003'));
  const what = read.nodes.length === 1 ? 'the node' : `any of the ${read.nodes.length} nodes`;
  // Messages reach the terminal through toDisplay() in cli.ts: keep them unescaped here.
  return new Error(
    denied
      ? `SEC003 the console's user may not list clients (CLIENT LIST) on ${what}: grant it +client|list`
      : `could not read CLIENT LIST of ${what} (see above)`,
  );
}

/** --filter: a parse error is printed with a caret under the term (exit 2); undefined = no filter. */
export function filterOf(
  ctx: CommandContext,
  text: string | undefined,
): ((c: ClientInfo) => boolean) | undefined | 'invalid' {
  if (text === undefined || text.trim() === '') return undefined;
  const f = parseClientFilter(text);
  if (f.ok) return (c) => f.test(c);
  const at = Math.max(0, Math.min(f.at, text.length));
  ctx.warn(`redis-warden: --filter: ${toDisplay(f.error)}`);
  ctx.warn(`  ${toDisplay(text)}`);
  ctx.warn(`  ${' '.repeat(displayWidth(toDisplay(text.slice(0, at))))}^`);
  return 'invalid';
}

/** --sort: checked before connecting, so a typo is a usage error and not an empty run. */
export function checkSort(field: string): void {
  try {
    sortClients([], field, false);
  } catch (err) {
    throw new UsageError(`--sort: ${err instanceof Error ? err.message : String(err)}`);
  }
}

interface RiskInputs {
  users?: ReadonlyMap<string, ClientUser>;
  networks?: Network[];
}

/** Users (ACL LIST, when permitted: said once when not) and the profile's expected networks. */
async function riskInputs(ctx: CommandContext, s: AclSession, flags: ClientsFlags): Promise<RiskInputs> {
  const out: RiskInputs = {};
  const nets = pickProfile(ctx, flags)?.expectedNetworks;
  if (nets?.length) {
    try {
      out.networks = parseNetworks(nets);
    } catch (err) {
      ctx.warn(
        toDisplay(
          `Warning: the profile's expectedNetworks: ${err instanceof Error ? err.message : String(err)}: no network highlights`,
        ),
      );
    }
  }
  let lines: string[];
  try {
    lines = await listUserLines(s.node);
  } catch (err) {
    ctx.warn(`${refusal('ACL LIST', err, s.target.secrets, '+acl|list')}: no user-based risk highlights`);
    return out;
  }
  // The categories make "admin" exact (+flushall counts); without them the rule text decides.
  const universe = await commandUniverse(s.node).catch(() => undefined);
  out.users = clientUsers(lines, universe);
  return out;
}

function marker(read: ClientsRead, inputs: RiskInputs) {
  return (client: ClientInfo): Marked => {
    const self = read.self.get(client.node) === client.id;
    const risks = clientRisks(client, { self: read.self, users: inputs.users, networks: inputs.networks })
      // `self` is its own column in JSON and its own badge in the table.
      .filter((r) => r.id !== 'self')
      .map((r) => ({ id: r.id, badge: r.badge }));
    return { client, self, risks };
  };
}

const GROUP_BY: readonly ClientGroupBy[] = ['user', 'addr', 'cmd'];

export async function clientsList(ctx: CommandContext, flags: ClientsFlags): Promise<number> {
  const test = filterOf(ctx, flags.filter);
  if (test === 'invalid') return 2;
  const sort = flags.sort ?? 'id';
  checkSort(sort);
  const by = flags.groupBy as ClientGroupBy | undefined;
  if (by !== undefined && !GROUP_BY.includes(by))
    throw new UsageError(`--group-by: "${flags.groupBy ?? ''}" is not one of ${GROUP_BY.join(', ')}`);
  return withAcl(ctx, flags, async (s) => {
    const read = await readClients(s);
    warnUnread(ctx, read);
    const readNodes = read.nodes.filter((n) => n.ok).length;
    if (!readNodes) {
      if (flags.json) printJson({ nodes: read.nodes, [by ? 'groups' : 'clients']: [] });
      throw nothingRead(read);
    }
    const inputs = await riskInputs(ctx, s, flags);
    const kept = test ? read.rows.filter(test) : read.rows;
    const rows = sortClients(kept, sort, Boolean(flags.reverse));
    const multi = s.target.nodeIds().length > 1;
    if (by) {
      const groups = groupClients(rows, by);
      if (flags.json) printJson({ nodes: read.nodes, groups: groups.map(groupJson) });
      else
        print(
          formatTable(GROUP_HEADERS, groups.map(groupRow), { wide: flags.wide, sacrifice: GROUP_SACRIFICE }),
        );
    } else {
      const marked = rows.map(marker(read, inputs));
      if (flags.json) printJson({ nodes: read.nodes, clients: marked.map(clientJson) });
      else
        print(
          formatTable(
            clientHeaders(multi),
            marked.map((m) => clientRow(m, multi)),
            { wide: flags.wide, sacrifice: CLIENT_SACRIFICE },
          ),
        );
    }
    ctx.warn(footer(read, rows.length, readNodes, test !== undefined));
    return readNodes === read.nodes.length ? 0 : 1;
  });
}

function footer(read: ClientsRead, shown: number, readNodes: number, filtered: boolean): string {
  const listed = read.rows.length;
  const head = filtered
    ? `${shown} of ${countLine(listed, readNodes)} match the filter`
    : countLine(listed, readNodes);
  const unread = unreadNodes(read).map((n) => toDisplay(n.node));
  return unread.length ? `${head}; not read: ${unread.join(', ')}` : head;
}
