// An operation saved as JSON and run later, by a fresh loader and a fresh connection, does
// what the pane does: the same write, the same journal entry. What cannot run (a tampered
// file, a password not given) is refused before anything reaches the server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/journal/journal.js';
import { OperationError } from '../../src/ops/operations/check.js';
import { loadOperation, runOperation } from '../../src/ops/operations/run.js';
import type { Operation } from '../../src/ops/operations/table.js';
import { Target } from '../../src/redis/target.js';
import { until } from '../helpers/until.js';
import { startTui, tempXdg } from '../helpers/tui.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { adminOf } from '../support/admin-client.js';

const USERS = [
  'user default off',
  'user admin on >admin-pw-1 ~* &* +@all',
  'user app on >app-pw-1 >app-pw-2 ~app:* +get',
];

let server: RedisHandle;
let admin: Redis;
let xdg: XdgDirs;
let tui: Tui | undefined;
let target: Target | undefined;
const files = mkdtempSync(join(tmpdir(), 'rw-ops-'));

beforeAll(async () => {
  server = await startRedis({ aclUsers: USERS });
  admin = adminOf(server, 'admin-pw-1');
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
  rmSync(files, { recursive: true, force: true });
});
beforeEach(async () => {
  xdg = tempXdg();
  writeFileSync(join(server.dir, 'users.acl'), `${USERS.join('\n')}\n`, { mode: 0o600 });
  await admin.call('ACL', ['LOAD']);
});
afterEach(async () => {
  await tui?.stop();
  tui = undefined;
  await target?.close();
  target = undefined;
  xdg.cleanup();
});

type Entry = {
  kind: string;
  action: string;
  nodes?: string[];
  args?: unknown;
  outcome?: string;
  detail?: unknown;
};
const journalFile = () => join(xdg.state, 'redis-warden', 'journal.jsonl');
const entries = (): Entry[] => {
  let text: string;
  try {
    text = readFileSync(journalFile(), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Entry)
    .filter((e) => e.kind === 'mutation')
    .map(({ kind, action, nodes, args, outcome, detail }) => ({
      kind,
      action,
      nodes,
      args,
      outcome,
      detail,
    }));
};
const lineOf = async (name: string) =>
  ((await admin.call('ACL', ['LIST'])) as string[]).find((l) => l.startsWith(`user ${name} `));

/** A new loader and a new connection, as a flow resumed after a restart would have. */
async function runSaved(file: string, opts: { readOnly?: boolean; password?: string } = {}) {
  const op = loadOperation(readFileSync(file, 'utf8'));
  target = new Target({
    spec: { host: server.host, port: server.port, user: 'admin' },
    password: 'admin-pw-1',
    heartbeatMs: 0,
  });
  target.start();
  await until(() => target!.status().nodes.some((n) => n.state === 'ready'), 'connected');
  const journal = openJournal({ dir: join(xdg.state, 'redis-warden'), secrets: ['admin-pw-1'] });
  const env = { readOnly: opts.readOnly ?? false, journal };
  return runOperation(op, { target, env, confirmed: true }, { password: opts.password });
}

const save = (name: string, op: Operation) => {
  const file = join(files, name);
  writeFileSync(file, JSON.stringify(op));
  return file;
};

describe('an operation saved as JSON and run later', () => {
  it('disables a user exactly as the Users pane does: same write, same journal entry', async () => {
    tui = await startTui({
      connection: {
        spec: { host: server.host, port: server.port, user: 'admin' },
        password: 'admin-pw-1',
        readOnly: false,
      },
    });
    const t = tui;
    await t.waitFor((f) => f.includes('● ready'), 'ready');
    t.press('pane.users');
    await t.waitFor((f) => f.includes('app'), 'users listed');
    t.press('list.filter');
    t.type('app');
    t.key('return');
    await t.waitFor((f) => f.includes('/app'), 'filtered');
    t.press('users.toggle');
    await t.waitFor((f) => f.includes('Disable user app?'), 'confirmation');
    t.type('y');
    await t.waitFor((f) => f.includes('Done: Disable user app'), 'disabled');
    const byPane = entries();
    expect(byPane).toHaveLength(1);
    const paneLine = await lineOf('app');
    expect(paneLine).toMatch(/^user app off /);

    await admin.call('ACL', ['SETUSER', 'app', 'on']);
    const file = save('disable.json', { id: 'acl.setuser', params: { change: 'disable', user: 'app' } });
    const r = await runSaved(file);
    expect(r.status).toBe('done');
    expect(entries()).toEqual([...byPane, ...byPane]);
    expect(await lineOf('app')).toBe(paneLine);
  });

  it('refuses a tampered file before anything is sent, and read-only refuses (journaled) as the pane does', async () => {
    const bad = save('bad.json', {
      id: 'acl.setuser',
      params: { change: 'rules', user: 'app', rules: ['>planted'] },
    } as never);
    await expect(runSaved(bad)).rejects.toThrow(OperationError);
    writeFileSync(join(files, 'unknown.json'), '{"id":"acl.flushall","params":{}}');
    await expect(runSaved(join(files, 'unknown.json'))).rejects.toThrow(/is not an operation/);
    expect(entries()).toEqual([]);
    expect(await lineOf('app')).toMatch(/^user app on /);

    const r = await runSaved(save('del.json', { id: 'acl.deluser', params: { user: 'app' } }), {
      readOnly: true,
    });
    expect(r.status).toBe('refused');
    expect(entries()).toEqual([expect.objectContaining({ action: 'acl.deluser', outcome: 'refused' })]);
    expect(await lineOf('app')).toMatch(/^user app on /);
  });

  it('what needs a secret gets it at run time: a password generated then, or given beside; never in the file or journal', async () => {
    const given = save('given.json', {
      id: 'acl.setuser',
      params: { change: 'add-password', user: 'app', password: 'given' },
    });
    const without = await runSaved(given);
    expect([without.status, without.results]).toEqual(['refused', []]);
    expect(without.reason).toMatch(/the password is not given/);
    expect(entries()).toEqual([]);

    const gen = save('create.json', {
      id: 'acl.create-user',
      params: { user: 'svc', rules: ['on', '~svc:*', '+get'], password: 'generate' },
    });
    const r = await runSaved(gen);
    expect(r.status).toBe('done');
    expect(r.generated).toMatch(/^[0-9a-f]{64}$/);
    const svc = adminOf(server, r.generated!, 'svc');
    expect(await svc.get('svc:1')).toBeNull();
    svc.disconnect();
    for (const f of [gen, journalFile()]) expect(readFileSync(f, 'utf8')).not.toContain(r.generated!);

    // Drop the old passwords, resolved when it runs: app keeps only its newest.
    const drop = save('drop.json', {
      id: 'acl.setuser',
      params: { change: 'drop-passwords', user: 'app', which: 'old' },
    });
    expect((await runSaved(drop)).status).toBe('done');
    const app = adminOf(server, 'app-pw-2', 'app');
    expect(await app.get('app:1')).toBeNull();
    app.disconnect();
    expect((await lineOf('app'))?.match(/#[0-9a-f]{64}/g)).toHaveLength(1);
  });
});
