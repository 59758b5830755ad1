import net from 'node:net';
import tls from 'node:tls';

/** RESP2 values as the helpers need them; errors come back as thrown RespError. */
export type RespValue = string | number | null | RespValue[];

export class RespError extends Error {
  override readonly name = 'RespError';
}

export interface RawTarget {
  host?: string;
  port?: number;
  path?: string;
  tls?: tls.ConnectionOptions;
  timeoutMs?: number;
}

/** A Buffer argument goes as its exact bytes (a user name that is not UTF-8). */
export type RawArg = string | number | Buffer;

export interface RawConnection {
  call(...args: RawArg[]): Promise<RespValue>;
  close(): void;
}

type Parsed = { value: RespValue | RespError; end: number } | undefined;

function parseReply(buf: Buffer, start: number): Parsed {
  const eol = buf.indexOf('\r\n', start);
  if (eol < 0) return undefined;
  const line = buf.toString('utf8', start + 1, eol);
  const next = eol + 2;
  switch (String.fromCharCode(buf[start] ?? 0)) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: new RespError(line), end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, end: next };
      if (buf.length < next + len + 2) return undefined;
      return { value: buf.toString('utf8', next, next + len), end: next + len + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: RespValue[] = [];
      let at = next;
      for (let i = 0; i < count; i += 1) {
        const item = parseReply(buf, at);
        if (!item) return undefined;
        items.push(item.value instanceof RespError ? item.value.message : item.value);
        at = item.end;
      }
      return { value: items, end: at };
    }
    default:
      throw new Error(`unexpected RESP type byte ${buf[start] ?? '?'}`);
  }
}

function encode(args: RawArg[]): Buffer {
  const parts = args.map((a) => (Buffer.isBuffer(a) ? a : Buffer.from(String(a))));
  return Buffer.concat([
    Buffer.from(`*${parts.length}\r\n`),
    ...parts.flatMap((p) => [Buffer.from(`$${p.length}\r\n`), p, Buffer.from('\r\n')]),
  ]);
}

/**
 * A minimal RESP2 client over a raw socket: lets the helpers check readiness and form a cluster
 * without the product's own connection code, so harness failures never hide product bugs.
 */
export async function connectRaw(target: RawTarget): Promise<RawConnection> {
  const timeoutMs = target.timeoutMs ?? 5000;
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const event = target.tls ? 'secureConnect' : 'connect';
    const base = target.path
      ? { path: target.path }
      : { host: target.host ?? '127.0.0.1', port: target.port ?? 0 };
    const s = target.tls ? tls.connect({ ...base, ...target.tls }) : net.connect(base);
    s.setTimeout(timeoutMs, () => s.destroy(new Error(`connect timed out after ${timeoutMs} ms`)));
    s.once(event, () => resolve(s));
    s.once('error', reject);
  });
  socket.setTimeout(0);
  let buffer = Buffer.alloc(0);
  const pending: { resolve: (v: RespValue) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const p of pending.splice(0)) p.reject(failure);
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const parsed = parseReply(buffer, 0);
      if (!parsed) return;
      buffer = buffer.subarray(parsed.end);
      const waiter = pending.shift();
      if (parsed.value instanceof RespError) waiter?.reject(parsed.value);
      else waiter?.resolve(parsed.value);
    }
  });
  socket.on('error', failAll);
  socket.on('close', () => failAll(new Error('connection closed by the server')));
  return {
    call(...args) {
      if (failure) return Promise.reject(failure);
      return new Promise<RespValue>((resolve, reject) => {
        // A reply that never came would misalign every later one: give up on the connection.
        const timer = setTimeout(
          () => socket.destroy(new Error(`${String(args[0])} got no reply in ${timeoutMs} ms`)),
          timeoutMs,
        );
        pending.push({
          resolve: (v) => (clearTimeout(timer), resolve(v)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        });
        socket.write(encode(args));
      });
    },
    close() {
      socket.destroy();
    },
  };
}

/** Connects, runs one command (after AUTH when a password is given), disconnects. */
export async function callOnce(
  target: RawTarget,
  args: RawArg[],
  auth?: { password: string; username?: string },
): Promise<RespValue> {
  const conn = await connectRaw(target);
  try {
    if (auth) await conn.call('AUTH', ...(auth.username ? [auth.username] : []), auth.password);
    return await conn.call(...args);
  } finally {
    conn.close();
  }
}
