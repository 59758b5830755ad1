// A scripted RESP2 server of the project's own, for what a real redis-server cannot be made
// to send: hostile INFO fields, error replies holding escape sequences, bidi overrides or
// invalid UTF-8, a reply that never comes. Each command is answered from a table; nothing
// is stored. Replies are raw bytes, built with the `resp` helpers below, so a test can put
// any byte anywhere.
import net from 'node:net';

/** RESP2 encoders: each returns the exact bytes of one reply. */
export const resp = {
  simple: (text: string | Buffer): Buffer => Buffer.concat([Buffer.from('+'), bytesOf(text), CRLF]),
  /** An error reply (`-ERR ...`): the first word is the code. It cannot hold CR or LF. */
  error: (text: string | Buffer): Buffer => Buffer.concat([Buffer.from('-'), bytesOf(text), CRLF]),
  int: (n: number | bigint): Buffer => Buffer.from(`:${n}\r\n`),
  bulk: (value: string | Buffer | null): Buffer => {
    if (value === null) return Buffer.from('$-1\r\n');
    const b = bytesOf(value);
    return Buffer.concat([Buffer.from(`$${b.length}\r\n`), b, CRLF]);
  },
  array: (items: readonly Buffer[] | null): Buffer =>
    items === null ? Buffer.from('*-1\r\n') : Buffer.concat([Buffer.from(`*${items.length}\r\n`), ...items]),
  ok: (): Buffer => Buffer.from('+OK\r\n'),
};

const CRLF = Buffer.from('\r\n');
const bytesOf = (v: string | Buffer): Buffer => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v);

/** An INFO reply body from `field: value` pairs (the `# Server` header included). */
export function infoText(fields: Record<string, string | Buffer>, section = 'Server'): Buffer {
  const lines = Object.entries(fields).map(([k, v]) =>
    Buffer.concat([Buffer.from(`${k}:`), bytesOf(v), CRLF]),
  );
  return Buffer.concat([Buffer.from(`# ${section}\r\n`), ...lines]);
}

/**
 * What a command gets: its reply bytes; a function of the arguments (undefined: fall through
 * to the defaults); or 'hang', which never answers (a silent server).
 */
export type Scripted = Buffer | 'hang' | ((args: Buffer[]) => Buffer | 'hang' | undefined);

export interface FakeRedisOptions {
  /**
   * Keyed by the command in upper case, with its subcommand when it has one: "ACL WHOAMI"
   * is looked up before "ACL", so one entry can answer a whole family.
   */
  replies?: Record<string, Scripted>;
}

export interface FakeRedis {
  host: string;
  port: number;
  /** Every command received, in order, as text (lossy; for assertions and debugging). */
  received: string[][];
  stop(): Promise<void>;
}

// What a client needs to get connected when a test scripts nothing else: a Redis 7.0 server
// with no password, whose default user may do everything.
const DEFAULTS: Record<string, Scripted> = {
  PING: Buffer.from('+PONG\r\n'),
  AUTH: resp.ok(),
  SELECT: resp.ok(),
  QUIT: resp.ok(),
  'CLIENT SETNAME': resp.ok(),
  'CLIENT SETINFO': resp.ok(),
  'CLIENT ID': resp.int(7),
  'ACL WHOAMI': resp.bulk('default'),
  INFO: resp.bulk(
    infoText({ redis_version: '7.0.15', redis_mode: 'standalone', run_id: 'f'.repeat(40), role: 'master' }),
  ),
  'CLUSTER INFO': resp.error('ERR This instance has cluster support disabled'),
  'CLUSTER SLOTS': resp.error('ERR This instance has cluster support disabled'),
  'CLUSTER SHARDS': resp.error('ERR This instance has cluster support disabled'),
  'CLUSTER NODES': resp.error('ERR This instance has cluster support disabled'),
};

/** One complete command (a RESP array of bulk strings) at the start of `buf`, or undefined. */
function parseCommand(buf: Buffer): { args: Buffer[]; end: number } | undefined {
  const eol = buf.indexOf('\r\n');
  if (eol < 0) return undefined;
  if (buf[0] !== 0x2a) {
    // An inline command (telnet style): words separated by spaces.
    const words = buf.toString('latin1', 0, eol).split(' ').filter(Boolean);
    return { args: words.map((w) => Buffer.from(w, 'latin1')), end: eol + 2 };
  }
  const count = Number(buf.toString('latin1', 1, eol));
  const args: Buffer[] = [];
  let at = eol + 2;
  for (let i = 0; i < count; i++) {
    const lineEnd = buf.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const len = Number(buf.toString('latin1', at + 1, lineEnd));
    const start = lineEnd + 2;
    if (buf.length < start + len + 2) return undefined;
    args.push(buf.subarray(start, start + len));
    at = start + len + 2;
  }
  return { args, end: at };
}

function answer(table: Record<string, Scripted>, args: Buffer[]): Buffer | 'hang' {
  const name = (args[0]?.toString('latin1') ?? '').toUpperCase();
  const sub = (args[1]?.toString('latin1') ?? '').toUpperCase();
  for (const key of [`${name} ${sub}`, name]) {
    for (const source of [table, DEFAULTS]) {
      const scripted = source[key];
      if (scripted === undefined) continue;
      const reply = typeof scripted === 'function' ? scripted(args) : scripted;
      if (reply !== undefined) return reply;
    }
  }
  return resp.error(`ERR unknown command '${name.toLowerCase()}'`);
}

/** Starts a fake server on a free loopback port. */
export async function startFakeRedis(options: FakeRedisOptions = {}): Promise<FakeRedis> {
  const table = options.replies ?? {};
  const received: string[][] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    let hung = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const parsed = parseCommand(buffer);
        if (!parsed) return;
        buffer = buffer.subarray(parsed.end);
        received.push(parsed.args.map((a) => a.toString('utf8')));
        // After a command that hangs, later ones wait behind it, as on a real connection.
        if (hung) continue;
        const reply = answer(table, parsed.args);
        if (reply === 'hang') hung = true;
        else socket.write(reply);
        // QUIT: the server closes the connection after its reply (clients wait for that).
        if (parsed.args[0]?.toString('latin1').toUpperCase() === 'QUIT') socket.end();
      }
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  if (port === 6379) {
    server.close();
    return startFakeRedis(options);
  }
  return {
    host: '127.0.0.1',
    port,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
