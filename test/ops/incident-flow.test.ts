// The flow's one write path on a real server: an action is saved `pending` before it is sent
// and settled after with the journal entry that records it; read-only mode and an operation
// that does not load record nothing; a suggestion that would cut off the console's own user
// says so; the MONITOR sample and the key space after are evidence with their own manifest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/journal/journal.js';
import type { Journal } from '../../src/journal/journal.js';
import { addNote, openIncident, runIncidentOperation, suggestions } from '../../src/ops/incident-flow.js';
import { keyspaceStep, monitorStep } from '../../src/ops/incident-later.js';
import type { FlowDeps } from '../../src/ops/incident-flow.js';
import { IncidentStore, sha256 } from '../../src/ops/incident-store.js';
import type { ConnectionSpec } from '../../src/profiles/schema.js';
import { Target } from '../../src/redis/target.js';
import { filesUnder } from '../helpers/files-under.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { adminOf } from '../support/admin-client.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';

const PW = 'incident-flow-admin-pw-0000000001';
const BACKDOOR = 'incident-flow-backdoor-pw-000001';

describe('incident flow operations on a real server', () => {
  let server: RedisHandle;
  let xdg: XdgDirs;
  let target: Target;
  let journal: Journal;
  let deps: (readOnly?: boolean) => FlowDeps;
  const spec = (): ConnectionSpec => ({ host: server.host, port: server.port, user: 'admin' });

  beforeAll(async () => {
    xdg = tempXdg();
    server = await startRedis({
      aclUsers: [`user admin on >${PW} ~* &* +@all`, `user backdoor on >${BACKDOOR} ~* &* +@all`],
    });
    target = new Target({ spec: spec(), password: PW, heartbeatMs: 0, commandTimeoutMs: 3000 });
    target.start();
    await target.settled();
    journal = openJournal({ dir: xdg.state, secrets: [PW] });
    const store = new IncidentStore(xdg.state);
    deps = (readOnly = false) => ({
      store,
      target,
      journal,
      env: { readOnly, journal, secrets: [PW] },
    });
  });
  afterAll(async () => {
    await target?.close();
    await server?.stop();
    xdg?.cleanup();
  });

  it('pending before it is sent, settled after with its journal entry; nothing for a refusal', async () => {
    let inc = await openIncident(deps(), { spec: spec(), timeoutMs: 3000, title: 'backdoor' });
    const block = suggestions(inc, 'admin').find(
      (s) =>
        s.operation.id === 'acl.setuser' && (s.operation.params as { user?: string }).user === 'backdoor',
    );
    expect(block?.status).toBe('todo');
    expect(block?.warning).toBeUndefined();
    // The console's own user: said before anything runs.
    const own = suggestions(inc, 'backdoor').find((s) => s.key === block!.key);
    expect(own?.warning).toMatch(/the user this console is connected as/);

    const readOnly = await runIncidentOperation(deps(true), inc, block!.operation, true);
    expect(readOnly.result.status).toBe('refused');
    expect(readOnly.incident.timeline.filter((t) => t.kind === 'action')).toEqual([]);
    const bad = await runIncidentOperation(deps(), inc, { id: 'acl.setuser', params: { change: 'x' } }, true);
    expect(bad.result.status).toBe('refused');
    expect(bad.incident).toBe(inc);

    // Pending on disk while the write is in flight: read when the write journals itself.
    const file = join(xdg.state, 'incidents', inc.id, 'incident.json');
    let onDisk: { timeline: { kind: string; result?: string }[] } | undefined;
    const watching: Journal = {
      ...journal,
      append: (entry, secrets) => {
        if (entry.kind === 'mutation') onDisk ??= JSON.parse(readFileSync(file, 'utf8')) as typeof onDisk;
        return journal.append(entry, secrets);
      },
    };
    const running = runIncidentOperation({ ...deps(), journal: watching }, inc, block!.operation, true);
    const done = await running;
    expect(onDisk?.timeline.filter((t) => t.kind === 'action')).toEqual([
      expect.objectContaining({ result: 'pending', seq: 1 }),
    ]);
    inc = done.incident;
    expect(done.result.status).toBe('done');
    const action = inc.timeline.find((t) => t.kind === 'action');
    expect(action).toMatchObject({ result: 'ok', seq: 1 });
    const entries = journal.read({ kind: 'mutation' }).filter((e) => e.action === 'acl.setuser');
    const entry = entries.at(-1);
    expect(action && 'journal' in action ? action.journal : undefined).toBe(entry?.ts);
    const admin = adminOf(server, PW);
    try {
      const rules = (await admin.call('ACL', 'GETUSER', 'backdoor')) as unknown[];
      expect(String(rules[1])).toMatch(/off/);
    } finally {
      admin.disconnect();
    }
    expect(suggestions(inc, 'admin').find((s) => s.key === block!.key)?.status).toBe('ok');
  });

  it('a console holding a stale copy loses nothing another added meanwhile (a left-over console, a headless step)', async () => {
    const stale = await openIncident(deps(), { spec: spec(), timeoutMs: 3000, title: 'two consoles' });
    // Another console (or `incident note`) adds to the incident this one holds in memory.
    addNote(deps(), stale, 'seen by the second console');
    const op = { id: 'acl.setuser', params: { change: 'disable', user: 'backdoor' } };
    const r = await runIncidentOperation(deps(), stale, op, true);
    expect(r.result.status).toBe('done');
    const saved = new IncidentStore(xdg.state).load(stale.id);
    expect(saved.timeline.some((t) => t.kind === 'note' && t.text === 'seen by the second console')).toBe(
      true,
    );
    expect(saved.timeline.filter((t) => t.kind === 'action')).toEqual([
      expect.objectContaining({ seq: 1, result: 'ok' }),
    ]);
    expect(r.incident).toEqual(saved);
  });

  it('no node answers: no incident is opened (as `incident start` exits 2), and why is said', async () => {
    const down = new Target({ spec: { host: '127.0.0.1', port: 1 }, heartbeatMs: 0, commandTimeoutMs: 500 });
    down.start();
    const store = new IncidentStore(xdg.state);
    const before = store.ids().length;
    try {
      await expect(
        openIncident({ ...deps(), target: down }, { spec: { host: '127.0.0.1', port: 1 }, timeoutMs: 1500 }),
      ).rejects.toThrow(/no node of 127\.0\.0\.1:1 answers .*: nothing to take evidence from/);
    } finally {
      await down.close();
    }
    expect(store.ids().length).toBe(before);
  });

  it('a suspect named only by a failed AUTH is not made a user by its block', async () => {
    let inc = await openIncident(deps(), {
      spec: spec(),
      timeoutMs: 3000,
      title: 'ghost',
      suspects: { users: ['ghost-user'], addresses: ['10.9.9.9:5000'], from: 'a failed AUTH' },
    });
    const block = suggestions(inc, 'admin').find((s) => s.key === 'S.ghost-user.1');
    expect(block?.operation).toEqual({ id: 'acl.setuser', params: { change: 'block', user: 'ghost-user' } });
    const r = await runIncidentOperation(deps(), inc, block!.operation, true);
    inc = r.incident;
    expect(r.result).toMatchObject({
      status: 'refused',
      reason: 'no user ghost-user on any node: ACL SETUSER would create it',
    });
    expect(inc.timeline.filter((t) => t.kind === 'action')).toEqual([]);
    const admin = adminOf(server, PW);
    try {
      expect(await admin.call('ACL', 'GETUSER', 'ghost-user')).toBeNull();
    } finally {
      admin.disconnect();
    }
  });

  it('a MONITOR sample and the key space after: evidence with a manifest of their own', async () => {
    let inc = await openIncident(deps(), { spec: spec(), timeoutMs: 3000, title: 'monitor' });
    const admin = adminOf(server, PW);
    try {
      const sampled = monitorStep(deps(), inc, { seconds: 1, maxLines: 50 });
      await new Promise((r) => setTimeout(r, 300));
      await admin.set('seen-in-monitor', 'v');
      await admin.call('AUTH', 'admin', PW);
      const m = await sampled;
      inc = m.incident;
      expect(m.samples[0]?.sample.lines.some((l) => l.args.includes('seen-in-monitor'))).toBe(true);
      const k = await keyspaceStep(deps(), inc, { [target.nodeIds()[0]!]: 0 });
      inc = k.incident;
      expect(k.rows[0]).toMatchObject({ before: 0, after: expect.any(Number) as number });
    } finally {
      admin.disconnect();
    }
    expect(inc.later?.map((l) => [l.what, l.manifestFile])).toEqual([
      ['monitor', 'manifest-2.json'],
      ['keyspace-after', 'manifest-3.json'],
    ]);
    const dir = join(xdg.state, 'incidents', inc.id);
    for (const l of inc.later ?? [])
      expect(sha256(readFileSync(join(dir, l.manifestFile)))).toBe(l.manifestSha256);
    expect(new IncidentStore(xdg.state).verify(inc)).toEqual([]);
    // No password anywhere in what the incident keeps.
    for (const f of filesUnder(dir)) {
      const text = readFileSync(f, 'utf8');
      expect(text).not.toContain(PW);
      expect(text).not.toContain(BACKDOOR);
    }
  });
});
