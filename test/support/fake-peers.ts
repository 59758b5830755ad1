// Servers that are not Redis, for what the console says when pointed at one: a silent one
// (accepts, never answers), one that closes at once, an HTTP server, an SSH banner, and a
// TLS server's answer to a client that speaks plain text (an alert record).
import http from 'node:http';
import net from 'node:net';

export interface PeerHandle {
  port: number;
  close(): Promise<void>;
}

async function listen(server: net.Server, sockets: Set<net.Socket>): Promise<PeerHandle> {
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export type PeerKind = 'silent' | 'close' | 'http' | 'ssh' | 'tls-alert';

/** A fatal TLS alert record (decode_error), as a TLS server sends to a client that speaks plain text. */
const TLS_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x32]);

/** A fake peer of the given kind on a free loopback port. */
export function startPeer(kind: PeerKind): Promise<PeerHandle> {
  const sockets = new Set<net.Socket>();
  if (kind === 'http') {
    const server = http.createServer((_req, res) => res.end('hello'));
    return listen(server, sockets);
  }
  const server = net.createServer((s) => {
    if (kind === 'close') s.end();
    if (kind === 'tls-alert') s.once('data', () => s.end(TLS_ALERT));
    if (kind === 'ssh') s.write('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
    // silent: reads and never answers
    s.resume();
  });
  return listen(server, sockets);
}
