// `tail --follow`'s alerts against a real server, as the built CLI: --alert-rate 1 --json puts
// an alert object among the events (and the ALERT line on stderr), once per crossing; with
// no configuration a burst of failed AUTHs from one address is an alert; a bad rate is exit 2.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';
import { asUser, failAuth, follow, freshState, jsonLines, TAIL_USERS } from './tail-cli.js';

let server: RedisHandle;
let xdg: XdgDirs;
let state: ReturnType<typeof freshState>;
const admin = () => ['-p', String(server.port), '--user', 'admin'];
const env = () => ({ REDISCLI_AUTH: 'adm-pw-123', ...state.env });
const ALERT_FIELDS = [
  'alert',
  'time',
  'rate',
  'threshold',
  'basis',
  'baseline',
  'addr',
  'usernames',
  'usernames_hex',
  'nodes',
  'text',
];

beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis({ aclUsers: TAIL_USERS });
});
afterAll(async () => {
  await server?.stop();
  xdg.cleanup();
});
afterEach(() => state?.cleanup());

describe('tail --follow alerts', () => {
  it('--alert-rate 1 --json: an alert object after the event that raised it, once; ALERT on stderr', async () => {
    state = freshState();
    const t = follow(['--json', '--alert-rate', '1', ...admin()], env());
    await t.waitFor((_, err) => err.includes('following the ACL LOG'), 'start');
    await asUser(server.port, 'lim', 'lim-pw-456', [['GET', 'secret:alert']]);
    await t.waitFor((out) => out.includes('"alert":"rate"'), 'the alert object', 5000);
    // Another event in the same minute: the alert still holds, it is not said again.
    await asUser(server.port, 'lim', 'lim-pw-456', [['GET', 'secret:again']]);
    await t.waitFor((out) => out.includes('secret:again'), 'the second event', 5000);
    expect(await t.signal('SIGINT')).toBe(0);
    const lines = jsonLines(t.stdout());
    const at = lines.findIndex((l) => l.alert === 'rate');
    expect(lines.findIndex((l) => l.object === 'secret:alert')).toBeLessThan(at);
    expect(lines.filter((l) => l.alert !== undefined)).toHaveLength(1);
    const a = lines[at]!;
    expect(Object.keys(a)).toEqual(ALERT_FIELDS);
    expect(a).toMatchObject({
      threshold: 1,
      basis: 'set',
      baseline: null,
      addr: '127.0.0.1',
      usernames: ['lim'],
      usernames_hex: ['6c696d'],
      nodes: [`127.0.0.1:${server.port}`],
    });
    expect(String(a.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(a.rate).toBeGreaterThanOrEqual(1);
    expect(String(a.text)).toMatch(
      /^rate: \d+ ACL LOG events\/min \(over the set 1\/min; busiest 127\.0\.0\.1; users lim/,
    );
    expect(t.stderr()).toMatch(/^ALERT rate: \d+ ACL LOG events\/min \(over the set 1\/min/m);
  });

  it('no configuration: 10 failed AUTHs from one address are an ALERT line on stderr, the table on stdout', async () => {
    state = freshState();
    const t = follow(admin(), env());
    await t.waitFor((out, err) => out.startsWith('LAST') && err.includes('following'), 'the header');
    for (let i = 0; i < 10; i++) await failAuth(server.port, i % 2 ? 'root' : 'x\x1b[2J');
    await t.waitFor((_, err) => err.includes('ALERT auth burst'), 'the burst alert', 5000);
    expect(await t.signal('SIGINT')).toBe(0);
    expect(t.stderr()).toMatch(
      /^ALERT auth burst: 10 failed AUTHs in a minute from 127\.0\.0\.1 \(at 10 or more a minute from one address; users (root, x\\x1b\[2J|x\\x1b\[2J, root); on 127\.0\.0\.1:\d+\)$/m,
    );
    // 10 a minute is under the default rate's floor: the burst alone.
    expect(t.stderr()).not.toContain('ALERT rate');
    expect(t.stdout()).not.toContain('ALERT');
  });

  it('--alert-rate that is not a number from 0 is a usage error, for tail and the console', async () => {
    state = freshState();
    for (const bad of ['-1', 'many', '']) {
      const r = await cli(['tail', ...admin(), '--alert-rate', bad], env());
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--alert-rate');
    }
    // The console checks it before it needs a terminal.
    const tui = await cli(['--alert-rate', 'x', ...admin()], env());
    expect(tui.code).toBe(2);
    expect(tui.stderr).toContain('--alert-rate: ACL LOG events per minute');
  });
});
