// The ways into an incident other than `n`: `I` on an ACL Log event (its user and address the
// suspects), and at start the question for each incident left open (y shows it at its step).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { applyEvent, newIncident } from '../../src/domain/incident/model.js';
import type { Incident } from '../../src/domain/incident/types.js';
import { IncidentStore } from '../../src/ops/incident-store.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { adminOf } from '../support/admin-client.js';
import { tuiPerTest } from '../helpers/tui.js';
import { incidentsOf, loginAs } from '../helpers/incident-tui.js';

const ADMIN_PW = 'incident-start-admin-password-000001';
const APP_PW = 'incident-start-app-password-0000002';
let server: RedisHandle;
let admin: Redis;

beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default off',
      `user admin on >${ADMIN_PW} ~* &* +@all`,
      `user app on >${APP_PW} ~* +ping`,
    ],
  });
  admin = adminOf(server, ADMIN_PW);
});
afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
});

const { start } = tuiPerTest();

describe('I on an ACL Log event', () => {
  it('starts an incident with the event user and address as suspects, and shows it', async () => {
    await admin.call('ACL', 'LOG', 'RESET');
    const app = new Redis({
      host: server.host,
      port: server.port,
      username: 'app',
      password: APP_PW,
      enableReadyCheck: false,
      protocol: 2,
      disableClientInfo: true, // CLIENT SETINFO would log NOPERM entries of its own (Redis 7.2+)
    });
    app.on('error', () => undefined);
    await expect(app.get('secret')).rejects.toThrow(/NOPERM/);
    const list = String(await admin.call('CLIENT', 'LIST'));
    const addr = list
      .split('\n')
      .find((l) => / user=app /.test(l))
      ?.match(/addr=(\S+)/)?.[1];
    expect(addr).toBeDefined();
    const t = await start(loginAs(server, 'admin', ADMIN_PW));
    try {
      await t.waitFor((f) => f.includes('● ready'), 'ready');
      t.press('pane.acl-log');
      await t.waitFor((f) => f.includes('REASON') && f.includes('app'), 'the violation in the tail');
      t.press('log.incident');
      await t.waitFor(
        (f) => /INCIDENT \d{4}-\d\d-\d\d-1/.test(f) && f.includes('FINDINGS'),
        'the incident shown',
        20_000,
      );
      const [inc] = incidentsOf();
      expect(inc!.suspects?.users).toEqual(['app']);
      expect(inc!.suspects?.addresses).toEqual([addr]);
      expect(inc!.suspects?.from).toMatch(/^ACL Log event .* on node /);
      // The suspects' containment is offered, and Investigate's Clients filter names them.
      t.press('incident.step-next');
      await t.waitFor((f) => /\[todo\] Block user app/.test(f), "the suspect's containment");
      t.press('incident.step-next');
      await t.waitFor((f) => f.includes('INVESTIGATE: the window'), 'the investigate view');
      expect(t.frame()).toContain(`suspects: user app, addr ${addr}`);
      t.press('incident.clients');
      await t.waitFor((f) => f.includes('Clients of the suspects'), 'the Clients pane');
      // The suspects and the users the findings name (admin: +@all), as one anchored regex.
      const filter = t.app.store.get().ui.filters.clients ?? '';
      expect(filter.startsWith('/^(') && filter.endsWith(')$/')).toBe(true);
      expect(filter.slice(3, -3).split('|')).toEqual(
        expect.arrayContaining(['app', addr!.replace(/\./g, '\\.')]),
      );
      await t.waitFor((f) => f.includes(addr!), "the suspect's client listed");
    } finally {
      app.disconnect();
    }
  }, 40_000);
});

/** An incident saved as a console killed mid-flow leaves it: at `investigate`, one action unsettled. */
function leftOpen(store: IncidentStore, title: string, now: Date): Incident {
  const target = { address: '127.0.0.1:1', nodes: ['127.0.0.1:1'] };
  let inc = store.create(title, target, now, (id) => newIncident(id, title, target, now.toISOString()));
  const at = now.toISOString();
  inc = applyEvent(inc, { type: 'evidence', at, manifest: [], manifestSha256: 'a'.repeat(64) });
  inc = applyEvent(inc, { type: 'done', at, phase: 'findings' });
  inc = applyEvent(inc, {
    type: 'action',
    at,
    seq: 1,
    operation: { id: 'acl.setuser', params: { change: 'block', user: 'mallory' } },
    result: 'pending',
  });
  inc = applyEvent(inc, { type: 'done', at, phase: 'contain' });
  store.save(inc);
  return inc;
}

describe('the resume prompt at start', () => {
  it('asks about each open incident, newest first; n goes on, y shows it at its step', async () => {
    const store = new IncidentStore();
    const now = new Date('2026-12-06T10:00:00Z');
    const older = leftOpen(store, 'the older one', now);
    const newer = leftOpen(store, 'the newer one', now);
    const t = await start();
    await t.waitFor(
      (f) => f.includes(`incident ${newer.id} is open at step investigate: resume? (y/n)`),
      'the first question',
    );
    t.type('n');
    await t.waitFor(
      (f) => f.includes(`incident ${older.id} is open at step investigate: resume? (y/n)`),
      'the second question',
    );
    t.type('y');
    await t.waitFor((f) => f.includes(`INCIDENT ${older.id}: the older one`), 'the incident shown');
    const frame = t.frame();
    expect(frame).toMatch(/▶\[ \] INVESTIGATE/);
    expect(frame).toMatch(/action 1 \(acl\.setuser\) was sent .* never seen/);
    expect(frame).toContain('INVESTIGATE: the window is since');
    // Its containment, sent and never seen to finish, is said unknown in the Contain view.
    t.press('incident.step-prev');
    await t.waitFor(
      (f) => /1\. \S+ acl\.setuser mallory: unknown: re-read the server/.test(f),
      'the unsettled action',
    );
  });

  it('opens on the incident `incident resume ID` names, without asking', async () => {
    const store = new IncidentStore();
    const now = new Date('2026-12-06T10:00:00Z');
    const one = leftOpen(store, 'resumed by id', now);
    leftOpen(store, 'another one', now);
    // A --pane given too: `incident resume` still opens on the Incident pane.
    const t = await start({ incident: one.id, pane: 'clients' });
    await t.waitFor((f) => f.includes(`INCIDENT ${one.id}: resumed by id`), 'the incident shown');
    expect(t.app.store.get().ui.pane).toBe('incident');
    expect(t.allFrames()).not.toContain('resume? (y/n)');
  });

  it('asks nothing when every incident is closed', async () => {
    const store = new IncidentStore();
    const inc = leftOpen(store, 'done with', new Date('2026-12-06T10:00:00Z'));
    store.save(applyEvent(inc, { type: 'close', at: inc.openedAt, outcome: 'fine' }));
    const t = await start();
    await t.waitFor((f) => f.includes('Profiles'), 'the console');
    expect(t.allFrames()).not.toContain('resume? (y/n)');
  });
});
