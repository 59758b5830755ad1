// The Users pane tests' one server (an ACL file with ordinary, risky and hostile users), reset
// before each test, and a console opened on the Users pane: shared by the files that test the
// list, the widths and the changes, so each stays small.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { adminOf } from '../support/admin-client.js';
import { startTui, tempXdg } from './tui.js';
import type { Tui, XdgDirs } from './tui.js';

export const USERS = [
  'user default off',
  'user admin on >admin-pw-1 ~* &* +@all',
  'user app on >app-pw-1 ~app:* resetchannels +@read +@write -@dangerous',
  'user legacy on nopass ~* +@all',
  'user monitor on >mon-pw-1 resetkeys resetchannels -@all +ping +acl|users +acl|whoami',
  'user ev\x1b[31mil on >evil-pw-1 ~x:* +get',
];

export interface UsersPaneFixture {
  server: RedisHandle;
  admin: Redis;
  xdg: XdgDirs;
  /** The console of this test (stopped after it). */
  tui: Tui | undefined;
}

/** Registers the hooks; the fields are set once the hooks have run (inside a test). */
export function usersPaneFixture() {
  const f = {} as UsersPaneFixture;
  beforeAll(async () => {
    f.server = await startRedis({ aclUsers: USERS });
    f.admin = adminOf(f.server, 'admin-pw-1');
  });
  afterAll(async () => {
    f.admin.disconnect();
    await f.server.stop();
  });
  beforeEach(async () => {
    f.xdg = tempXdg();
    // Every test starts from the same users (one test saves the ACL file).
    writeFileSync(join(f.server.dir, 'users.acl'), `${USERS.join('\n')}\n`, { mode: 0o600 });
    await f.admin.call('ACL', ['LOAD']);
  });
  afterEach(async () => {
    await f.tui?.stop();
    f.tui = undefined;
    f.xdg.cleanup();
  });

  const as = (user: string, password: string) => ({
    spec: { host: f.server.host, port: f.server.port, user },
    password,
    readOnly: false,
  });
  const start = async (opts: Parameters<typeof startTui>[0]) => (f.tui = await startTui(opts));
  async function usersPane(user = 'admin', password = 'admin-pw-1') {
    const t = await start({ connection: as(user, password) });
    await t.waitFor((fr) => fr.includes('● ready'), 'ready');
    t.press('pane.users');
    await t.waitFor((fr) => fr.includes('COMMANDS') && fr.includes('legacy'), 'users listed');
    return t;
  }
  const aclList = async () => (await f.admin.call('ACL', ['LIST'])) as string[];
  const lineOf = async (name: string) => (await aclList()).find((l) => l.startsWith(`user ${name} `));
  const select = async (t: Tui, name: string) => {
    t.press('list.filter');
    t.type(name);
    t.key('return');
    await t.waitFor((fr) => fr.includes(`/${name}`), 'filtered');
  };
  return { f, as, start, usersPane, aclList, lineOf, select };
}
