// One short exchange on a socket of the audit's own (the unauthenticated PING, the TLS
// handshake): it settles once, within its bound, and the socket is always destroyed after.
import type net from 'node:net';

export interface ExchangeBounds {
  timeoutMs: number;
  /** What the error says when the bound ends it. */
  timedOut: string;
  /** What the error says when the server closes first. */
  closed: string;
}

export type Finish<T> = (err: Error | undefined, value?: T) => void;

export function socketExchange<T, S extends net.Socket>(
  socket: S,
  bounds: ExchangeBounds,
  exchange: (socket: S, finish: Finish<T>) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const finish: Finish<T> = (err, value) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value as T);
    };
    const timer = setTimeout(() => finish(new Error(bounds.timedOut)), bounds.timeoutMs);
    socket.on('error', (err: Error) => finish(err));
    socket.on('close', () => finish(new Error(bounds.closed)));
    try {
      exchange(socket, finish);
    } catch (err) {
      finish(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
