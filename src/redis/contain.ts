// The containment levers' writes and the reads that check them (security-anchors §4.3): stop
// following a master, unload a module, put dir/dbfilename back. Each write goes to the one node
// named, through writeOnEach (run once, journaled, its outcome classified).
import { writeOnEach } from './command.js';
import type { WriteContext, WriteOutcome } from './command.js';
import { parseModuleList } from './parse/audit.js';
import { infoText, parseInfo } from './parse/info.js';
import type { ReadNode } from './read-node.js';
import type { Target } from './target.js';

/** REPLICAOF NO ONE: the node stops following its master and keeps the data it has. */
export function replicaofNoOne(target: Target, ctx: WriteContext, node: string): Promise<WriteOutcome[]> {
  return writeOnEach(target, ctx, 'REPLICAOF', ['NO', 'ONE'], [node]);
}

/** MODULE UNLOAD of the module `name` (as MODULE LIST names it). */
export function moduleUnload(
  target: Target,
  ctx: WriteContext,
  node: string,
  name: string,
): Promise<WriteOutcome[]> {
  return writeOnEach(target, ctx, 'MODULE', ['UNLOAD', name], [node]);
}

/** One CONFIG SET of both (Redis applies all or none): a dir that does not exist fails it whole. */
export function setPersistence(
  target: Target,
  ctx: WriteContext,
  node: string,
  dir: string,
  dbfilename: string,
): Promise<WriteOutcome[]> {
  return writeOnEach(target, ctx, 'CONFIG', ['SET', 'dir', dir, 'dbfilename', dbfilename], [node]);
}

export interface Replication {
  role: string;
  /** `host:port` of the master it follows (a replica only). */
  master?: string;
}

/** INFO replication: the role and, for a replica, its master. */
export async function readReplication(node: ReadNode): Promise<Replication> {
  const r = parseInfo(infoText(await node.callBuffer('INFO', ['replication']))).replication ?? {};
  const role = r.role ?? 'unknown';
  return r.master_host === undefined ? { role } : { role, master: `${r.master_host}:${r.master_port ?? ''}` };
}

/** The names of the loaded modules (MODULE LIST). */
export async function moduleNames(node: ReadNode): Promise<string[]> {
  return parseModuleList(await node.callBuffer('MODULE', ['LIST'])).map((m) => m.name);
}
