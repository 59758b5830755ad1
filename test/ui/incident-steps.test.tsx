// The Incident pane's other steps on a real server: the MONITOR sample (its warning, its
// seconds, lines taken per node), the key space before and after (from the evidence's DBSIZE),
// rotation in two phases (the new password shown once, never in incident.json), persisting,
// and read-only mode, where the mutation path refuses a containment and says so.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { adminOf } from '../support/admin-client.js';
import { tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';
import { incidentsOf, loginAs, selectRow } from '../helpers/incident-tui.js';

const ADMIN_PW = 'incident-steps-admin-password-00001';
const SUSPECT_PW = 'incident-steps-suspect-password-0002';
let server: RedisHandle;
let admin: Redis;

beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default off',
      `user admin on >${ADMIN_PW} ~* &* +@all`,
      `user suspect on >${SUSPECT_PW} ~* +@read +@write`,
    ],
  });
  admin = adminOf(server, ADMIN_PW);
});
afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
});

const { start } = tuiPerTest();

/** An incident opened from the pane, its suspect the user `suspect`, shown at `step`. */
async function openAt(step: 'contain' | 'investigate' | 'remediate', readOnly = false): Promise<Tui> {
  const t = await start(loginAs(server, 'admin', ADMIN_PW, readOnly));
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  const inc = await t.app.actions.incident.start('steps', { users: ['suspect'], addresses: [] });
  expect(inc).toBeDefined();
  await t.waitFor((f) => f.includes('INCIDENT') && f.includes('FINDINGS'), 'the incident');
  for (const s of ['contain', 'investigate', 'remediate'] as const) {
    t.press('incident.step-next');
    await t.waitFor((f) => f.includes(`▶`) && f.includes(s.toUpperCase()), `the ${s} view`);
    if (s === step) break;
  }
  return t;
}

describe('the Incident pane, step by step', () => {
  it('takes a MONITOR sample after its warning and the seconds, and says the lines per node', async () => {
    const t = await openAt('contain');
    t.press('incident.monitor');
    await t.waitFor((f) => f.includes('MONITOR costs the server'), 'the warning');
    t.type('y');
    await t.waitFor((f) => f.includes('how many seconds? (Enter: 5; at most 60)'), 'the seconds');
    t.type('1');
    t.key('return');
    // Something to see while the sample runs.
    setTimeout(() => void admin.set('seen-by-monitor', '1'), 200);
    await t.waitFor((f) => /MONITOR sample kept: .*\d+ lines? taken/.test(f), 'the sample', 10_000);
    const inc = incidentsOf()[0]!;
    expect(inc.later?.map((l) => l.what)).toEqual(['monitor']);
  });

  it('shows the key space before (the evidence) and after, node by node', async () => {
    await admin.flushall();
    await admin.set('k1', '1');
    const t = await openAt('investigate');
    await admin.set('k2', '2');
    await admin.set('k3', '3');
    t.press('incident.keyspace');
    await t.waitFor((f) => f.includes('BEFORE') && f.includes('AFTER'), 'the key space');
    expect(t.frame()).toMatch(new RegExp(`${server.port}\\s+1\\s+3`));
  });

  it('rotates in two phases: the new password shown once and kept nowhere, then the old ones dropped', async () => {
    const t = await openAt('remediate');
    await selectRow(t, /suspect: add a generated password/);
    t.press('incident.password');
    await t.waitFor((f) => f.includes('Add a generated password to suspect?'), 'the confirmation');
    t.type('y');
    await t.waitFor((f) => f.includes('The new password of suspect (shown once)'), 'the password shown');
    const shown = t.frame().match(/^\s*│?\s*([0-9a-f]{32,})/m)?.[1];
    expect(shown).toBeDefined();
    t.key('return');
    await t.waitFor((f) => !f.includes('The new password of'), 'closed');
    const user = (await admin.call('ACL', 'GETUSER', 'suspect')) as unknown[];
    expect((user[user.indexOf('passwords') + 1] as string[]).length).toBe(2);
    await selectRow(t, /suspect: drop the old passwords/);
    t.press('incident.drop-old');
    await t.waitFor((f) => f.includes('Drop the old passwords of suspect?'), 'the confirmation');
    t.type('y');
    await t.waitFor((f) => /Done: Remove a password of suspect/.test(f), 'dropped');
    const after = (await admin.call('ACL', 'GETUSER', 'suspect')) as unknown[];
    expect((after[after.indexOf('passwords') + 1] as string[]).length).toBe(1);
    // Nowhere on disk: not in incident.json, nor in any evidence file.
    const dir = join(process.env.XDG_STATE_HOME!, 'redis-warden', 'incidents');
    for (const id of readdirSync(dir))
      for (const f of readdirSync(join(dir, id), { recursive: true }))
        if (String(f).endsWith('.json'))
          expect(readFileSync(join(dir, id, String(f)), 'utf8')).not.toContain(shown!);
    expect(
      readFileSync(join(process.env.XDG_STATE_HOME!, 'redis-warden', 'journal.jsonl'), 'utf8'),
    ).not.toContain(shown!);
    // w: persist on every node (this server has neither aclfile nor config file: said so).
    t.press('incident.save');
    await t.waitFor((f) => f.includes('Persist what was changed?'), 'the persist confirmation');
    t.type('y');
    await t.waitFor(
      (f) => /no aclfile and no config file|Done: (ACL SAVE|CONFIG REWRITE)/.test(f),
      'persisted',
    );
  });

  it('in read-only mode the mutation path refuses a containment and says so', async () => {
    const t = await openAt('contain', true);
    await selectRow(t, /\[todo\] Block user suspect/);
    t.press('incident.open');
    await t.waitFor((f) => f.includes('Run acl.setuser?'), 'the confirmation');
    t.type('y');
    await t.waitFor((f) => /Refused: .*read-only/i.test(f), 'the refusal');
    const user = (await admin.call('ACL', 'GETUSER', 'suspect')) as unknown[];
    expect(String(user[user.indexOf('flags') + 1])).toMatch(/\bon\b/);
    expect(incidentsOf()[0]!.timeline.some((e) => e.kind === 'action')).toBe(false);
  });

  it("cutting off the console's own user takes its name typed: a y does nothing", async () => {
    const t = await start(loginAs(server, 'admin', ADMIN_PW));
    await t.waitFor((f) => f.includes('● ready'), 'ready');
    await t.app.actions.incident.start('own user', { users: ['admin'], addresses: [] });
    await t.waitFor((f) => f.includes('INCIDENT') && f.includes('FINDINGS'), 'the incident');
    t.press('incident.step-next');
    await t.waitFor((f) => f.includes('▶') && f.includes('CONTAIN'), 'the contain view');
    await selectRow(t, /\[todo\] Block user admin/);
    t.press('incident.open');
    await t.waitFor((f) => f.includes('Type admin to confirm'), 'the typed confirmation');
    t.type('y');
    t.key('return');
    await t.waitFor((f) => f.includes('Type admin to confirm'), 'still asking');
    const flags = async () => {
      const user = (await admin.call('ACL', 'GETUSER', 'admin')) as unknown[];
      return String(user[user.indexOf('flags') + 1]);
    };
    expect(await flags()).toMatch(/\bon\b/);
    t.key('escape');
    await t.waitFor((f) => !f.includes('Type admin to confirm'), 'cancelled');
    expect(
      incidentsOf()
        .find((i) => i.title === 'own user')!
        .timeline.some((e) => e.kind === 'action'),
    ).toBe(false);
  });
});
