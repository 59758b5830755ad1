// The Users pane and its headless twin journal the same action the same way: each change is
// done once in the pane (the TUI, in process) and once by the built CLI on the same user from
// the same starting state, and the journal entries they write are compared (time and actor aside).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { connectRaw } from '../support/resp-client.js';
import type { RawConnection } from '../support/resp-client.js';
import { startTui, tempXdg } from '../helpers/tui.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

const USERS = [
  'user default off',
  'user admin on >admin-pw-1 ~* &* +@all',
  'user app on >app-pw-1 ~app:* resetchannels +@read +@write',
];

let server: RedisHandle;
let raw: RawConnection;
let xdg: XdgDirs;

beforeAll(async () => {
  server = await startRedis({ aclUsers: USERS });
  raw = await connectRaw({ host: server.host, port: server.port });
  await raw.call('AUTH', 'admin', 'admin-pw-1');
});
afterAll(async () => {
  raw?.close();
  await server?.stop();
});
beforeEach(async () => {
  await raw.call('ACL', 'SETUSER', 'app', 'reset', ...USERS[2]!.split(' ').slice(2));
});

interface Entry {
  ts?: string;
  actor?: string;
  profile?: string;
  [k: string]: unknown;
}

/** What the journal gained while `run` ran, without the time and the actor. */
async function journaled(run: () => Promise<unknown>): Promise<Entry[]> {
  xdg = tempXdg();
  try {
    await run();
    let text = '';
    try {
      text = readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8');
    } catch {
      // nothing journaled
    }
    return text
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const { ts: _ts, actor: _actor, profile: _profile, ...rest } = JSON.parse(l) as Entry;
        return rest;
      });
  } finally {
    xdg.cleanup();
  }
}

async function inPane(act: (t: Tui) => Promise<void>) {
  const t = await startTui({
    connection: {
      spec: { host: server.host, port: server.port, user: 'admin' },
      password: 'admin-pw-1',
      readOnly: false,
    },
  });
  try {
    await t.waitFor((f) => f.includes('● ready'), 'ready');
    t.press('pane.users');
    await t.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'users listed');
    t.press('list.filter');
    t.type('app');
    t.key('return');
    await t.waitFor((f) => f.includes('/app'), 'filtered');
    await act(t);
  } finally {
    await t.stop();
  }
}

const headless = (args: string[]) =>
  cli([...args, '-p', String(server.port), '--user', 'admin'], { REDISCLI_AUTH: 'admin-pw-1' });

describe('the pane and its headless twin journal the same action the same way', () => {
  it('disable and kill: x then k in the pane, acl disable --kill --yes', async () => {
    const pane = await journaled(() =>
      inPane(async (t) => {
        t.press('users.toggle');
        await t.waitFor((f) => f.includes('Disable user app?'), 'confirmation');
        t.type('k');
        await t.waitFor((f) => f.includes('killed 0 connection(s) of app'), 'done');
      }),
    );
    await raw.call('ACL', 'SETUSER', 'app', 'on');
    const cmd = await journaled(() => headless(['acl', 'disable', 'app', '--kill', '--yes']));
    expect(pane.map((e) => e.action)).toEqual(['acl.setuser', 'acl.kill-user-clients']);
    expect(cmd).toEqual(pane);
  });

  it('enable: x in the pane, acl enable --yes', async () => {
    await raw.call('ACL', 'SETUSER', 'app', 'off');
    const pane = await journaled(() =>
      inPane(async (t) => {
        t.press('users.toggle');
        await t.waitFor((f) => f.includes('Enable user app?'), 'confirmation');
        t.type('y');
        await t.waitFor((f) => f.includes('Done: Enable user app'), 'done');
      }),
    );
    await raw.call('ACL', 'SETUSER', 'app', 'off');
    const cmd = await journaled(() => headless(['acl', 'enable', 'app', '--yes']));
    expect(cmd).toEqual(pane);
    expect(cmd).toHaveLength(1);
  });

  it('delete: d and the typed name in the pane, acl delete --yes', async () => {
    const pane = await journaled(() =>
      inPane(async (t) => {
        t.press('users.delete');
        await t.waitFor((f) => f.includes('Type app to confirm'), 'typed confirmation');
        t.type('app');
        t.key('return');
        await t.waitFor((f) => f.includes('Done: Delete user app'), 'done');
      }),
    );
    await raw.call('ACL', 'SETUSER', 'app', 'reset', ...USERS[2]!.split(' ').slice(2));
    const cmd = await journaled(() => headless(['acl', 'delete', 'app', '--yes']));
    expect(pane.map((e) => e.action)).toEqual(['acl.deluser']);
    expect(cmd).toEqual(pane);
  });

  it('rotate, first half: g in the password form, acl rotate --add (hashes redacted in both)', async () => {
    const pane = await journaled(() =>
      inPane(async (t) => {
        t.press('users.password');
        await t.waitFor((f) => f.includes('Passwords of app'), 'passwords');
        t.type('g');
        await t.waitFor((f) => f.includes('shown this once'), 'new password shown');
      }),
    );
    await raw.call('ACL', 'SETUSER', 'app', 'resetpass', '>app-pw-1');
    const cmd = await journaled(() => headless(['acl', 'rotate', 'app', '--add']));
    expect(pane.map((e) => [e.action, e.args])).toEqual([
      ['acl.setuser', ['ACL', 'SETUSER', 'app', '#‹redacted›']],
    ]);
    expect(cmd).toEqual(pane);
  });

  it('create from a template: n and ctrl+s in the pane, acl create --template app --yes', async () => {
    const pane = await journaled(() =>
      inPane(async (t) => {
        t.press('users.new');
        await t.waitFor((f) => f.includes('New user from template'), 'editor');
        t.key('ctrl+s');
        await t.waitFor((f) => f.includes('Create user'), 'confirmation');
        t.type('y');
        await t.waitFor((f) => f.includes('shown this once'), 'password shown once');
      }),
    );
    await raw.call('ACL', 'DELUSER', 'app_user');
    const cmd = await journaled(() => headless(['acl', 'create', 'app_user', '--template', 'app', '--yes']));
    expect(pane.map((e) => e.action)).toEqual(['acl.setuser']);
    expect(JSON.stringify(pane)).toContain('#‹redacted›');
    expect(cmd).toEqual(pane);
    await raw.call('ACL', 'DELUSER', 'app_user');
  });
});
