// Names are bytes, against a real server: a user whose name is not UTF-8 (`u` 0xff `bad`) is
// read with every byte, acted on by those bytes, and each change is re-read by them; a write
// that reaches another name is reported as a mismatch, never "Done".
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toDisplay } from '../../src/domain/display.js';
import { userFromListLine } from '../../src/domain/acl/rules.js';
import { openJournal } from '../../src/journal/journal.js';
import * as acl from '../../src/redis/acl.js';
import type { ReadNode } from '../../src/redis/read-node.js';
import { Target } from '../../src/redis/target.js';
import { describeResult, runServerWrite } from '../../src/ops/mutation.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { connectRaw } from '../support/resp-client.js';
import type { RawConnection } from '../support/resp-client.js';
import { until } from '../helpers/until.js';

const BAD = Buffer.from([0x75, 0xff, 0x62, 0x61, 0x64]); // u 0xff bad
const BAD2 = Buffer.from([0x75, 0xfe, 0x62, 0x61, 0x64]); // u 0xfe bad: looked the same when lossy
const LOSSY = Buffer.from('u\ufffdbad'); // what a UTF-8 decoder makes of BAD: u EF BF BD bad
const NAME = 'u\udcffbad'; // BAD as the console carries it (src/domain/bytes.ts)

const dir = mkdtempSync(join(tmpdir(), 'rw-bytes-'));
const journal = openJournal({ dir });
const entries = () =>
  readFileSync(journal.path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { action: string; outcome: string; args?: unknown; detail?: unknown });

let server: RedisHandle;
let raw: RawConnection;
let target: Target;
let node: ReadNode;
const flagsOf = async (name: Buffer) => {
  const reply = (await raw.call('ACL', 'GETUSER', name)) as unknown[] | null;
  return reply === null ? null : (reply[1] as string[]);
};

beforeAll(async () => {
  server = await startRedis({ aclUsers: ['user default off', 'user admin on >adm ~* &* +@all'] });
  raw = await connectRaw({ host: server.host, port: server.port });
  await raw.call('AUTH', 'admin', 'adm');
  target = new Target({
    spec: { host: server.host, port: server.port, user: 'admin' },
    password: 'adm',
    heartbeatMs: 0,
  });
  target.start();
  await until(() => target.status().nodes[0]?.state === 'ready', 'the node ready');
  node = target.node(target.nodeIds()[0]!)!;
});
afterAll(async () => {
  raw?.close();
  await target?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  for (const n of [BAD, BAD2, LOSSY]) await raw.call('ACL', 'DELUSER', n);
  await raw.call('ACL', 'SETUSER', BAD, 'on', 'nopass', '~*', '+@all');
});

describe('reads keep every byte', () => {
  it('ACL USERS, ACL LIST and ACL GETUSER name the user by its bytes; two users differing in one byte stay two', async () => {
    await raw.call('ACL', 'SETUSER', BAD2, 'on', 'nopass', '~*', '+@all');
    const names = await acl.listUserNames(node);
    expect(names).toContain(NAME);
    expect(names).toContain('u\udcfebad');
    const listed = (await acl.listUserLines(node)).map((l) => userFromListLine(l).name);
    expect(
      listed
        .filter((n) => n.endsWith('bad'))
        .map(toDisplay)
        .sort(),
    ).toEqual(['u\\xfebad', 'u\\xffbad']);
    const user = await acl.getUser(node, NAME);
    expect(user?.enabled).toBe(true);
    expect(await acl.getUser(node, 'u\ufffdbad')).toBeUndefined();
  });

  it('CLIENT LIST counts the clients of that user under its exact name', async () => {
    const c = await connectRaw({ host: server.host, port: server.port });
    await c.call('AUTH', BAD, 'any');
    try {
      expect((await acl.clientsPerUser(node)).get(NAME)).toBe(1);
    } finally {
      c.close();
    }
  });
});

describe('writes act on exactly that user, and the re-read checks it', () => {
  const env = { readOnly: false, journal };

  it('disable: ACL SETUSER off reaches u\\xffbad, no u\\xef\\xbf\\xbdbad is created, the journal names it escaped', async () => {
    const r = await runServerWrite(
      env,
      {
        action: 'acl.setuser',
        summary: `Disable user ${NAME}`,
        write: (ctx) => acl.setUser(target, ctx, NAME, ['off']),
        check: acl.checkUser(target, NAME, acl.afterSetUser(['off'])),
      },
      true,
    );
    expect(describeResult(r)).toBe(`Done: Disable user ${NAME}`);
    expect(await flagsOf(BAD)).toContain('off');
    expect(await flagsOf(LOSSY)).toBeNull();
    const written = entries().at(-1)!;
    expect(written).toMatchObject({
      action: 'acl.setuser',
      outcome: 'ok',
      args: ['ACL', 'SETUSER', 'u\\xffbad', 'off'],
    });
    expect(JSON.stringify(written)).not.toContain('\\ufffd');
  });

  it('delete: ACL DELUSER removes u\\xffbad, and the re-read finds it gone', async () => {
    const r = await runServerWrite(
      env,
      {
        action: 'acl.deluser',
        summary: `Delete user ${NAME}`,
        write: (ctx) => acl.delUser(target, ctx, [NAME]),
        check: acl.checkUser(target, NAME, { gone: true }),
      },
      true,
    );
    expect(r.status).toBe('done');
    expect(await flagsOf(BAD)).toBeNull();
  });

  it('a write that went to another name (the old lossy one) is a MISMATCH, said and journaled, never Done', async () => {
    const r = await runServerWrite(
      env,
      {
        action: 'acl.setuser',
        summary: `Disable user ${NAME}`,
        args: { user: toDisplay(NAME) },
        // What the console sent before names were bytes: the name as UTF-8 would carry it.
        write: (ctx) => acl.setUser(target, ctx, 'u\ufffdbad', ['off']),
        check: acl.checkUser(target, NAME, acl.afterSetUser(['off'])),
      },
      true,
    );
    expect(r.status).toBe('failed');
    expect(describeResult(r)).toContain(`Failed: Disable user ${NAME}`);
    expect(describeResult(r)).toContain(`MISMATCH user "${NAME}" is on after ACL SETUSER off`);
    expect(entries().slice(-2)).toMatchObject([
      { action: 'acl.setuser', outcome: 'ok' },
      {
        action: 'acl.setuser',
        outcome: 'error',
        args: { user: 'u\\xffbad' },
        detail: { check: 'after', name: 'MISMATCH' },
      },
    ]);
    expect(await flagsOf(BAD)).toContain('on');
  });

  it('a re-read that fails leaves the outcome unknown, not done', async () => {
    const r = await runServerWrite(
      env,
      {
        action: 'acl.setuser',
        summary: 'Disable user x',
        write: (ctx) => acl.setUser(target, ctx, NAME, ['off']),
        check: () => Promise.reject(new Error('connection lost')),
      },
      true,
    );
    expect(r.results[0]).toMatchObject({ outcome: 'unknown', error: { name: 'UNCHECKED' } });
    expect(describeResult(r)).toContain('not checked on some nodes');
    expect(entries().at(-1)).toMatchObject({ outcome: 'unknown', detail: { name: 'UNCHECKED' } });
  });
});
