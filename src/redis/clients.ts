// CLIENT LIST and CLIENT KILL: the Clients pane's and `redis-warden clients`' I/O. Reads
// return typed ClientInfo per node; kills go through writeOn (journaled, never replayed).
import type { ClientInfo } from '../domain/clients/types.js';
import { unknownNode, writeOn } from './command.js';
import type { WriteContext, WriteOutcome } from './command.js';
import type { ReadNode } from './read-node.js';
import { parseClientList } from './parse/client-list.js';
import type { NodeResult, Target } from './target.js';

export interface NodeClients {
  clients: ClientInfo[];
  /** The console's own connection on this node, when it can tell (CLIENT ID, else its address). */
  self?: string;
  /** Ms from sending CLIENT LIST to its reply: an upper bound of the server's cost. */
  ms: number;
}

/**
 * CLIENT LIST of one node, parsed; the console's own client marked by id. `previous` (this
 * node's last rows) are updated in place and reused: a feed allocates little per refresh.
 */
export async function listClientsOn(node: ReadNode, previous?: readonly ClientInfo[]): Promise<NodeClients> {
  const own = node.ownClientId();
  const t0 = performance.now();
  const reply = await node.callBuffer('CLIENT', ['LIST']);
  const ms = performance.now() - t0;
  if (!Buffer.isBuffer(reply)) throw new Error(`CLIENT LIST on ${node.id}: unexpected reply`);
  const clients = parseClientList(reply, node.id, previous);
  let self = await own;
  if (self === undefined) {
    // Without +client|id: our link's local address, when no proxy or tunnel is in between.
    const local = node.localAddress();
    const mine = local ? clients.filter((c) => c.addr === local) : [];
    if (mine.length === 1) self = mine[0]!.id;
  }
  return { clients, self, ms };
}

/** CLIENT LIST on every node (or those named); a node's failure is its own result. */
export function listClients(
  target: Target,
  only?: readonly string[],
  previous?: Readonly<Record<string, readonly ClientInfo[]>>,
): Promise<NodeResult<NodeClients>[]> {
  return target.onEach((n) => listClientsOn(n, previous?.[n.id]), only);
}

/** CLIENT KILL ID for each id on one node, pipelined; one outcome per id (reply = 0 or 1 killed). */
export async function killClientIds(
  target: Target,
  ctx: WriteContext,
  node: string,
  ids: readonly string[],
): Promise<WriteOutcome[]> {
  const conn = target.node(node);
  if (!conn) return ids.map(() => unknownNode(node));
  const c = { ...ctx, secrets: [...(ctx.secrets ?? []), ...target.secrets] };
  return Promise.all(ids.map((id) => writeOn(conn, c, 'CLIENT', ['KILL', 'ID', id, 'SKIPME', 'yes'])));
}

/** CLIENT KILL USER on every node: each reply is the number killed (the caller's own link is skipped). */
export { killUserClients as killClientsOfUser } from './acl.js';

/** CLIENT KILL ADDR ip:port on one node (exactly one connection; 0 when it already left). */
export async function killClientAddr(
  target: Target,
  ctx: WriteContext,
  node: string,
  addr: string,
): Promise<WriteOutcome> {
  const conn = target.node(node);
  if (!conn) return unknownNode(node);
  const c = { ...ctx, secrets: [...(ctx.secrets ?? []), ...target.secrets] };
  return writeOn(conn, c, 'CLIENT', ['KILL', 'ADDR', addr, 'SKIPME', 'yes']);
}

/** How many a set of kill outcomes killed (each ok reply is a count). */
export function killedCount(outcomes: readonly WriteOutcome[]): number {
  return outcomes.reduce((n, o) => n + (o.outcome === 'ok' ? Number(o.reply) || 0 : 0), 0);
}
