// A node handle from a Target, against a real server: every write tried through it is refused
// before anything reaches the server (INFO commandstats counts every command the server saw,
// refused ones too), while the reads and the write path (writeOn, journaled) still work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionId } from '../../src/domain/actions.js';
import type { JournalSink } from '../../src/redis/command.js';
import { writeOn } from '../../src/redis/command.js';
import { writerOf } from '../../src/redis/node.js';
import { WriteOnReadHandle } from '../../src/redis/read-node.js';
import type { ReadNode } from '../../src/redis/read-node.js';
import { Target } from '../../src/redis/target.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { connectRaw } from '../support/resp-client.js';
import type { RawConnection } from '../support/resp-client.js';
import { READS, WRITES } from '../support/read-write-commands.js';

let server: RedisHandle;
let target: Target;
let node: ReadNode;
let raw: RawConnection;

/** The commands the server has run since the last CONFIG RESETSTAT, as `acl|setuser`. */
async function seen(): Promise<string[]> {
  const text = String(await raw.call('INFO', 'commandstats'));
  return [...text.matchAll(/^cmdstat_([^:]+):/gm)].map((m) => m[1]!).sort();
}

beforeAll(async () => {
  server = await startRedis({ aclUsers: ['user default off', 'user admin on >adm ~* &* +@all'] });
  target = new Target({
    spec: { host: server.host, port: server.port, user: 'admin' },
    password: 'adm',
    heartbeatMs: 0,
  });
  target.start();
  await target.settled();
  node = target.node(target.nodeIds()[0]!)!;
  expect(node.status.state).toBe('ready');
  raw = await connectRaw({ host: server.host, port: server.port });
  await raw.call('AUTH', 'admin', 'adm');
});
afterAll(async () => {
  raw?.close();
  await target?.close();
  await server?.stop();
});

describe('a read handle on a real server', () => {
  it('refuses every write before it is sent: the server never sees one', async () => {
    await raw.call('SET', 'k', 'before');
    await raw.call('CONFIG', 'RESETSTAT');
    for (const [command, ...args] of WRITES) {
      for (const send of [node.call.bind(node), node.callBuffer.bind(node)]) {
        const err = await send(command, args).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect([command, ...args, err]).toEqual([command, ...args, expect.any(WriteOnReadHandle)]);
      }
    }
    // Only the test's own link's commands (and the RESETSTAT itself, on some versions).
    expect((await seen()).filter((c) => c !== 'info' && c !== 'config|resetstat')).toEqual([]);
    expect(await raw.call('GET', 'k')).toBe('before');
    expect(await raw.call('ACL', 'GETUSER', 'x')).toBeNull();
    expect(node.status.state).toBe('ready');
  });

  it('still sends every read', async () => {
    await raw.call('CONFIG', 'RESETSTAT');
    for (const [command, ...args] of READS) {
      const err = await node.call(command, args).then(
        () => undefined,
        (e: unknown) => e,
      );
      // A server may refuse a read (CLUSTER on a standalone node): refused there, not here.
      expect(err).not.toBeInstanceOf(WriteOnReadHandle);
    }
    expect(await seen()).toEqual(expect.arrayContaining(['acl|whoami', 'client|list', 'ping']));
  });

  it('the write path still writes, journaled', async () => {
    const entries: Parameters<JournalSink['append']>[0][] = [];
    const journal: JournalSink = { append: (e) => void entries.push(e) };
    const out = await writeOn(node, { journal, action: 'acl.test' as ActionId }, 'ACL', [
      'SETUSER',
      'made',
      'on',
    ]);
    expect(out.outcome).toBe('ok');
    expect(entries).toMatchObject([
      { action: 'acl.test', outcome: 'ok', args: ['ACL', 'SETUSER', 'made', 'on'] },
    ]);
    expect(await raw.call('ACL', 'GETUSER', 'made')).not.toBeNull();
  });

  it('the write capability is only behind a handle a Target handed out', () => {
    const fake: ReadNode = { ...node, call: node.call.bind(node) };
    expect(() => writerOf(fake)).toThrow(/writes go through the mutation path/);
  });
});
