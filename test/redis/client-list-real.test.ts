// CLIENT LIST from a real Redis 7.0: raw connections (TCP and a unix socket), a named client
// and a user whose name holds ESC, `=` and invalid UTF-8, read as raw bytes and parsed.
// Every open connection is listed, and the hostile username comes back byte for byte.
import net from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostOf } from '../../src/domain/clients/cidr.js';
import { rawBytes } from '../../src/domain/bytes.js';
import { parseClientList } from '../../src/redis/parse/client-list.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { adminOf } from '../support/admin-client.js';

const HOSTILE = Buffer.concat([
  Buffer.from('\x1b[31mev\x1b]0;t\x07il=1\u202e'),
  Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
  Buffer.from('é'),
]);

interface Raw {
  /** Sends one command (RESP, arguments as bytes) and resolves with its one-line reply. */
  call(...args: (string | Buffer)[]): Promise<string>;
  socket: net.Socket;
}

// A bare socket, so the test depends on nothing but the server for how clients look to it.
async function raw(opts: net.NetConnectOpts): Promise<Raw> {
  const socket = net.connect(opts);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let pending = Buffer.alloc(0);
  let waiter: ((line: string) => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    const eol = pending.indexOf('\r\n');
    if (eol >= 0 && waiter) {
      const line = pending.subarray(0, eol).toString();
      pending = pending.subarray(eol + 2);
      waiter(line);
    }
  });
  return {
    socket,
    call(...args) {
      const parts = args.map((a) => (typeof a === 'string' ? Buffer.from(a) : a));
      const frame = Buffer.concat([
        Buffer.from(`*${parts.length}\r\n`),
        ...parts.flatMap((p) => [Buffer.from(`$${p.length}\r\n`), p, Buffer.from('\r\n')]),
      ]);
      return new Promise((resolve) => {
        waiter = resolve;
        socket.write(frame);
      });
    },
  };
}

let server: RedisHandle;
let admin: Redis;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  server = await startRedis({
    unixSocket: true,
    aclUsers: ['user default on nopass ~* &* +@all', 'user admin on >adm ~* &* +@all'],
  });
  admin = adminOf(server, 'adm');
  await admin.callBuffer('ACL', ['SETUSER', HOSTILE, 'on', '>hostile-pw', '~*', '+@all']);
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  admin?.disconnect();
  await server?.stop();
});

describe('CLIENT LIST from redis-server', () => {
  it('lists every connection; names, unix sockets and a hostile username survive parsing', async () => {
    const named = await raw({ host: server.host, port: server.port });
    const evil = await raw({ host: server.host, port: server.port });
    const local = await raw({ path: server.socketPath! });
    sockets.push(named.socket, evil.socket, local.socket);
    expect(await named.call('CLIENT', 'SETNAME', 'worker-1')).toBe('+OK');
    expect(await evil.call('AUTH', HOSTILE, 'hostile-pw')).toBe('+OK');
    const ids = {
      named: (await named.call('CLIENT', 'ID')).slice(1),
      evil: (await evil.call('CLIENT', 'ID')).slice(1),
      local: (await local.call('CLIENT', 'ID')).slice(1),
      admin: String(await admin.client('ID')),
    };

    const reply = await admin.callBuffer('CLIENT', ['LIST']);
    expect(Buffer.isBuffer(reply)).toBe(true);
    const rows = parseClientList(reply as Buffer, `${server.host}:${server.port}`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual(Object.values(ids).sort());
    expect(rows.every((r) => r.node === `${server.host}:${server.port}`)).toBe(true);

    expect(byId.get(ids.named)).toMatchObject({
      name: 'worker-1',
      user: 'default',
      cmd: 'client|id',
      flags: 'N',
    });
    expect(hostOf(byId.get(ids.named)!.addr)).toBe('127.0.0.1');
    expect(byId.get(ids.named)!.laddr).toBe(`127.0.0.1:${server.port}`);

    const evilRow = byId.get(ids.evil)!;
    expect(rawBytes(evilRow.user)).toEqual(HOSTILE);
    expect(evilRow.user.startsWith('\x1b[31mev')).toBe(true);

    const localRow = byId.get(ids.local)!;
    expect(localRow.flags).toContain('U');
    expect(localRow.addr).toBe(`${server.socketPath}:0`);
    expect(hostOf(localRow.addr)).toBe(server.socketPath);

    const self = byId.get(ids.admin)!;
    expect(self).toMatchObject({ user: 'admin', cmd: 'client|list', multi: -1, resp: 2 });
    expect(self.totMem).toBeGreaterThan(0);
    // 7.0 prints rbs/rbp, which ClientInfo does not name.
    expect(Object.keys(self.extra)).toEqual(expect.arrayContaining(['rbs', 'rbp']));
  });
});
