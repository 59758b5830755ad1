// A typed password (--askpass, or a profile whose source is "prompt") that the server refuses
// is asked again on `r`, naming the user and the address; it is never sent again as it was
// (each try writes an ACL LOG entry). Against a real server with ACL users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { callOnce } from '../support/resp-client.js';
import type { RespValue } from '../support/resp-client.js';
import { tuiPerTest } from '../helpers/tui.js';
import { resolveConnection } from '../../src/state/session.js';
import { letTimePass } from '../helpers/until.js';

const ADMIN_PW = 'admin-pw-1';
let server: RedisHandle;
const tuis = tuiPerTest();

beforeAll(async () => {
  server = await startRedis({ aclUsers: ['user default off', `user admin on >${ADMIN_PW} ~* &* +@all`] });
});
afterAll(async () => {
  await server.stop();
});

/** Failed AUTHs the server has logged for `user` (ACL LOG `count`s of its auth entries). */
async function failedAuths(user: string): Promise<number> {
  const log = (await callOnce({ host: server.host, port: server.port }, ['ACL', 'LOG'], {
    username: 'admin',
    password: ADMIN_PW,
  })) as RespValue[][];
  let total = 0;
  for (const entry of log) {
    const m = new Map<string, RespValue>();
    for (let i = 0; i + 1 < entry.length; i += 2) m.set(String(entry[i]), entry[i + 1]!);
    if (m.get('reason') === 'auth' && m.get('username') === user) total += Number(m.get('count'));
  }
  return total;
}

describe('a typed password the server refuses', () => {
  it('r asks again, naming user@address, sends nothing until then, and connects with the new one', async () => {
    const before = await failedAuths('admin');
    const tui = await tuis.start({
      connection: {
        spec: { host: server.host, port: server.port, user: 'admin' },
        password: 'mistyped',
        readOnly: false,
        prompted: true,
      },
    });
    const shown = await tui.waitFor((f) => f.includes('SEC002 WRONGPASS'), 'the refusal');
    // The problem line says what r will do.
    expect(shown).toContain('Press r to type the password again, 7 for profiles.');
    expect(shown).not.toContain('Press r to retry');
    // Exactly one attempt: no retry comes on its own a while later (time passing is the check).
    await letTimePass(300);
    const refused = await failedAuths('admin');
    expect(refused).toBe(before + 1);

    tui.press('app.refresh');
    const f = await tui.waitFor(
      (f) => f.includes(`Password for admin@${server.host}:${server.port}`),
      'the password asked again',
    );
    expect(f).not.toContain('mistyped');
    // Nothing is sent while the prompt waits (time passing is the check).
    await letTimePass(300);
    // Asking sent nothing: the wrong password was not tried again.
    expect(await failedAuths('admin')).toBe(refused);

    tui.type(ADMIN_PW);
    tui.key('return');
    const ready = await tui.waitFor((f) => f.includes('● ready') && f.includes('as admin'), 'connected');
    expect(ready).not.toContain(ADMIN_PW);
    expect(await failedAuths('admin')).toBe(refused);
  });

  it('a password from elsewhere (not typed) is retried as before: r does not ask', async () => {
    const tui = await tuis.start({
      connection: {
        spec: { host: server.host, port: server.port, user: 'admin' },
        password: 'from-env',
        readOnly: false,
      },
    });
    const shown = await tui.waitFor((f) => f.includes('SEC002 WRONGPASS'), 'the refusal');
    expect(shown).toContain('Press r to retry, 7 for profiles.');
    tui.press('app.refresh');
    // No prompt comes (time passing is the check).
    await letTimePass(300);
    expect(tui.frame()).not.toContain('Password for');
  });
});

describe('--askpass', () => {
  it('the prompt names the user and the address, and the connection is marked as typed', async () => {
    const asked: string[] = [];
    const conn = await resolveConnection(
      { override: { host: '10.0.0.5', port: 6379, user: 'admin' }, askpass: true },
      { interactive: true, prompt: async (q) => (asked.push(q), 'typed') },
    );
    expect(asked).toEqual(['Password for admin@10.0.0.5:6379: ']);
    expect(conn).toMatchObject({ password: 'typed', prompted: true });
  });
});
