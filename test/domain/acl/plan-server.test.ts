// `acl plan` is idempotent against a real redis-server 7.0: users Redis loaded from the
// file, or that ACL SETUSER wrote from the plan, compare equal to the file although Redis
// prints their rules differently (`+@read -@dangerous` reads back as `-@all +@read -keys
// -sort_ro`, `+set +get` as `+get +set`, `>pw` as `#sha256`).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAclFile } from '../../../src/domain/acl/acl-file.js';
import { planAcl, planIsEmpty, usersAfter } from '../../../src/domain/acl/plan.js';
import { userFromListLine } from '../../../src/domain/acl/rules.js';
import type { AclUser, CommandUniverse } from '../../../src/domain/acl/types.js';
import { buildUniverse, parseAclCat } from '../../../src/redis/parse/acl.js';
import { serverAtLeast } from '../../support/redis-binary.js';
import { startRedis } from '../../support/redis-server.js';
import type { RedisHandle } from '../../support/redis-server.js';

const FILE = [
  'user default on nopass ~* &* +@all',
  'user reader on >readerpw ~app:* +@read -@dangerous',
  'user getset on >gs1 ~app:* +get +set',
  'user setget on >gs2 ~app:* +set +get',
  'user selective on >selpw %R~ro:* ~rw:* &news:* -@all +@read (~x:* +set) (%W~w:* &ch:* +publish)',
  'user loose on nopass resetkeys ~tmp:* +ping +client -client|kill',
  'user disabled off >offpw ~* +@all -flushall',
  'user firstarg on >fa -@all +select|0 +select|1 +config|get',
  'user mixed on >m1 >m2 allkeys allchannels +@all -@admin +config|get',
  'user skip on skip-sanitize-payload >sk %R~a:* %W~a:* +get',
];
const parsed = parseAclFile(FILE.join('\n'));
const desired = parsed.users;

let server: RedisHandle;
let admin: Redis;
let universe: CommandUniverse;

beforeAll(async () => {
  server = await startRedis({ aclUsers: FILE });
  admin = new Redis({ host: server.host, port: server.port, protocol: 2 });
  const byCat = new Map<string, unknown>();
  for (const c of parseAclCat(await admin.call('ACL', ['CAT'])))
    byCat.set(c, await admin.call('ACL', ['CAT', c]));
  universe = buildUniverse(byCat);
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

const current = async (): Promise<AclUser[]> =>
  ((await admin.call('ACL', ['LIST'])) as string[]).map(userFromListLine);

describe('planAcl against a real Redis', () => {
  it('the file parses cleanly (the test would prove nothing otherwise)', () => {
    expect(parsed.errors).toEqual([]);
    expect(desired.map((d) => d.name)).toHaveLength(FILE.length);
  });

  it('users Redis loaded from the file plan as unchanged, though Redis prints them otherwise', async () => {
    const users = await current();
    // Rewritten, in the server's own (hash) order: never the file's spelling.
    const reader = users.find((u) => u.name === 'reader')?.commands.split(' ');
    expect(reader?.slice(0, 2)).toEqual(['-@all', '+@read']);
    // 7.0 spells -@dangerous as the commands of it that @read holds; 7.2+ keeps the category.
    expect(reader?.slice(2).sort()).toEqual(serverAtLeast(7, 2) ? ['-@dangerous'] : ['-keys', '-sort_ro']);
    const plan = planAcl(desired, users, { universe });
    expect(plan.change.map((c) => [c.name, c.changes])).toEqual([]);
    expect(planIsEmpty(plan)).toBe(true);
    expect(plan.unchanged.sort()).toEqual(desired.map((d) => d.name).sort());
  });

  it('applying the plan with ACL SETUSER name ...args, then planning again, finds nothing', async () => {
    // Drift: two users gone, the rest reset (default too would cut this connection off).
    await admin.call('ACL', ['DELUSER', 'getset', 'selective']);
    for (const d of desired)
      if (!['default', 'getset', 'selective'].includes(d.name))
        await admin.call('ACL', ['SETUSER', d.name, 'reset']);
    const before = await current();
    const plan = planAcl(desired, before, { universe });
    expect(plan.create.map((c) => c.name).sort()).toEqual(['getset', 'selective']);
    expect(plan.change).toHaveLength(desired.length - 3);
    expect(plan.unchanged).toEqual(['default']);
    // Passwords travel as hashes only.
    expect(JSON.stringify(plan.create.map((c) => c.args))).not.toMatch(/gs1|selpw/);
    for (const p of [...plan.create, ...plan.change]) await admin.call('ACL', ['SETUSER', p.name, ...p.args]);

    const after = await current();
    const again = planAcl(desired, after, { universe });
    expect(again.change.map((c) => [c.name, c.changes])).toEqual([]);
    expect(planIsEmpty(again)).toBe(true);
    // usersAfter predicted the result: the same users, as Redis enforces them.
    const predicted = usersAfter(before, plan);
    expect(predicted.map((u) => u.name).sort()).toEqual(after.map((u) => u.name).sort());
    expect(planIsEmpty(planAcl(desired, predicted, { universe }))).toBe(true);
  });

  it('--prune deletes users the file does not name, never `default` (Redis refuses to)', async () => {
    await admin.call('ACL', ['SETUSER', 'stray', 'on', 'nopass', '+ping']);
    const withoutDefault = desired.filter((d) => d.name !== 'default');
    const plan = planAcl(withoutDefault, await current(), { universe, prune: true });
    expect(plan.remove.map((u) => u.name)).toEqual(['stray']);
    await expect(admin.call('ACL', ['DELUSER', 'default'])).rejects.toThrow(/cannot be removed/);
    for (const u of plan.remove) await admin.call('ACL', ['DELUSER', u.name]);
    expect(planIsEmpty(planAcl(withoutDefault, await current(), { universe, prune: true }))).toBe(true);
  });
});
