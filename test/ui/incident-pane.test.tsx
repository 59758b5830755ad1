// The Incident pane on a planted compromise (a real redis-server): persistence pointed at an
// .ssh directory, a `backdoor` user with +@all. 6, n, Enter takes the evidence and shows the
// findings; Contain blocks backdoor through the flow (the server and incident.json agree), the
// restore asks the real dir and dbfilename and sets what was typed; note, skip, done, close.
// Every frame at 80x24 fits.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { adminOf } from '../support/admin-client.js';
import { tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';
import { incidentsOf, loginAs, overflow, selectRow } from '../helpers/incident-tui.js';

const ADMIN_PW = 'incident-pane-admin-password-000001';
let server: RedisHandle;
let admin: Redis;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'incident-pane-'));
  mkdirSync(join(home, '.ssh'));
  mkdirSync(join(home, 'data'));
  server = await startRedis({
    aclUsers: [
      'user default off',
      `user admin on >${ADMIN_PW} ~* &* +@all`,
      'user backdoor on nopass +@all ~*',
    ],
    // dir and dbfilename are protected configs: the compromise and the restore set them online.
    extraConfig: ['enable-protected-configs yes'],
  });
  admin = adminOf(server, ADMIN_PW);
  await admin.call('CONFIG', 'SET', 'dir', join(home, '.ssh'));
  await admin.call('CONFIG', 'SET', 'dbfilename', 'authorized_keys');
});
afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
  rmSync(home, { recursive: true, force: true });
});

const { start } = tuiPerTest();

async function incidentPane(): Promise<Tui> {
  const t = await start(loginAs(server, 'admin', ADMIN_PW));
  t.resize(80, 24);
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.incident');
  await t.waitFor((f) => f.includes('No incident yet'), 'the empty list');
  return t;
}

const fits = (t: Tui) => expect(overflow(t.frame(), 80, 24)).toEqual([]);

describe('the Incident pane on a planted compromise', () => {
  it('takes the evidence, contains through the flow, asks the restore values, notes, skips and closes', async () => {
    const t = await incidentPane();
    fits(t);
    t.press('incident.new');
    await t.waitFor((f) => f.includes('New incident: its title'), 'the title prompt');
    fits(t);
    t.key('return');
    await t.waitFor(
      (f) => /INCIDENT \d{4}-\d\d-\d\d-1/.test(f) && f.includes('FINDINGS ('),
      'evidence and findings',
      20_000,
    );
    const frame = t.frame();
    expect(t.allFrames()).toContain('taking evidence from 1 node…');
    expect(frame).toMatch(/CRITICAL/);
    expect(frame).toMatch(/\[x\] evidence/);
    fits(t);
    const [inc] = incidentsOf();
    expect(inc!.title).toBe(`incident on ${server.host}:${server.port}`);

    // Enter on a finding: its evidence excerpts and what it suggests.
    await selectRow(t, /CRITICAL .*\.ssh/);
    t.press('incident.open');
    await t.waitFor((f) => f.includes('EVIDENCE') && f.includes('SUGGESTS'), "the finding's evidence");
    expect(t.frame()).toMatch(/dbfilename authorized_keys/);
    expect(t.frame()).toContain('config.restore-persistence');
    fits(t);
    t.key('escape');
    await t.waitFor((f) => f.includes('FINDINGS (') && !f.includes('SUGGESTS'), 'back to the incident');

    // The findings step done: Contain is the step shown.
    t.press('incident.done');
    await t.waitFor((f) => f.includes('CONTAIN (') && /▶\[ \] CONTAIN/.test(f), 'the contain step');
    fits(t);

    await selectRow(t, /\[todo\] Block user backdoor/);
    t.press('incident.open');
    await t.waitFor((f) => f.includes('Run acl.setuser?'), 'the confirmation');
    expect(t.frame()).toMatch(/backdoor/);
    fits(t);
    t.type('y');
    await t.waitFor((f) => /\[ok\] Block user backdoor/.test(f), 'the block done');
    const flags = (await admin.call('ACL', 'GETUSER', 'backdoor')) as unknown[];
    expect(String(flags[flags.indexOf('flags') + 1])).toMatch(/off/);
    const action = incidentsOf()[0]!.timeline.find(
      (e) => e.kind === 'action' && e.operation.id === 'acl.setuser',
    );
    expect(action).toMatchObject({ result: 'ok' });
    // The journal entry's ts links the timeline to the mutation it wrote.
    expect(action?.kind === 'action' && action.journal).toMatch(/^\d{4}-\d\d-\d\dT/);

    // The restore asks the real values; the finding's placeholders are never sent.
    await selectRow(t, /\[todo\] Put dir and dbfilename back/);
    t.press('incident.open');
    await t.waitFor((f) => f.includes('the real dir') && f.includes('placeholders'), 'the dir prompt');
    fits(t);
    t.type(join(home, 'data'));
    t.key('return');
    await t.waitFor((f) => f.includes('the real dbfilename'), 'the dbfilename prompt');
    t.type('restored.rdb');
    t.key('return');
    await t.waitFor((f) => f.includes('Run config.restore-persistence?'), 'its confirmation');
    expect(t.frame()).toContain('restored.rdb');
    t.type('y');
    await t.waitFor((f) => /Done: CONFIG SET dir/.test(f), 'the restore done');
    expect(await admin.call('CONFIG', 'GET', 'dir')).toEqual(['dir', join(home, 'data')]);
    // The result stays under the step's view, with what the mutation path read back.
    expect(t.frame()).toMatch(/config\.restore-persistence: Done: CONFIG SET dir/);
    expect(await admin.call('CONFIG', 'GET', 'dbfilename')).toEqual(['dbfilename', 'restored.rdb']);
    // Its row says what was set, never the suggestion's placeholders.
    expect(t.frame()).toMatch(/\[ok\] CONFIG SET dir .*data dbfilename restored\.rdb/);
    expect(t.frame()).not.toContain('/var/lib/redis');

    // A note, a skip with its reason, a step done, then close with an outcome and a follow-up.
    t.press('incident.note');
    await t.waitFor((f) => f.includes('A note for the timeline'), 'the note prompt');
    t.type('checked the host for the key file');
    t.key('return');
    await t.waitFor((f) => f.includes('Note added'), 'the note');
    t.press('incident.skip');
    await t.waitFor((f) => f.includes('Skip step contain: why?'), 'the skip prompt');
    t.type('contained by hand');
    t.key('return');
    await t.waitFor((f) => /\[-\] contain/.test(f) && f.includes('INVESTIGATE'), 'contain skipped');
    fits(t);
    t.press('incident.done');
    await t.waitFor((f) => f.includes('REMEDIATE'), 'the remediate step');
    expect(t.frame()).toMatch(/backdoor: add a generated password/);
    fits(t);
    t.press('incident.done');
    await t.waitFor((f) => f.includes('close the incident'), 'the close step');
    await selectRow(t, /close the incident/);
    t.press('incident.open');
    await t.waitFor((f) => f.includes('its outcome'), 'the outcome prompt');
    t.type('backdoor user blocked, persistence restored');
    t.key('return');
    await t.waitFor((f) => f.includes('Follow-up 1'), 'the follow-up prompt');
    t.type('rotate the admin password');
    t.key('return');
    await t.waitFor((f) => f.includes('Follow-up 2'), 'the second follow-up prompt');
    t.key('return');
    await t.waitFor((f) => f.includes('CLOSED'), 'closed');
    fits(t);
    const done = incidentsOf()[0]!;
    expect(done.closedAt).toBeDefined();
    expect(done.outcome).toBe('backdoor user blocked, persistence restored');
    expect(done.followUps).toEqual(['rotate the admin password']);
    expect(done.steps.map((s) => s.state)).toEqual(['done', 'done', 'skipped', 'done', 'done', 'done']);
    expect(
      done.timeline.some((e) => e.kind === 'note' && e.text === 'checked the host for the key file'),
    ).toBe(true);

    // The report overlay scrolls, and the list shows it closed.
    t.press('incident.report');
    await t.waitFor((f) => f.includes('Report of') && f.includes('INCIDENT'), 'the report');
    fits(t);
    t.key('escape');
    await t.waitFor((f) => f.includes('CLOSED') && !f.includes('Report of'), 'the report closed');
    t.key('escape');
    await t.waitFor((f) => f.includes('closed') && f.includes('STATE'), 'the list');
    fits(t);
  }, 60_000);
});
