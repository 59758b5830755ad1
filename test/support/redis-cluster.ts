import { setTimeout as sleep } from 'node:timers/promises';
import { startRedis } from './redis-instance.js';
import type { RedisHandle } from './redis-instance.js';
import { connectRaw } from './resp-client.js';
import type { RawConnection, RespValue } from './resp-client.js';

export interface ClusterOptions {
  /** requirepass + masterauth on every node. */
  password?: string;
  extraConfig?: string[];
}

export interface ClusterHandle {
  /** Primaries first (slots 0-5460, 5461-10922, 10923-16383), then their replicas in the same order. */
  nodes: RedisHandle[];
  seed: { host: string; port: number };
  password?: string;
  stop(): Promise<void>;
}

const PRIMARIES = 3;
const SLOTS = 16_384;
const FORM_TIMEOUT_MS = 20_000;
const POLL_MS = 50;

async function stopAll(nodes: RedisHandle[]): Promise<void> {
  await Promise.all(nodes.map((node) => node.stop()));
}

async function until(what: string, check: () => Promise<boolean>, deadline: number): Promise<void> {
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`cluster did not form in time: ${what}`);
    await sleep(POLL_MS);
  }
}

function nodeLines(reply: unknown): string[][] {
  return String(reply)
    .trim()
    .split('\n')
    .map((line) => line.split(' '));
}

/** Every node sees all six, none in handshake or failing, with the expected roles. */
async function sameView(conns: RawConnection[], roles: boolean): Promise<boolean> {
  for (const conn of conns) {
    const lines = nodeLines(await conn.call('CLUSTER', 'NODES'));
    const flags = lines.map((fields) => (fields[2] ?? '').split(','));
    if (lines.length !== conns.length) return false;
    if (flags.some((f) => f.some((flag) => /handshake|fail|noaddr/.test(flag)))) return false;
    if (roles && flags.filter((f) => f.includes('slave')).length !== conns.length - PRIMARIES) return false;
  }
  return true;
}

/**
 * Every node puts each replica in its primary's shard (CLUSTER SHARDS: 3 shards of 2). Redis
 * 7.2+ and Valkey save shard ids in nodes.conf, and a node killed while it still held a
 * replica's old shard id does not start again ("corrupted cluster config file").
 */
async function sameShards(conns: RawConnection[]): Promise<boolean> {
  for (const conn of conns) {
    const shards = (await conn.call('CLUSTER', 'SHARDS')) as RespValue[][];
    const sizes = shards.map((shard) => {
      const nodes = shard[shard.indexOf('nodes') + 1];
      return Array.isArray(nodes) ? nodes.length : 0;
    });
    if (sizes.length !== PRIMARIES || sizes.some((n) => n !== conns.length / PRIMARIES)) return false;
  }
  return true;
}

async function allHealthy(conns: RawConnection[]): Promise<boolean> {
  for (const [i, conn] of conns.entries()) {
    if (!String(await conn.call('CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
    if (i >= PRIMARIES && !String(await conn.call('INFO', 'replication')).includes('master_link_status:up')) {
      return false;
    }
  }
  return (await sameView(conns, true)) && sameShards(conns);
}

/**
 * Forms the cluster by hand (what `redis-cli --cluster create` does, minus its one-second
 * sleeps): slots on the primaries, distinct config epochs, MEET from one node, then REPLICATE.
 */
async function form(nodes: RedisHandle[], conns: RawConnection[]): Promise<void> {
  const deadline = Date.now() + FORM_TIMEOUT_MS;
  const ids = await Promise.all(conns.map(async (c) => String(await c.call('CLUSTER', 'MYID'))));
  for (let i = 0; i < PRIMARIES; i += 1) {
    const first = Math.floor((i * SLOTS) / PRIMARIES);
    const last = Math.floor(((i + 1) * SLOTS) / PRIMARIES) - 1;
    await conns[i]?.call('CLUSTER', 'ADDSLOTSRANGE', first, last);
  }
  // Distinct epochs up front spare the nodes their collision-resolution rounds.
  for (const [i, conn] of conns.entries()) await conn.call('CLUSTER', 'SET-CONFIG-EPOCH', i + 1);
  // Every pair meets directly (once, lower index first): gossip alone takes seconds to spread.
  for (const [i, conn] of conns.entries()) {
    for (const node of nodes.slice(i + 1)) await conn.call('CLUSTER', 'MEET', node.host, node.port);
  }
  await until('nodes did not all meet', () => sameView(conns, false), deadline);
  for (let i = PRIMARIES; i < conns.length; i += 1) {
    await conns[i]?.call('CLUSTER', 'REPLICATE', ids[i - PRIMARIES] ?? '');
  }
  await until(
    'state ok, 3 masters + 3 attached replicas in 3 shards on every node',
    () => allHealthy(conns),
    deadline,
  );
}

/** A 3-primary / 3-replica cluster on loopback, ready (cluster_state:ok everywhere) when resolved. */
export async function startCluster(options: ClusterOptions = {}): Promise<ClusterHandle> {
  const started = await Promise.allSettled(
    Array.from({ length: PRIMARIES * 2 }, () =>
      startRedis({ cluster: true, password: options.password, extraConfig: options.extraConfig }),
    ),
  );
  const nodes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stopAll(nodes);
    throw failed.reason;
  }
  const conns: RawConnection[] = [];
  try {
    for (const node of nodes) {
      const conn = await connectRaw({ host: node.host, port: node.port });
      conns.push(conn);
      if (options.password) await conn.call('AUTH', options.password);
    }
    await form(nodes, conns);
  } catch (error) {
    await stopAll(nodes);
    throw error;
  } finally {
    conns.forEach((conn) => conn.close());
  }
  const first = nodes[0] as RedisHandle;
  return {
    nodes,
    seed: { host: first.host, port: first.port },
    password: options.password,
    stop: () => stopAll(nodes),
  };
}
