// `certs check -c`: every node the cluster names is handshaken and reported on its own. On a
// plain-text cluster each node is "could not connect" with the plain-port explanation (exit 2),
// none hidden behind the seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../support/redis-server.js';
import type { ClusterHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

let cluster: ClusterHandle;
let xdg: XdgDirs;
beforeAll(async () => {
  xdg = tempXdg();
  cluster = await startCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  xdg.cleanup();
});

describe('certs check -c', () => {
  it('reports each of the six nodes; a plain port on each is exit 2, named', async () => {
    const { host, port } = cluster.seed;
    const r = await cli([
      'certs',
      'check',
      '-c',
      '-h',
      host,
      '-p',
      String(port),
      '--timeout',
      '1500',
      '--json',
    ]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { exit: number; nodes: { node: string; error?: { name: string } }[] };
    expect(doc.exit).toBe(2);
    expect(doc.nodes.map((n) => n.node).sort()).toEqual(
      cluster.nodes.map((n) => `${n.host}:${n.port}`).sort(),
    );
    for (const n of doc.nodes) expect(n.error?.name).toBe('NO_TLS_ANSWER');
  });
});
