// Killing every client that connects from a network (an attacker's range) as an operation.
// The plan reads CLIENT LIST and names each client it will kill, so the confirmation shows
// them; a caller that pins that list (params.clients, from clientsInNet) gets exactly those
// killed, never one that connected after the operator looked. The console's own link is
// never killed: it is left out of the list, and every kill says SKIPME yes.
import { hostOf, inNetworks, isCidr, parseNetworks } from '../../domain/clients/cidr.js';
import { toDisplay } from '../../domain/display.js';
import { killClientIds, listClients } from '../../redis/clients.js';
import type { Target } from '../../redis/target.js';
import { list, obj, OperationError, optional, str } from './check.js';
import type { OperationSpec } from './types.js';

const pinned = obj({
  node: str({ nonEmpty: true }),
  id: str({ pattern: /^[0-9]{1,20}$/ }),
  addr: str({ nonEmpty: true }),
});
export type NetClient = ReturnType<typeof pinned>;

const killNetParams = obj({
  // Absent: every node of the target.
  node: optional(str({ nonEmpty: true })),
  cidr: str({ nonEmpty: true, refuse: (v) => (isCidr(v) ? undefined : 'not an IP address or CIDR network') }),
  // The clients the operator was shown: only these are killed (those still connected).
  clients: optional(list(pinned, { nonEmpty: true })),
});
type KillNetParams = ReturnType<typeof killNetParams>;

export interface InNet {
  clients: NetClient[];
  /** Nodes whose CLIENT LIST failed, with why: their clients are not known, so not killed. */
  unlisted: { node: string; message: string }[];
}

/** The clients connected from `cidr` (on `node`, else every node), the console's own left out. */
export async function clientsInNet(target: Target, cidr: string, node?: string): Promise<InNet> {
  const nets = parseNetworks([cidr]);
  const results = await listClients(target, node === undefined ? undefined : [node]);
  if (node !== undefined && !results.length) throw new OperationError(`no such node: ${toDisplay(node)}`);
  const clients: NetClient[] = [];
  const unlisted: InNet['unlisted'] = [];
  for (const r of results) {
    if (!r.ok) {
      unlisted.push({ node: r.node, message: r.error.message });
      continue;
    }
    for (const c of r.value.clients)
      if (c.id !== r.value.self && inNetworks(hostOf(c.addr), nets) === true)
        clients.push({ node: r.node, id: c.id, addr: c.addr });
  }
  return { clients, unlisted };
}

const key = (c: NetClient) => `${c.node}\u0000${c.id}\u0000${c.addr}`;
const where = (p: KillNetParams, show: (s: string) => string) =>
  p.node === undefined ? 'on every node' : `on ${show(p.node)}`;
const named = (cs: readonly NetClient[], show: (s: string) => string) =>
  cs.map((c) => `${c.id} (${show(c.addr)}) on ${show(c.node)}`).join(', ');
const count = (n: number) => `${n} client${n === 1 ? '' : 's'}`;

export const killNet: OperationSpec<KillNetParams> = {
  id: 'client.kill-net',
  params: killNetParams,
  describe: (p) =>
    p.clients
      ? `Kill ${count(p.clients.length)} connected from ${toDisplay(p.cidr)}: ${named(p.clients, toDisplay)}`
      : `Kill every client connected from ${toDisplay(p.cidr)} ${where(p, toDisplay)} (not the console's own)`,
  async plan(p, d) {
    const found = await clientsInNet(d.target, p.cidr, p.node);
    const shown = p.clients && new Set(p.clients.map(key));
    const kill = shown ? found.clients.filter((c) => shown.has(key(c))) : found.clients;
    const unlisted = found.unlisted.map((u) => `${toDisplay(u.node)} (${u.message})`).join(', ');
    if (!kill.length)
      throw new OperationError(
        `no client ${p.clients ? 'of those shown is still' : 'is'} connected from ${toDisplay(p.cidr)} ${where(p, toDisplay)}${unlisted ? `; not listed: ${unlisted}` : ''}`,
      );
    const nodes = [...new Set(kill.map((c) => c.node))];
    // A re-read per node, shared by that node's outcomes: the killed ids are gone from it.
    const after = new Map<string, Promise<string | undefined>>();
    const recheck = async (id: string) => {
      const ids = new Set(kill.filter((c) => c.node === id).map((c) => c.id));
      const [r] = await listClients(d.target, [id]);
      if (!r?.ok) throw new Error(r ? r.error.message : `no such node: ${id}`);
      const left = r.value.clients.filter((c) => ids.has(c.id)).map((c) => c.id);
      return left.length ? `CLIENT LIST still shows ${left.join(', ')}` : undefined;
    };
    return {
      action: 'client.kill-net',
      summary: `Kill ${count(kill.length)} connected from ${p.cidr}: ${named(kill, (s) => s)}${unlisted ? ` (not listed: ${unlisted})` : ''}`,
      args: {
        cidr: p.cidr,
        ...(p.node === undefined ? {} : { node: toDisplay(p.node) }),
        clients: kill.map((c) => ({ node: toDisplay(c.node), id: c.id, addr: toDisplay(c.addr) })),
      },
      write: async (ctx) =>
        (
          await Promise.all(
            nodes.map((n) =>
              killClientIds(
                d.target,
                ctx,
                n,
                kill.filter((c) => c.node === n).map((c) => c.id),
              ),
            ),
          )
        ).flat(),
      check: (id) => {
        if (!after.has(id)) after.set(id, recheck(id));
        return after.get(id)!;
      },
      reread: d.reread,
    };
  },
};
