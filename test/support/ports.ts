import net from 'node:net';

const REDIS_DEFAULT = 6379;
// Redis Cluster listens on port + 10000 for its bus, so cluster ports must stay below this.
const CLUSTER_MAX = 55_535;
const BUS_OFFSET = 10_000;

// Ports handed out by this process; the OS may offer one again before the server binds it.
const handedOut = new Set<number>();

function listenOn(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/** A loopback port that was free a moment ago (never 6379). */
export async function freePort(options: { clusterBus?: boolean } = {}): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = await listenOn(0);
    if (port === undefined || port === REDIS_DEFAULT || handedOut.has(port)) continue;
    if (options.clusterBus) {
      if (port >= CLUSTER_MAX || port + BUS_OFFSET === REDIS_DEFAULT) continue;
      if ((await listenOn(port + BUS_OFFSET)) === undefined) continue;
    }
    handedOut.add(port);
    return port;
  }
  throw new Error('could not find a free loopback port after 200 attempts');
}

/** Whether something already listens on 127.0.0.1:port. */
export async function isPortFree(port: number): Promise<boolean> {
  return (await listenOn(port)) !== undefined;
}
