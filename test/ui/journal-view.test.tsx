// The Journal view (J, :journal) against a real server: an action just done in the Users pane
// is listed, Enter shows it in full, the view follows the file as another process appends to
// it, / filters, it fits 80x24, a corrupt line is counted; no password nor its hash on a frame.
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminOf } from '../support/admin-client.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';
import { cli } from '../commands/acl-cli.js';

const PW = 'View-Secret-5521';
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const USERS = [
  'user default off',
  'user admin on >admin-pw-1 ~* &* +@all',
  'user app on >app-pw-1 ~app:* +get',
];

let server: RedisHandle;
let admin: Redis;
beforeAll(async () => {
  server = await startRedis({ aclUsers: USERS });
  admin = adminOf(server, 'admin-pw-1');
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});
// Each test disables app itself.
beforeEach(async () => {
  await admin.call('ACL', ['SETUSER', 'app', 'on']);
});
const { start } = tuiPerTest();

/** The console as admin on the Users pane, with app disabled through the pane's own key. */
async function disabledInPane(): Promise<Tui> {
  const t = await start({
    connection: {
      spec: { host: server.host, port: server.port, user: 'admin' },
      password: 'admin-pw-1',
      readOnly: false,
    },
  });
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.users');
  await t.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'users listed');
  t.press('list.filter');
  t.type('app');
  t.key('return');
  await t.waitFor((f) => f.includes('/app'), 'filtered');
  t.press('users.toggle');
  await t.waitFor((f) => f.includes('Disable user app?'), 'confirmation');
  t.type('y');
  await t.waitFor((f) => f.includes('Done: Disable user app'), 'disabled');
  return t;
}

describe('the Journal view', () => {
  it('J lists the action just done; Enter shows it; Esc back, then closed', async () => {
    const t = await disabledInPane();
    t.resize(80, 24);
    t.press('app.journal');
    const list = await t.waitFor(
      (f) => f.includes('Journal: what this console did') && f.includes('ACL SETUSER'),
      'journal listed',
    );
    expect(list).toMatch(/acl\.setuser\s+127\.0\.0\.1:\d+\s+ok/);
    for (const line of list.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(list.split('\n').length).toBeLessThanOrEqual(24);

    t.key('return');
    const detail = await t.waitFor((f) => f.includes('"action": "acl.setuser"'), 'detail');
    expect(detail).toContain('"outcome": "ok"');
    // As whom: the Redis user the console is logged in as.
    expect(detail).toContain('"as": "admin"');
    expect(detail).toContain(`"127.0.0.1:${server.port}"`);
    t.key('escape');
    await t.waitFor((f) => f.includes('Journal: what this console did'), 'back to the list');
    t.key('escape');
    await t.waitFor((f) => !f.includes('Journal: what this console did') && f.includes('COMMANDS'), 'closed');
  });

  it('follows the file: an entry another process appends appears; / filters; no secret shown', async () => {
    const t = await disabledInPane();
    t.press('app.palette');
    t.type('journal');
    t.key('return');
    await t.waitFor(
      (f) => f.includes('Journal: what this console did') && f.includes('· 1 of 1'),
      'opened from the palette',
    );
    // Another terminal changes a password: its entry shows up while the view is open.
    const r = await cli(
      ['acl', 'setuser', 'app', `>${PW}`, '--yes', '-p', String(server.port), '--user', 'admin'],
      {
        REDISCLI_AUTH: 'admin-pw-1',
      },
    );
    expect(r.code, r.stderr).toBe(0);
    await t.waitFor((f) => f.includes('· 2 of 2'), 'the new entry');
    t.type('/');
    t.type(' off');
    t.key('return');
    const filtered = await t.waitFor((f) => f.includes('· 1 of 2'), 'filtered');
    expect(filtered).toContain('ACL SETUSER app off');
    t.key('escape');
    await t.waitFor((f) => f.includes('· 2 of 2'), 'filter cleared');
    t.key('return');
    const detail = await t.waitFor((f) => f.includes('"action": "acl.setuser"'), 'detail of the newest');
    expect(detail).toContain('‹redacted›');
    for (const s of [PW, sha(PW), 'admin-pw-1', sha('admin-pw-1')]) expect(t.allFrames()).not.toContain(s);
  });

  it('counts a corrupt line and goes on', async () => {
    const t = await disabledInPane();
    appendFileSync(join(process.env.XDG_STATE_HOME!, 'redis-warden', 'journal.jsonl'), '{"torn\n');
    t.press('app.journal');
    const f = await t.waitFor((f) => f.includes('1 line could not be read'), 'counted');
    expect(f).toContain('ACL SETUSER app');
  });
});
