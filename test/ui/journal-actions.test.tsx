// The same operation, made in a pane and by its headless command against one real server,
// is journaled under the same action id (the one table, src/domain/actions.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isActionId } from '../../src/domain/actions.js';
import { cli } from '../commands/acl-cli.js';
import { openRaw } from '../commands/clients-cli.js';
import type { RawClient } from '../commands/clients-cli.js';
import { startTui, tempXdg } from '../helpers/tui.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';

const USERS = [
  'user default off',
  'user admin on >admin-pw-1 ~* &* +@all',
  'user app on >app-pw-1 ~app:* +get +client|setname +client|id',
];

let server: RedisHandle;
let xdg: XdgDirs;
let tui: Tui | undefined;
const open: RawClient[] = [];

beforeAll(async () => {
  server = await startRedis({ aclUsers: USERS });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  xdg = tempXdg();
});
afterEach(async () => {
  await tui?.stop();
  tui = undefined;
  for (const c of open.splice(0)) c.close();
  xdg.cleanup();
});

/** The action ids journaled since `from` entries, in order. */
function actionsSince(from: number): string[] {
  let text: string;
  try {
    text = readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .slice(from)
    .map((l) => (JSON.parse(l) as { action: string }).action);
}
const journalLength = () => actionsSince(0).length;

const appClient = async (name: string) => {
  const c = await openRaw(server.port, [
    ['AUTH', 'app', 'app-pw-1'],
    ['CLIENT', 'SETNAME', name],
  ]);
  open.push(c);
  return c;
};

/** The headless command, as the admin, on the same server and the same journal. */
const headless = (args: string[]) =>
  cli([...args, '-p', String(server.port), '--user', 'admin'], { REDISCLI_AUTH: 'admin-pw-1' });

async function pane(
  key: 'pane.clients' | 'pane.users',
  on = server,
  user = 'admin',
  password = 'admin-pw-1',
) {
  tui = await startTui({
    connection: { spec: { host: on.host, port: on.port, user }, password, readOnly: false },
  });
  await tui.waitFor((f) => f.includes('● ready'), 'ready');
  tui.press(key);
  return tui;
}

async function filterClients(t: Tui, name: string) {
  await t.waitFor((f) => f.includes(name), 'listed');
  t.press('list.filter');
  t.type(`name=${name}`);
  t.key('return');
  await t.waitFor((f) => f.includes('1 shown'), 'filtered');
}

describe('one action id for the TUI and the headless command', () => {
  it('kill a client: x in Clients and `clients kill --id` journal client.kill', async () => {
    await appClient('tui-victim');
    const t = await pane('pane.clients');
    await filterClients(t, 'tui-victim');
    let from = journalLength();
    t.press('clients.kill');
    await t.waitFor((f) => /Kill client \d+/.test(f), 'confirm');
    t.type('y');
    await t.waitFor((f) => f.includes('Killed 1 connection'), 'killed');
    const tuiIds = actionsSince(from);

    const victim = await appClient('cli-victim');
    from = journalLength();
    const r = await headless(['clients', 'kill', '--id', victim.id, '--yes']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const cliIds = actionsSince(from);

    expect(tuiIds).toEqual(['client.kill']);
    expect(cliIds).toEqual(tuiIds);
  });

  it("kill a user's clients: U in Clients, x+k in Users and `clients kill --username` journal client.kill-user", async () => {
    await appClient('u-1');
    const t = await pane('pane.clients');
    await filterClients(t, 'u-1');
    let from = journalLength();
    t.press('clients.killUser');
    await t.waitFor((f) => f.includes('Kill every connection of user app?'), 'confirm');
    t.type('y');
    await t.waitFor((f) => /Killed \d+ connections?: every connection of user app/.test(f), 'killed');
    const clientsPaneIds = actionsSince(from);
    await tui?.stop();
    tui = undefined;

    await appClient('u-2');
    const u = await pane('pane.users');
    await u.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'users listed');
    u.press('list.filter');
    u.type('app');
    u.key('return');
    await u.waitFor((f) => f.includes('/app'), 'filtered');
    from = journalLength();
    u.press('users.toggle');
    await u.waitFor((f) => f.includes('Disable user app?'), 'confirmation');
    u.type('k');
    await u.waitFor((f) => f.includes('Disabled app; killed'), 'killed');
    const usersPaneIds = actionsSince(from);
    const enable = await appClientAfterEnable();
    from = journalLength();
    const r = await headless(['clients', 'kill', '--username', 'app', '--yes']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    await enable.waitClosed();
    const cliIds = actionsSince(from);

    expect(clientsPaneIds).toEqual(['client.kill-user']);
    expect(usersPaneIds).toEqual(['acl.setuser', 'client.kill-user']);
    expect(cliIds).toEqual(clientsPaneIds);
  });

  it('persist ACLs: w in Users and `acl save` journal acl.save', async () => {
    const t = await pane('pane.users');
    await t.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'users listed');
    let from = journalLength();
    t.press('users.save');
    await t.waitFor((f) => f.includes('ACL SAVE on 1 node(s)'), 'save confirmation');
    t.type('y');
    await t.waitFor((f) => f.includes('Done: ACL SAVE'), 'saved');
    const tuiIds = actionsSince(from);

    from = journalLength();
    const r = await headless(['acl', 'save', '--yes']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const cliIds = actionsSince(from);

    expect(tuiIds).toEqual(['acl.save']);
    expect(cliIds).toEqual(tuiIds);
    for (const id of [...tuiIds, ...cliIds]) expect(isActionId(id)).toBe(true);
  });

  it('persist ACLs without an aclfile: w in Users and `acl save` journal config.rewrite', async () => {
    const plain = await startRedis({ password: 'conf-pw-1' });
    try {
      const t = await pane('pane.users', plain, 'default', 'conf-pw-1');
      await t.waitFor((f) => f.includes('COMMANDS') && f.includes('default'), 'users listed');
      let from = journalLength();
      t.press('users.save');
      await t.waitFor((f) => f.includes('CONFIG REWRITE'), 'save confirmation');
      t.type('y');
      await t.waitFor((f) => f.includes('Done: CONFIG REWRITE'), 'saved');
      const tuiIds = actionsSince(from);

      from = journalLength();
      const r = await cli(['acl', 'save', '--yes', '-p', String(plain.port)], { REDISCLI_AUTH: 'conf-pw-1' });
      expect([r.code, r.stderr]).toEqual([0, '']);
      const cliIds = actionsSince(from);

      expect(tuiIds).toEqual(['config.rewrite']);
      expect(cliIds).toEqual(tuiIds);
    } finally {
      await tui?.stop();
      tui = undefined;
      await plain.stop();
    }
  });
});

/** The user was disabled by the pane: enable it again (as an admin would) and connect as it. */
async function appClientAfterEnable(): Promise<RawClient> {
  const admin = await openRaw(server.port, [
    ['AUTH', 'admin', 'admin-pw-1'],
    ['ACL', 'SETUSER', 'app', 'on'],
  ]);
  admin.close();
  return appClient('u-3');
}
