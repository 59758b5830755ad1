// A TCP proxy of the project's own in front of a real redis-server, for the faults a real
// server cannot make on cue: forward a command and then reset both sides before its reply
// (the write ran, the reply never came), hold a reply for a while, or hold it for good.
// It reads RESP both ways, so it knows which reply answers which command.
import net from 'node:net';

export type FaultAction =
  /** Forward the command, wait for its reply to reach the proxy, then reset both sides. */
  | { kind: 'reset' }
  /** Forward the command; hold its reply (and everything after it) for ms. */
  | { kind: 'delay'; ms: number }
  /** Forward the command; never pass its reply (or anything after it) on. */
  | { kind: 'hold' }
  /** Never forward the command (it does not run) nor pass anything after it: a reply lost before the server. */
  | { kind: 'swallow' }
  /** Forward the command; from then on no reply passes on any link, new ones too: a stuck node. */
  | { kind: 'stick' };

interface Rule {
  match: RegExp;
  action: FaultAction;
  /** How many more commands it applies to. */
  left: number;
}

export interface ProxyHandle {
  port: number;
  /** The next `times` commands whose words (joined by spaces) match get `action`. */
  fault(match: RegExp, action: FaultAction, times?: number): void;
  /** Every command seen, as its words joined by spaces. */
  readonly seen: string[];
  close(): Promise<void>;
}

/** Length of one complete RESP value at `at`, or -1 when more bytes are needed. */
export function respLength(buf: Buffer, at = 0): number {
  if (at >= buf.length) return -1;
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return -1;
  const type = String.fromCharCode(buf[at]!);
  const head = buf.toString('latin1', at + 1, eol);
  const after = eol + 2;
  if ('+-:_#,('.includes(type)) return after - at;
  if (type === '$' || type === '!' || type === '=') {
    const n = Number(head);
    if (n < 0) return after - at;
    return buf.length >= after + n + 2 ? after + n + 2 - at : -1;
  }
  if (type === '*' || type === '~' || type === '>' || type === '%' || type === '|') {
    let n = Number(head);
    if (type === '%' || type === '|') n *= 2;
    let pos = after;
    for (let i = 0; i < Math.max(0, n); i += 1) {
      const len = respLength(buf, pos);
      if (len < 0) return -1;
      pos += len;
    }
    return pos - at;
  }
  // Not RESP (an inline command): one line.
  return after - at;
}

/** The words of one command (an array of bulk strings, or an inline line). */
function wordsOf(frame: Buffer): string {
  if (frame[0] !== 0x2a) return frame.toString('latin1').trim();
  const words: string[] = [];
  let pos = frame.indexOf('\r\n') + 2;
  while (pos < frame.length) {
    const eol = frame.indexOf('\r\n', pos);
    const n = Number(frame.toString('latin1', pos + 1, eol));
    words.push(frame.toString('latin1', eol + 2, eol + 2 + n));
    pos = eol + 2 + n + 2;
  }
  return words.join(' ');
}

export async function startProxy(upstream: { host?: string; port: number }): Promise<ProxyHandle> {
  const rules: Rule[] = [];
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  let stuck = false;

  const server = net.createServer((client) => {
    const up = net.connect({ host: upstream.host ?? '127.0.0.1', port: upstream.port });
    sockets.add(client).add(up);
    // One entry per command sent upstream, in order: what to do with its reply.
    const pending: (FaultAction | undefined)[] = [];
    let fromClient = Buffer.alloc(0);
    let fromServer = Buffer.alloc(0);
    let blocked = false;
    let swallowing = false;
    const destroyBoth = () => {
      client.destroy();
      up.destroy();
    };
    client.on('error', destroyBoth);
    up.on('error', destroyBoth);
    client.on('close', () => up.destroy());
    up.on('close', () => client.destroy());

    client.on('data', (chunk) => {
      fromClient = Buffer.concat([fromClient, chunk]);
      for (;;) {
        const len = respLength(fromClient);
        if (len < 0) break;
        const frame = fromClient.subarray(0, len);
        fromClient = fromClient.subarray(len);
        const words = wordsOf(frame);
        seen.push(words);
        const rule = rules.find((r) => r.left > 0 && r.match.test(words));
        if (rule) rule.left -= 1;
        if (rule?.action.kind === 'swallow') swallowing = true;
        if (swallowing) continue;
        if (rule?.action.kind === 'stick') stuck = true;
        pending.push(rule?.action);
        up.write(frame);
      }
    });

    const pump = () => {
      while (!blocked && !stuck) {
        const len = respLength(fromServer);
        if (len < 0) return;
        const reply = fromServer.subarray(0, len);
        const action = pending.shift();
        if (action?.kind === 'reset') {
          // The server ran the command and answered; the client never hears it.
          client.resetAndDestroy();
          up.resetAndDestroy();
          blocked = true;
          return;
        }
        if (action?.kind === 'hold' || action?.kind === 'delay') {
          blocked = true;
          if (action.kind === 'delay')
            setTimeout(() => {
              blocked = false;
              client.write(reply);
              fromServer = fromServer.subarray(len);
              pump();
            }, action.ms);
          return;
        }
        fromServer = fromServer.subarray(len);
        client.write(reply);
      }
    };
    up.on('data', (chunk) => {
      fromServer = Buffer.concat([fromServer, chunk]);
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    seen,
    fault(match, action, times = 1) {
      rules.push({ match, action, left: times });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
