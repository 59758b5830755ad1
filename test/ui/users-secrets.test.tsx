// The Users pane keeps passwords and their hashes off the screen and out of the journal: the
// rule editor's input and preview with `<pw >pw #hash !hash`, the confirmation, Redis refusing
// (and echoing) a removal that went stale, and the password list. Every frame is searched.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { startTui, tempXdg } from '../helpers/tui.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const OLD = 'old-Secret-pw-31';
const NEW = 'new-Secret-pw-42';
const THIRD = 'third-Secret-pw-53';
const LATER = 'later-Secret-pw-64';
const SECRETS = [OLD, NEW, THIRD, LATER].flatMap((pw) => [pw, sha(pw).slice(0, 6)]);

let server: RedisHandle;
let admin: Redis;
let xdg: XdgDirs;
let tui: Tui | undefined;

beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >admin-pw-1 ~* &* +@all',
      `user app on >${OLD} ~app:* +get`,
    ],
  });
  admin = new Redis({
    host: server.host,
    port: server.port,
    username: 'admin',
    password: 'admin-pw-1',
    protocol: 2,
  });
});
afterAll(async () => {
  await tui?.stop();
  admin?.disconnect();
  await server?.stop();
  xdg?.cleanup();
});

it('no frame and no journal line holds a password or any part of its hash', async () => {
  const t = (tui = await startTui({
    connection: {
      spec: { host: server.host, port: server.port, user: 'admin' },
      password: 'admin-pw-1',
      readOnly: false,
    },
  }));
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.users');
  await t.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'users listed');
  t.press('list.filter');
  t.type('app');
  t.key('return');
  await t.waitFor((f) => f.includes('/app'), 'filtered');

  t.press('users.edit');
  await t.waitFor((f) => f.includes('Rules for app'), 'editor');
  t.type(`<${OLD} >${NEW} #${sha(THIRD)}`);
  await t.waitFor((f) => /passwords: 1 → 2/.test(f), 'the diff, in counts');
  t.key('return');
  await t.waitFor((f) => f.includes('Change user app?'), 'confirmation');
  // Meanwhile the password the rule removes goes away: Redis will refuse, echoing `!sha256`.
  await admin.call('ACL', ['SETUSER', 'app', 'resetpass', `>${LATER}`]);
  t.type('y');
  const failed = await t.waitFor((f) => /password you are trying to remove/i.test(f), 'Redis refused');
  expect(failed).toContain('‹redacted›');

  t.key('escape');
  t.press('users.password');
  await t.waitFor((f) => f.includes('Passwords of app'), 'password list');
  await t.waitFor((f) => f.includes('password 1'), 'one password listed');

  const screen = t.allFrames();
  for (const s of SECRETS) expect(screen, `a frame shows ${s}`).not.toContain(s);
  const journal = readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8');
  expect(journal).toContain('"acl.setuser"');
  for (const s of SECRETS) expect(journal, `the journal holds ${s}`).not.toContain(s);
});
