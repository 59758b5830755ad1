// The rule editor on a server with `acl-pubsub-default allchannels`: the Users pane reads
// the setting (CONFIG GET) and the editor checks channel rules for it, as Redis does: a new
// user starts with every channel, so `&x` needs `resetchannels` first. A console user that
// may not read the setting is told which default the editor assumed.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';
import { adminOf } from '../support/admin-client.js';

const USERS = [
  'user default off',
  'user admin on >admin-pw-1 ~* &* +@all',
  // Everything but CONFIG: it cannot read acl-pubsub-default.
  'user noconf on >noconf-pw-1 ~* &* +@all -config',
  // No channel rule: on this server it has every channel.
  'user app on >app-pw-1 ~app:* +get',
];

let server: RedisHandle;
let admin: Redis;
const tuis = tuiPerTest();

beforeAll(async () => {
  server = await startRedis({ aclUsers: USERS, extraConfig: ['acl-pubsub-default allchannels'] });
  admin = adminOf(server, 'admin-pw-1');
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

async function usersPane(user: string, password: string): Promise<Tui> {
  const t = await tuis.start({
    connection: { spec: { host: server.host, port: server.port, user }, password, readOnly: false },
  });
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.users');
  await t.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'users listed');
  return t;
}

describe('the rule editor on an acl-pubsub-default allchannels server', () => {
  it('n: reset &x is refused as Redis refuses it there; resetchannels &x is accepted', async () => {
    const t = await usersPane('admin', 'admin-pw-1');
    t.press('users.new');
    await t.waitFor((f) => f.includes('New user from template'), 'editor');
    // The cursor (▏) leaves the name field for the rules field.
    const nameHasCursor = (f: string) => f.split('\n').some((l) => l.includes('name  ') && l.includes('▏'));
    await t.waitFor(nameHasCursor, 'the name field focused');
    t.key('tab');
    await t.waitFor((f) => !nameHasCursor(f), 'the rules field focused');
    // Its input handler is switched by an effect after that frame: one turn of the event loop.
    await new Promise((r) => setImmediate(r));
    // After the template's rules: `reset` gives the new user every channel again on this server.
    t.type(' reset &chan:x');
    await t.waitFor((f) => f.includes('acl-pubsub-default is allchannels'), 'refused with the reason');
    t.key('return');
    await t.waitFor((f) => f.includes('Not applied'), 'not applied');
    const redis = await admin
      .call('ACL', ['SETUSER', 'probe', 'reset', '&chan:x'])
      .catch((e: Error) => e.message);
    expect(redis).toMatch(/allchannels/);
    // The same words after resetchannels: accepted here and by Redis.
    for (let i = 0; i < ' &chan:x'.length; i++) t.key('backspace');
    t.type(' resetchannels &chan:x');
    await t.waitFor((f) => f.includes('channels: + &chan:x'), 'accepted: the diff shows it');
    t.key('return');
    await t.waitFor((f) => f.includes('Create user'), 'confirmation');
    t.type('y');
    await t.waitFor((f) => f.includes('shown this once'), 'created');
    const made = (await admin.call('ACL', ['GETUSER', 'app_user'])) as unknown[];
    expect(made[made.indexOf('channels') + 1]).toBe('&chan:x');
  });

  it('e (append): a user without channel rules has every channel here, so &x needs resetchannels', async () => {
    const t = await usersPane('admin', 'admin-pw-1');
    t.press('list.filter');
    t.type('app');
    t.key('return');
    await t.waitFor((f) => f.includes('/app'), 'filtered');
    t.press('users.edit');
    await t.waitFor((f) => f.includes('Rules for app'), 'editor');
    t.type('&x');
    await t.waitFor((f) => f.includes('already has every channel'), 'refused');
    expect(await admin.call('ACL', ['SETUSER', 'app', '&x']).catch((e: Error) => e.message)).toMatch(
      /allchannels/,
    );
  });

  it('a console user without +config|get is told the editor assumed resetchannels', async () => {
    const t = await usersPane('noconf', 'noconf-pw-1');
    const list = await t.waitFor((f) => f.includes('acl-pubsub-default assumed'), 'said in the pane');
    expect(list).toContain('acl-pubsub-default assumed resetchannels');
    t.press('users.new');
    const f = await t.waitFor((f) => f.includes('New user from template'), 'editor');
    expect(f).toContain('acl-pubsub-default assumed resetchannels');
  });
});
