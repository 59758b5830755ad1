// client.kill-net against a real server: clients bound to 127.0.0.2 and 127.0.0.1 (net.connect
// with localAddress); the network given loses exactly its clients, the console's own link
// never, and a list the operator was shown is all that is killed.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientsInNet } from '../../src/ops/operations/kill-net-spec.js';
import { until } from '../helpers/until.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { ADMIN, consoleOn, nodeOf } from './contain-support.js';
import type { Console } from './contain-support.js';

let server: RedisHandle;
let con: Console | undefined;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  server = await startRedis({ aclUsers: ADMIN });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await con?.close();
  con = undefined;
});
afterAll(() => server.stop());

/** A client connected from `from`, listed by the server; `closed` tells whether it was killed. */
async function client(from: string) {
  const s = net.connect({ host: server.host, port: server.port, localAddress: from });
  sockets.push(s);
  let closed = false;
  s.on('close', () => (closed = true));
  s.on('error', () => {});
  await new Promise<void>((r) => s.once('connect', () => r()));
  return { addr: `${from}:${s.localPort}`, closed: () => closed };
}

const listed = async (c: Console) => {
  const found = await clientsInNet(c.target, '0.0.0.0/0');
  return found.clients.map((x) => x.addr);
};

describe('client.kill-net', () => {
  it('kills exactly the clients in the network, journaled under its id; the confirmation names them', async () => {
    con = await consoleOn(server);
    const c = con;
    const far = [await client('127.0.0.2'), await client('127.0.0.2')];
    const near = [await client('127.0.0.1')];
    await until(async () => (await listed(c)).length >= 3, 'listed');
    const op = { id: 'client.kill-net', params: { cidr: '127.0.0.2/32' } } as const;

    const ask = await c.run(op, { confirmed: false });
    expect(ask.status).toBe('needs-confirmation');
    for (const f of far) expect(ask.summary).toContain(f.addr);
    expect(ask.summary).not.toContain(near[0]!.addr);

    const refused = await c.run(op, { readOnly: true });
    expect(refused.status).toBe('refused');
    expect(far.some((f) => f.closed())).toBe(false);

    const r = await c.run(op);
    expect(r.status).toBe('done');
    await until(() => far.every((f) => f.closed()), 'the 127.0.0.2 clients closed');
    expect(near[0]!.closed()).toBe(false);
    const addrs = await listed(c);
    expect(addrs).toContain(near[0]!.addr);
    expect(addrs.filter((a) => a.startsWith('127.0.0.2:'))).toEqual([]);
    const kills = c.journal.filter((e) => e.outcome !== 'refused');
    expect(kills).toHaveLength(2);
    for (const e of kills)
      expect(e).toMatchObject({ action: 'client.kill-net', outcome: 'ok', detail: { killed: 1 } });
  });

  it("never kills the console's own connection, even in the network", async () => {
    con = await consoleOn(server);
    const c = con;
    const node = c.target.node(nodeOf(server))!;
    const own = await node.ownClientId();
    const near = await client('127.0.0.1');
    await until(async () => (await listed(c)).includes(near.addr), 'listed');
    const r = await c.run({ id: 'client.kill-net', params: { node: nodeOf(server), cidr: '127.0.0.0/8' } });
    expect(r.status).toBe('done');
    await until(() => near.closed(), 'the other 127.0.0.1 client closed');
    expect(c.target.status().nodes[0]?.state).toBe('ready');
    expect(await node.call('CLIENT', ['ID'])).toBe(Number(own));
  });

  it('kills only the clients it showed: one that came after is left', async () => {
    con = await consoleOn(server);
    const c = con;
    const shown = await client('127.0.0.2');
    await until(async () => (await listed(c)).includes(shown.addr), 'listed');
    const { clients } = await clientsInNet(c.target, '127.0.0.2/32');
    const later = await client('127.0.0.2');
    await until(async () => (await listed(c)).includes(later.addr), 'listed');
    const r = await c.run({ id: 'client.kill-net', params: { cidr: '127.0.0.2/32', clients } });
    expect(r.status).toBe('done');
    await until(() => shown.closed(), 'the shown client closed');
    expect(later.closed()).toBe(false);
    expect(await listed(c)).toContain(later.addr);
  });

  it('with no client in the network: refused, nothing sent', async () => {
    con = await consoleOn(server);
    const r = await con.run({ id: 'client.kill-net', params: { cidr: '10.9.9.0/24' } });
    expect(r.status).toBe('refused');
    expect(r.reason).toMatch(/no client is connected from 10\.9\.9\.0\/24/);
    expect(con.journal).toEqual([]);
  });
});
