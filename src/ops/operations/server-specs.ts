// The other server writes as operations: killing clients by id, persisting the users (ACL
// SAVE or CONFIG REWRITE, whichever the server keeps them by) and ACL LOG RESET.
import { toDisplay } from '../../domain/display.js';
import { aclSave, configRewrite } from '../../redis/acl.js';
import { resetAclLog } from '../../redis/acl-log.js';
import { killClientAddr, killClientIds } from '../../redis/clients.js';
import { list, obj, oneOf, OperationError, optional, str } from './check.js';
import type { OperationSpec } from './types.js';

const clientParams = obj({
  // addr: CLIENT KILL ADDR of each client's addr (that one connection, as `clients kill --addr`).
  by: optional(oneOf('id', 'addr')),
  clients: list(
    obj({
      node: str({ nonEmpty: true }),
      id: str({ pattern: /^[0-9]{1,20}$/ }),
      // By id, only for the words of the confirmation and the message.
      addr: optional(str({ nonEmpty: true })),
    }),
    { nonEmpty: true },
  ),
});
type ClientParams = ReturnType<typeof clientParams>;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "client 52 (10.0.0.9:5123) on 10.0.0.3:6379" / "3 clients on 2 nodes" */
export function clientsText(p: ClientParams, show: (s: string) => string = (s) => s): string {
  const [one] = p.clients;
  if (p.clients.length === 1 && one)
    return `client ${one.id}${one.addr === undefined ? '' : ` (${show(one.addr)})`} on ${show(one.node)}`;
  return `${plural(p.clients.length, 'client')} on ${plural(new Set(p.clients.map((c) => c.node)).size, 'node')}`;
}

/** The clients of a kill in the order of its outcomes (see killClients): a caller pairs them. */
export function killOrder<C extends { node: string }>(clients: readonly C[], by?: 'id' | 'addr'): C[] {
  if (by === 'addr') return [...clients];
  return [...new Set(clients.map((c) => c.node))].flatMap((n) => clients.filter((c) => c.node === n));
}

/**
 * CLIENT KILL ID (or ADDR) on the node that listed each client (the confirmed set, no more);
 * one outcome per client, grouped by node in the order the nodes first appear.
 */
export const killClients: OperationSpec<ClientParams> = {
  id: 'client.kill',
  params: clientParams,
  describe: (p) => `Kill ${clientsText(p, toDisplay)}`,
  plan: async (p, d) => {
    const nodes = [...new Set(p.clients.map((c) => c.node))];
    const addrs = p.by === 'addr' ? p.clients.map((c) => c.addr) : [];
    if (addrs.some((a) => a === undefined)) throw new OperationError('by addr: every client needs its addr');
    return {
      action: 'client.kill',
      summary: `Kill ${clientsText(p)}`,
      args: { clients: p.clients.map((c) => ({ node: c.node, id: c.id })) },
      write: async (ctx) =>
        p.by === 'addr'
          ? Promise.all(p.clients.map((c) => killClientAddr(d.target, ctx, c.node, c.addr!)))
          : (
              await Promise.all(
                nodes.map((n) =>
                  killClientIds(
                    d.target,
                    ctx,
                    n,
                    p.clients.filter((c) => c.node === n).map((c) => c.id),
                  ),
                ),
              )
            ).flat(),
      reread: d.reread,
    };
  },
};

const none = obj({});
type None = ReturnType<typeof none>;
const onNodes = (n: number) => `on ${plural(n, 'node')}`;
// node: that one node only (an audit fix, judged per node); absent: every node.
const persistParams = obj({ node: optional(str({ nonEmpty: true })) });
type PersistParams = ReturnType<typeof persistParams>;

/** How a server keeps its users: ACL SAVE to the aclfile, else CONFIG REWRITE of the config file. */
function persistSpec(id: 'acl.save' | 'config.rewrite'): OperationSpec<PersistParams> {
  const aclfile = id === 'acl.save';
  const command = aclfile ? 'ACL SAVE' : 'CONFIG REWRITE';
  const what = aclfile ? 'the users to the aclfile' : 'the settings and users into the config file';
  return {
    id,
    params: persistParams,
    describe: (p) =>
      `${command}: write ${what} ${p.node === undefined ? 'on every node' : `on ${toDisplay(p.node)}`}`,
    plan: async (p, d) => {
      const only = p.node === undefined ? undefined : [p.node];
      return {
        action: id,
        summary: `${command} ${p.node === undefined ? onNodes(d.target.nodeIds().length) : `on ${p.node}`}`,
        args: {
          mode: aclfile ? 'aclfile' : 'config',
          ...(p.node === undefined ? {} : { node: toDisplay(p.node) }),
        },
        write: (ctx) => (aclfile ? aclSave(d.target, ctx, only) : configRewrite(d.target, ctx, only)),
        reread: d.reread,
      };
    },
  };
}

export const saveAcl = persistSpec('acl.save');
export const rewriteConfig = persistSpec('config.rewrite');

/** ACL LOG RESET on every node (the caller captures the log first: see the ACL Log pane). */
export const resetLog: OperationSpec<None> = {
  id: 'acl.log-reset',
  params: none,
  describe: () => "ACL LOG RESET: empty the server's ACL LOG",
  plan: async (_p, d) => ({
    action: 'acl.log-reset',
    summary: 'ACL LOG RESET',
    write: (ctx) => resetAclLog(d.target, ctx),
    reread: d.reread,
  }),
};
