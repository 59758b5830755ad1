// applyFix against a real server: a finding's online fix runs through the one mutation path on
// that node (refused without confirmation or in read-only mode), changes exactly that setting,
// is persisted where the server keeps it, and the check judged again passes.
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/domain/audit/types.js';
import { applyFix, runAudit } from '../../src/ops/audit.js';
import type { AuditOptions } from '../../src/ops/audit.js';
import type { MutationEnv } from '../../src/ops/mutation.js';
import { Target } from '../../src/redis/target.js';
import type { ConnectionSpec } from '../../src/profiles/schema.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';

const USERS = ['user default on nopass ~* &* +@all', 'user admin on >admin-pw-audit-fix-0001 ~* &* +@all'];

let server: RedisHandle;
let admin: Redis;
let target: Target;
let spec: ConnectionSpec;
const journal: { action: string; args?: unknown; outcome?: string }[] = [];
const env = (readOnly = false): MutationEnv => ({
  readOnly,
  journal: { append: (e) => void journal.push(e) },
});
const opts = (): AuditOptions => ({ spec, timeoutMs: 5000 });

beforeAll(async () => {
  server = await startRedis({ aclUsers: USERS, extraConfig: ['protected-mode no'] });
  admin = new Redis({
    host: server.host,
    port: server.port,
    username: 'admin',
    password: 'admin-pw-audit-fix-0001',
  });
  spec = { host: server.host, port: server.port, user: 'admin' };
  target = new Target({ spec, password: 'admin-pw-audit-fix-0001', heartbeatMs: 0 });
  target.start();
});
afterAll(async () => {
  admin.disconnect();
  await target.close();
  await server.stop();
});
afterEach(() => void (journal.length = 0));

async function finding(id: string): Promise<CheckResult> {
  const report = await runAudit(target, opts());
  const r = report.nodes[0]?.results.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id}`);
  return r;
}

const config = async (name: string) => ((await admin.call('CONFIG', ['GET', name])) as string[])[1];

describe('applyFix', () => {
  it('without confirmation, or in read-only mode, sends nothing', async () => {
    const r = await finding('NET-001');
    expect(r.status).toBe('fail');
    expect((await applyFix(target, env(), r, false, opts())).status).toBe('needs-confirmation');
    expect((await applyFix(target, env(true), r, true, opts())).status).toBe('refused');
    expect(await config('protected-mode')).toBe('no');
  });

  it('CONFIG SET protected-mode yes then CONFIG REWRITE: exactly that setting, re-judged as a pass', async () => {
    const r = await finding('NET-001');
    const before = await admin.call('CONFIG', ['GET', '*']);
    const out = await applyFix(target, env(), r, true, opts());
    expect(out.status).toBe('done');
    expect(out.runs.map((x) => x.status)).toEqual(['done', 'done']);
    expect(out.after?.status).toBe('pass');
    const after = (await admin.call('CONFIG', ['GET', '*'])) as string[];
    const b = new Map(chunk(before as string[]));
    const changed = chunk(after)
      .filter(([k, v]) => b.get(k) !== v)
      .map(([k]) => k);
    expect(changed).toEqual(['protected-mode']);
    expect(journal.map((j) => j.action)).toEqual(['config.set', 'config.rewrite']);
    expect(readFileSync(server.configPath, 'utf8')).toMatch(/^protected-mode yes$/m);
  });

  it('ACL SETUSER default off then ACL SAVE on that node, and the check passes', async () => {
    const r = await finding('AUTH-003');
    expect(r.status).toBe('fail');
    const out = await applyFix(target, env(), r, true, opts());
    expect(out.status).toBe('done');
    expect(out.after?.status).toBe('pass');
    expect(journal.map((j) => j.action)).toEqual(['acl.setuser', 'acl.save']);
    const u = (await admin.call('ACL', ['GETUSER', 'default'])) as unknown[];
    expect(u[1]).toContain('off');
    expect(readFileSync(`${server.dir}/users.acl`, 'utf8')).toMatch(/^user default off /m);
  });
});

function chunk(flat: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}
