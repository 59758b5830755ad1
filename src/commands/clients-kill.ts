// `redis-warden clients kill`: the Clients pane's kill, headless. It reads CLIENT LIST fresh,
// prints what would be killed, and only with --yes kills it, through the one mutation path
// (read-only refusal, journal, re-read). The console's own connection is never killed, and
// replication links only with --replication. A client that left in between is "already
// gone", not an error. Exit: 0 done or nothing matched; 1 no --yes (the plan was printed), a
// node failed or could not be read; 2 usage, no connection, read-only refusal, nothing read.
import net from 'node:net';
import { inNetworks, hostOf, isCidr, parseNetworks } from '../domain/clients/cidr.js';
import type { Network } from '../domain/clients/cidr.js';
import { isReplicationLink } from '../domain/clients/flags.js';
import { sortClients } from '../domain/clients/sort.js';
import type { ClientInfo } from '../domain/clients/types.js';
import { toDisplay } from '../domain/display.js';
import { listClients } from '../redis/clients.js';
import type { WriteOutcome } from '../redis/command.js';
import type { TargetOutcome } from '../ops/mutation.js';
import { killOrder } from '../ops/operations/server-specs.js';
import { runOperation } from '../ops/operations/run.js';
import type { Operation } from '../ops/operations/table.js';
import type { AclSession } from './acl-session.js';
import { notReread, withAcl } from './acl-session.js';
import {
  clientJson,
  isSettled,
  KILL_HEADERS,
  KILL_SACRIFICE,
  killRow,
  reportLine,
  resultJson,
  skipLines,
  totalLine,
} from './clients-format.js';
import type { NodeReport } from './clients-format.js';
import { nodeErrorText, nothingRead, readClients, unreadNodes, warnUnread } from './clients.js';
import type { ClientsFlags, ClientsRead } from './clients.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { formatTable, print, printJson } from './output.js';

export interface KillFlags extends ClientsFlags {
  id?: string;
  node?: string;
  username?: string;
  addr?: string;
  yes?: boolean;
  replication?: boolean;
}

export type Selector =
  | { by: 'id'; id: string; node?: string }
  | { by: 'user'; user: string }
  /** `ip:port`: that one connection, as CLIENT LIST prints its addr. */
  | { by: 'addr'; addr: string }
  /** A bare IP or a CIDR: every client from there. */
  | { by: 'net'; text: string; nets: Network[] };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const nodesOf = (cs: readonly ClientInfo[]) => [...new Set(cs.map((c) => c.node))];

/** `ip:port` as Redis prints it (IPv6 without brackets), or undefined when `text` is not one. */
function ipPort(text: string): string | undefined {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text) ?? /^(.+):(\d{1,5})$/.exec(text);
  if (!m || !net.isIP(m[1]!) || Number(m[2]) > 65_535) return undefined;
  return `${m[1]!}:${m[2]!}`;
}

/** Exactly one of --id, --username, --addr; checked before connecting (a usage error is exit 2). */
export function selectorOf(flags: KillFlags): Selector {
  const listing = (['filter', 'sort', 'reverse', 'groupBy'] as const).filter((k) => flags[k] !== undefined);
  if (listing.length)
    throw new UsageError(
      `--${listing[0]!.replace('groupBy', 'group-by')} is for listing; clients kill selects with --id, --username or --addr`,
    );
  const given = [flags.id, flags.username, flags.addr].filter((v) => v !== undefined).length;
  if (given !== 1)
    throw new UsageError(
      `clients kill needs exactly one of --id N, --username NAME, --addr IP:PORT|IP|CIDR${given ? ' (not several)' : ''} (--user is the login user, as everywhere)`,
    );
  if (flags.node !== undefined && flags.id === undefined)
    throw new UsageError('--node goes with --id (client ids are per node)');
  if (flags.id !== undefined) {
    if (!/^\d{1,20}$/.test(flags.id))
      throw new UsageError(`--id: "${flags.id}" is not a client id (a number, as CLIENT LIST shows)`);
    return { by: 'id', id: String(BigInt(flags.id)), node: flags.node };
  }
  if (flags.username !== undefined) {
    if (flags.username === '') throw new UsageError('--username: empty');
    return { by: 'user', user: flags.username };
  }
  const a = flags.addr ?? '';
  if (net.isIP(a) || isCidr(a)) return { by: 'net', text: a, nets: parseNetworks([a]) };
  const addr = ipPort(a);
  if (addr) return { by: 'addr', addr };
  throw new UsageError(
    `--addr: "${a}" is not IP:PORT (one connection), an IP (every client from it) or a CIDR network`,
  );
}

// The operator may type a name as the table shows it (escaped), or the name itself.
const sameText = (value: string, typed: string) => value === typed || toDisplay(value) === typed;

function matches(sel: Selector, c: ClientInfo): boolean {
  switch (sel.by) {
    case 'id':
      return c.id === sel.id && (sel.node === undefined || sameText(c.node, sel.node));
    case 'user':
      return sameText(c.user, sel.user);
    case 'addr':
      return c.addr === sel.addr;
    case 'net':
      return inNetworks(hostOf(c.addr), sel.nets) === true;
  }
}

export interface KillPlan {
  sel: Selector;
  /** "client 42", "the clients of user bob", ... for the messages. */
  what: string;
  kill: ClientInfo[];
  self: ClientInfo[];
  replication: ClientInfo[];
  /** CLIENT KILL USER on every node (also catches connections made since the listing). */
  byUserCommand: boolean;
}

function describe(sel: Selector): string {
  switch (sel.by) {
    case 'id':
      return `client ${sel.id}${sel.node ? ` on ${toDisplay(sel.node)}` : ''}`;
    case 'user':
      return `the clients of user ${toDisplay(sel.user)}`;
    case 'addr':
      return `client ${toDisplay(sel.addr)}`;
    case 'net':
      return `the clients from ${toDisplay(sel.text)}`;
  }
}

/** What would be killed, from a fresh listing; throws a UsageError for an ambiguous --id. */
export function planKill(s: AclSession, read: ClientsRead, sel: Selector, replication: boolean): KillPlan {
  if (sel.by === 'id' && sel.node !== undefined) {
    const ids = s.target.nodeIds();
    if (!ids.some((id) => sameText(id, sel.node!)))
      // Raw: cli.ts escapes an error's message once, at the edge.
      throw new UsageError(`--node: no node "${sel.node}" here; the nodes are: ${ids.join(', ')}`);
  }
  let found = read.rows.filter((c) => matches(sel, c));
  // A name typed as itself wins over another name whose escaped form reads the same.
  if (sel.by === 'user' && found.some((c) => c.user === sel.user))
    found = found.filter((c) => c.user === sel.user);
  if (sel.by === 'id' && sel.node === undefined && found.length > 1)
    throw new UsageError(
      `client ${sel.id} is listed on ${found.length} nodes (${found.map((c) => c.node).join(', ')}): say which with --node`,
    );
  const plan: KillPlan = {
    sel,
    what: describe(sel),
    kill: [],
    self: [],
    replication: [],
    byUserCommand: false,
  };
  // The plan reads in order: node, then id (a CIDR matches clients across the merged lists).
  for (const c of sortClients(found, 'node', false)) {
    if (read.self.get(c.node) === c.id) plan.self.push(c);
    else if (!replication && isReplicationLink(c)) plan.replication.push(c);
    else plan.kill.push(c);
  }
  // CLIENT KILL USER takes no exceptions and a name as text: by id when it must skip a
  // replication link or the name holds bytes that are not UTF-8.
  if (sel.by === 'user' && plan.kill.length) {
    const name = plan.kill[0]!.user;
    plan.byUserCommand =
      !plan.replication.length && plan.kill.every((c) => c.user === name) && !/[\udc80-\udcff]/.test(name);
  }
  return plan;
}

function sayPlan(ctx: CommandContext, plan: KillPlan, json: boolean): void {
  for (const line of skipLines(plan.self, plan.replication)) ctx.warn(line);
  if (json || !plan.kill.length) return;
  print(formatTable(KILL_HEADERS, plan.kill.map(killRow), { sacrifice: KILL_SACRIFICE }));
}

type Paired = { outcome: WriteOutcome; client?: ClientInfo };

/** The operation a plan runs, as the pane builds it: by user (CLIENT KILL USER), by addr, or by id. */
function operationOf(plan: KillPlan): Operation {
  if (plan.byUserCommand) return { id: 'client.kill-user', params: { user: plan.kill[0]!.user } };
  const clients = plan.kill.map((c) => ({ node: c.node, id: c.id, addr: c.addr }));
  return { id: 'client.kill', params: { clients, ...(plan.sel.by === 'addr' && { by: 'addr' as const }) } };
}

/** Each node outcome paired with the client it was for (none for USER); none when nothing was sent. */
function pairedOf(plan: KillPlan, results: readonly TargetOutcome<unknown>[]): Paired[] {
  const back = (r: TargetOutcome<unknown>): WriteOutcome =>
    r.outcome === 'ok'
      ? { node: r.target, outcome: 'ok', reply: r.value }
      : { node: r.target, outcome: r.outcome, error: r.error };
  if (plan.byUserCommand) return results.map((r) => ({ outcome: back(r) }));
  const order = killOrder(plan.kill, plan.sel.by === 'addr' ? 'addr' : 'id');
  // The write threw before any kill was sent: one outcome for the target, no client's.
  if (results.length !== order.length) return [];
  return results.map((r, i) => ({ outcome: back(r), client: order[i] }));
}

function reportOf(plan: KillPlan, paired: Paired[], after: Reread): NodeReport[] {
  const nodes = [...new Set([...nodesOf(plan.kill), ...paired.map((p) => p.outcome.node)])];
  return nodes.map((node) => {
    const mine = plan.kill.filter((c) => c.node === node);
    const r: NodeReport = {
      node,
      planned: mine.length,
      killed: 0,
      gone: [],
      goneCount: 0,
      byUser: plan.byUserCommand,
    };
    // The clients whose kill has no reply: all of them for CLIENT KILL USER (one reply).
    const unanswered = new Set<ClientInfo>();
    for (const { outcome, client } of paired.filter((p) => p.outcome.node === node)) {
      if (outcome.outcome !== 'ok') {
        r.error ??= nodeErrorText(outcome.error, '+client|kill');
        if (outcome.outcome === 'unknown') r.unknown = true;
        for (const c of client ? [client] : mine) unanswered.add(c);
        continue;
      }
      const n = Number(outcome.reply) || 0;
      r.killed += n;
      if (client && n === 0) r.gone.push(client);
    }
    // CLIENT KILL USER says only how many: fewer than listed means some had left.
    r.goneCount = plan.byUserCommand && !r.error ? Math.max(0, mine.length - r.killed) : r.gone.length;
    const lingering = new Set(after.lingering.filter((c) => c.node === node));
    r.stillListed = lingering.size;
    // A lost reply: what the re-read found is all there is to say, client by client.
    if (r.unknown) {
      r.notReread = after.unread.get(node);
      r.unanswered = unanswered.size;
      const open = r.notReread ? [] : [...unanswered];
      r.stillConnected = open.filter((c) => lingering.has(c));
      r.goneOnReread = open.filter((c) => !lingering.has(c));
    }
    return r;
  });
}

function summaryOf(plan: KillPlan, nodes: number): string {
  if (plan.byUserCommand)
    return `kill every client of user ${toDisplay(plan.kill[0]!.user)} (${plural(plan.kill.length, 'client')} listed) on ${plural(nodes, 'node')}`;
  const first = plan.kill[0]!;
  if (plan.kill.length === 1) return `kill ${plan.what} (id ${first.id} on ${toDisplay(first.node)})`;
  return `kill ${plural(plan.kill.length, 'client')} (${plan.what}) on ${plural(nodesOf(plan.kill).length, 'node')}`;
}

/** After the kill, per node: the planned clients CLIENT LIST still shows, or why it was not read. */
export interface Reread {
  lingering: ClientInfo[];
  /** Nodes whose re-read failed, with what is said for them ("not re-read: ..."). */
  unread: Map<string, string>;
}

async function reread(s: AclSession, planned: ClientInfo[]): Promise<Reread> {
  await s.settle(); // a node whose kill reply was lost reconnects before it is re-read
  const again = await listClients(s.target, nodesOf(planned));
  const unread = new Map(
    again.flatMap((r) => (r.ok ? [] : [[r.node, notReread(s, r.node, r.error)] as const])),
  );
  const now = new Set(again.flatMap((r) => (r.ok ? r.value.clients.map((c) => `${c.node} ${c.id}`) : [])));
  return { lingering: planned.filter((c) => now.has(`${c.node} ${c.id}`)), unread };
}

interface KillJson {
  nodes: unknown[];
  matched: unknown[];
  skipped: { id: string; node: string; why: 'self' | 'replication' }[];
  status: string;
  results: unknown[];
  killed: number;
}

function killJson(read: ClientsRead, plan: KillPlan): KillJson {
  const skip = (why: 'self' | 'replication') => (c: ClientInfo) => ({
    id: c.id,
    node: c.node,
    why,
  });
  return {
    nodes: read.nodes,
    matched: plan.kill.map((client) => {
      const o = clientJson({ client, self: false, risks: [] });
      delete o.risks; // the kill does not weigh risks: an empty list would read as "none"
      return o;
    }),
    skipped: [...plan.self.map(skip('self')), ...plan.replication.map(skip('replication'))],
    status: 'nothing-to-do',
    results: [],
    killed: 0,
  };
}

/** Runs a plan through the mutation path and reports; returns the exit code. */
export async function executeKill(
  ctx: CommandContext,
  s: AclSession,
  read: ClientsRead,
  plan: KillPlan,
  flags: Pick<KillFlags, 'yes' | 'json'>,
): Promise<number> {
  const json = killJson(read, plan);
  const partialRead = unreadNodes(read).length > 0;
  if (!plan.kill.length) {
    if (flags.json) printJson(json);
    print(
      plan.self.length + plan.replication.length
        ? `Nothing to kill: ${plan.what} matches only skipped clients (see above)`
        : `No client matches ${plan.what}: nothing to do`,
    );
    return partialRead ? 1 : 0;
  }
  const summary = summaryOf(plan, s.target.nodeIds().length);
  let after: Reread = { lingering: [], unread: new Map() };
  const result = await runOperation(operationOf(plan), {
    target: s.target,
    env: s.env,
    confirmed: Boolean(flags.yes),
    reread: async () => {
      after = await reread(s, plan.kill);
    },
  });
  const paired = pairedOf(plan, result.results);
  json.status = result.status;
  if (result.status === 'refused' || result.status === 'needs-confirmation') {
    if (flags.json) printJson(json);
    if (result.status === 'needs-confirmation') {
      ctx.warn(`Not done: ${summary} (pass --yes)`);
      return 1;
    }
    ctx.warn(toDisplay(`Refused: ${result.reason ?? 'read-only mode'}; nothing was killed.`));
    return 2;
  }
  // The write threw before any kill was sent: no node outcome to pair, only the error.
  for (const r of paired.length ? [] : result.results)
    if (r.outcome !== 'ok')
      ctx.warn(`Failed: ${summary}: ${toDisplay(nodeErrorText(r.error, '+client|kill'))}`);
  const reports = reportOf(plan, paired, after);
  // A kill whose reply was lost is done when the re-read shows every client it named gone:
  // what the operator asked for holds, though the command's own outcome stays unknown.
  const settled = paired.length > 0 && reports.every(isSettled);
  json.status = result.status !== 'done' && settled ? 'done' : result.status;
  json.results = reports.map(resultJson);
  json.killed = reports.reduce((n, r) => n + r.killed, 0);
  if (flags.json) printJson(json);
  else print([...reports.map(reportLine), totalLine(reports)].join('\n'));
  return (result.status === 'done' || settled) && !partialRead ? 0 : 1;
}

export async function clientsKill(ctx: CommandContext, flags: KillFlags): Promise<number> {
  const sel = selectorOf(flags);
  return withAcl(ctx, flags, async (s) => {
    const read = await readClients(s);
    warnUnread(ctx, read);
    if (!read.nodes.some((n) => n.ok)) throw nothingRead(read);
    const asked =
      sel.by === 'id' && sel.node !== undefined
        ? read.nodes.find((n) => sameText(n.node, sel.node!))
        : undefined;
    if (asked && !asked.ok)
      throw new Error(`could not read CLIENT LIST on ${asked.node}: ${asked.error ?? ''}`);
    const plan = planKill(s, read, sel, Boolean(flags.replication));
    sayPlan(ctx, plan, Boolean(flags.json));
    return executeKill(ctx, s, read, plan, flags);
  });
}
