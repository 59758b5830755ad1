// Where the demo's simulated clients connect from. Over the unix socket every client had
// the same address, so the Clients pane's address column, `c`, `A` and the "outside the
// expected networks" highlight had nothing to show. Linux routes all of 127.0.0.0/8 to lo,
// so a TCP client can bind 127.0.0.2, 127.0.0.3, ... as its source address; the server
// itself still listens on 127.0.0.1 only.
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { AbstractConnector } from 'ioredis';

/** The demo profile's expected networks: 127.0.0.0/29 (.0 to .7), so .9 is outside. */
export const DEMO_EXPECTED_NETWORKS = ['127.0.0.0/29'];

/** Source addresses in the order the activity hands them out; the last is outside the networks. */
export const DEMO_SOURCES = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.9'] as const;

export interface DemoSources {
  /** DEMO_SOURCES, or every entry 127.0.0.1 when this host cannot bind them. */
  addresses: string[];
  /** Said to the operator when the fallback was taken. */
  note?: string;
}

const canBind = (address: string): Promise<boolean> =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(0, address, () => srv.close(() => resolve(true)));
  });

/** Checks once that the host can bind the extra loopback addresses (macOS cannot by default). */
export async function pickDemoSources(wanted: readonly string[] = DEMO_SOURCES): Promise<DemoSources> {
  const ok = await Promise.all(wanted.map(canBind));
  if (ok.every(Boolean)) return { addresses: [...wanted] };
  return {
    addresses: wanted.map(() => '127.0.0.1'),
    note: `this host cannot use ${wanted.filter((_, i) => !ok[i]).join(', ')} as a source address, so every demo client comes from 127.0.0.1.`,
  };
}

/**
 * An ioredis Connector that connects from a given local address: ioredis passes no
 * `localAddress` to the socket it opens, so the demo opens the socket itself.
 */
export function connectorFrom(localAddress: string) {
  return class FromAddress extends AbstractConnector {
    private readonly target: { host: string; port: number };
    constructor(options: unknown) {
      const o = options as { host?: string; port?: number; disconnectTimeout?: number };
      super(o.disconnectTimeout ?? 2000);
      this.target = { host: o.host ?? '127.0.0.1', port: o.port ?? 0 };
    }
    connect(): Promise<Socket> {
      this.connecting = true;
      const socket: Socket = createConnection({ ...this.target, localAddress });
      socket.once('error', (err) => {
        this.firstError = err;
      });
      this.stream = socket;
      return Promise.resolve(socket);
    }
  };
}
