// Helpers for the `redis-warden clients` tests: raw client connections that stay open (with
// byte arguments, so a username with invalid UTF-8 reaches the server intact), whose closing
// by the server can be awaited, and the CLI's JSON output typed.
import net from 'node:net';

type Arg = string | Buffer;

function encode(args: Arg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = typeof a === 'string' ? Buffer.from(a) : a;
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

export interface RawClient {
  /** The server's id for this connection (CLIENT ID). */
  id: string;
  /** `127.0.0.1:PORT` as CLIENT LIST prints it. */
  addr: string;
  /** Sends one command whose reply is one line (+OK, :1, -ERR ...) and returns that line. */
  send(args: Arg[]): Promise<string>;
  /** Whether the server has closed the connection. */
  closed(): boolean;
  /** Resolves when the server closes the connection; rejects after `ms`. */
  waitClosed(ms?: number): Promise<void>;
  close(): void;
}

/**
 * Opens a connection, runs `setup` (AUTH, CLIENT SETNAME, ...; each must answer +OK) and asks
 * CLIENT ID, so the user must be allowed `client|id`.
 */
export async function openRaw(port: number, setup: Arg[][] = [], host = '127.0.0.1'): Promise<RawClient> {
  const socket = net.connect({ host, port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let buffer = '';
  let isClosed = false;
  const waiters: ((line: string) => void)[] = [];
  const closeWaiters: (() => void)[] = [];
  socket.on('data', (d: Buffer) => {
    buffer += d.toString('latin1');
    let eol: number;
    while ((eol = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, eol);
      buffer = buffer.slice(eol + 2);
      waiters.shift()?.(line);
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    isClosed = true;
    for (const w of closeWaiters.splice(0)) w();
  });
  const send = (args: Arg[]) =>
    new Promise<string>((resolve, reject) => {
      if (isClosed) return reject(new Error('connection closed'));
      const timer = setTimeout(() => reject(new Error(`no reply to ${String(args[0])}`)), 5000);
      waiters.push((line) => (clearTimeout(timer), resolve(line)));
      socket.write(encode(args));
    });
  for (const cmd of setup) {
    const reply = await send(cmd);
    if (!reply.startsWith('+')) throw new Error(`setup ${String(cmd[0])}: ${reply}`);
  }
  const id = (await send(['CLIENT', 'ID'])).replace(/^:/, '');
  return {
    id,
    addr: `${socket.localAddress ?? ''}:${socket.localPort ?? 0}`,
    send,
    closed: () => isClosed,
    waitClosed: (ms = 5000) =>
      new Promise<void>((resolve, reject) => {
        if (isClosed) return resolve();
        const timer = setTimeout(() => reject(new Error(`connection ${id} still open after ${ms} ms`)), ms);
        closeWaiters.push(() => (clearTimeout(timer), resolve()));
      }),
    close: () => socket.destroy(),
  };
}

/** A connection that is still served: PING answers PONG (or NOPERM, which is an answer too). */
export async function alive(c: RawClient): Promise<boolean> {
  if (c.closed()) return false;
  try {
    return /^(\+PONG|-NOPERM)/.test(await c.send(['PING']));
  } catch {
    return false;
  }
}

export interface ClientJson {
  id: string;
  node: string;
  addr: string;
  name: string;
  user: string;
  flags: string;
  cmd: string;
  self: boolean;
  risks: string[];
  [field: string]: unknown;
}

export interface ListJson {
  nodes: { node: string; ok: boolean; clients?: number; error?: string }[];
  clients?: ClientJson[];
  groups?: { key: string; count: number; nodes: string[]; members: { node: string; id: string }[] }[];
}

export interface KillJson {
  nodes: ListJson['nodes'];
  matched: ClientJson[];
  skipped: { id: string; node: string; why: string }[];
  status: string;
  results: {
    node: string;
    outcome: string;
    killed: number;
    gone: number;
    'gone-ids': string[];
    error?: string;
    reread?: boolean;
    'gone-on-reread'?: string[];
    'still-connected'?: string[];
    'not-reread'?: string;
  }[];
  killed: number;
}

/** The field names of a client in `clients --json`, in order (Redis 7.0 prints no others). */
export const CLIENT_FIELDS = [
  'id',
  'node',
  'addr',
  'laddr',
  'fd',
  'name',
  'name-hex',
  'age',
  'idle',
  'flags',
  'db',
  'sub',
  'psub',
  'ssub',
  'multi',
  'qbuf',
  'qbuf-free',
  'argv-mem',
  'multi-mem',
  'obl',
  'oll',
  'omem',
  'tot-mem',
  'events',
  'cmd',
  'user',
  'user-hex',
  'redir',
  'resp',
  'lib-name',
  'lib-ver',
  'self',
  'risks',
];

// Anything a terminal would act on; \n only ends lines. U+FFFD would mean a raw invalid byte.
export const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd]/;
