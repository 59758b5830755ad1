// The ACL Log pane's alerts and grouping against a real redis-server: with no alertRate set
// anywhere, a burst of failed AUTHs from one address raises the alert (header and rate
// line); --alert-rate reaches the console; b folds identical violations into one row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';
import type { BootOptions } from '../../src/ui/boot.js';
import { until } from '../helpers/until.js';
import { asUser, failAuth, sendRaw } from '../commands/tail-cli.js';

let server: RedisHandle;
const tuis = tuiPerTest();

beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >admin-pw-1 ~* &* +@all',
      'user app on >app-pw-1 ~app:* +get',
    ],
  });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  await sendRaw(server.port, [
    ['AUTH', 'admin', 'admin-pw-1'],
    ['ACL', 'LOG', 'RESET'],
  ]);
});

async function logPane(opts: Partial<BootOptions> = {}): Promise<Tui> {
  const t = await tuis.start({
    connection: {
      spec: { host: server.host, port: server.port, user: 'admin' },
      password: 'admin-pw-1',
      readOnly: false,
    },
    ...opts,
  });
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.acl-log');
  await t.waitFor((f) => f.includes('No ACL violations yet'), 'the tail running');
  return t;
}

describe('alerts with no configuration', () => {
  it('a burst of failed AUTHs from one address is an alert, in the header and the rate line', async () => {
    const t = await logPane();
    for (let i = 0; i < 9; i++) await failAuth(server.port, `guess-${i % 3}`);
    await until(() => t.app.store.get().aclLog.total >= 9, 'nine failed AUTHs seen', 8000);
    expect(t.frame()).not.toContain('ALERT');
    await failAuth(server.port, 'guess-0');
    const f = await t.waitFor((f) => f.includes('ACL ALERT AUTH BURST 127.0.0.1'), 'the header alert', 8000);
    expect(f).toMatch(/ALERT auth burst: 10 failed AUTHs in a minute from 127\.0\.0\.1/);
    // 10 a minute is under the default rate's floor: no rate alert beside it.
    expect(f).not.toContain('ALERT rate');
  });

  it('--alert-rate 1 reaches the console: one violation is a rate alert', async () => {
    const t = await logPane({ alertRate: 1 });
    await asUser(server.port, 'app', 'app-pw-1', [['GET', 'secret:x']]);
    const f = await t.waitFor((f) => f.includes('ACL ALERT RATE'), 'the rate alert', 8000);
    expect(f).toMatch(/ALERT rate: \d+ ACL LOG events\/min \(over the set 1\/min; busiest 127\.0\.0\.1/);
  });
});

describe('grouping', () => {
  it('b folds identical violations (any client port) into one row with their count; b again unfolds', async () => {
    const t = await logPane();
    const sets = () => t.app.store.get().aclLog.rows.filter((r) => r.object === 'set').length;
    // Each from a new connection (a new port), each seen in its own poll: three rows.
    for (let i = 1; i <= 3; i++) {
      await asUser(server.port, 'app', 'app-pw-1', [['SET', 'app:k', 'v']]);
      await until(() => sets() >= i, `violation ${i} seen`, 8000);
    }
    await asUser(server.port, 'app', 'app-pw-1', [['GET', 'other:k']]);
    await t.waitFor((f) => f.includes('other:k'), 'a different violation', 8000);
    const rowsOf = (f: string) => f.split('\n').filter((l) => /command\s+top\s+set\s+app\s/.test(l));
    expect(rowsOf(t.frame())).toHaveLength(3);
    t.press('log.group');
    const f = await t.waitFor((f) => rowsOf(f).length === 1, 'one row');
    expect(rowsOf(f)[0]).toMatch(/set\s+app\s+3\s+127\.0\.0\.1:\d+/);
    expect(f).toContain('other:k'); // what differs stays its own row
    t.press('log.group');
    await t.waitFor((f) => rowsOf(f).length === 3, 'three rows again');
  });
});
