// The Users pane against a real redis-server with an ACL file: the list and its risk
// flags, one user, access tests, the rule editor, and every change through the keys; no
// password or hash of one on any frame.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { startTui, tempXdg } from '../helpers/tui.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';
import { adminOf } from '../support/admin-client.js';
import { displayWidth } from '../../src/domain/display.js';

const USERS = [
  'user default off',
  'user admin on >admin-pw-1 ~* &* +@all',
  'user app on >app-pw-1 ~app:* resetchannels +@read +@write -@dangerous',
  'user legacy on nopass ~* +@all',
  'user monitor on >mon-pw-1 resetkeys resetchannels -@all +ping +acl|users +acl|whoami',
  'user ev\x1b[31mil on >evil-pw-1 ~x:* +get',
];

let server: RedisHandle;
let admin: Redis;
let xdg: XdgDirs;
let tui: Tui | undefined;

beforeAll(async () => {
  server = await startRedis({ aclUsers: USERS });
  admin = adminOf(server, 'admin-pw-1');
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});
beforeEach(async () => {
  xdg = tempXdg();
  // Every test starts from the same users (one test saves the ACL file).
  writeFileSync(join(server.dir, 'users.acl'), `${USERS.join('\n')}\n`, { mode: 0o600 });
  await admin.call('ACL', ['LOAD']);
});
afterEach(async () => {
  await tui?.stop();
  tui = undefined;
  xdg.cleanup();
});

const as = (user: string, password: string) => ({
  spec: { host: server.host, port: server.port, user },
  password,
  readOnly: false,
});

async function usersPane(user = 'admin', password = 'admin-pw-1') {
  tui = await startTui({ connection: as(user, password) });
  await tui.waitFor((f) => f.includes('● ready'), 'ready');
  tui.press('pane.users');
  await tui.waitFor((f) => f.includes('COMMANDS') && f.includes('legacy'), 'users listed');
  return tui;
}

const aclList = async () => (await admin.call('ACL', ['LIST'])) as string[];
const lineOf = async (name: string) => (await aclList()).find((l) => l.startsWith(`user ${name} `));
const select = async (t: Tui, name: string) => {
  t.press('list.filter');
  t.type(name);
  t.key('return');
  await t.waitFor((f) => f.includes(`/${name}`), 'filtered');
};

describe('the users list', () => {
  it('shows every user with passwords, keys, commands, clients and risk flags; hostile names escaped', async () => {
    const t = await usersPane();
    const f = t.frame();
    expect(f).toMatch(/legacy\s+on\s+nopass/);
    expect(f).toContain('@all ~*');
    expect(f).toMatch(/default\s+off/);
    expect(f).toContain('ev\\x1b[31mil');
    expect(f).not.toContain('\x1b[31mil');
    // The console's own connection is a client of admin.
    expect(f).toMatch(/admin\s+on\s+1 pw\s+\*\s+\*\s+\+@all\s+[12]\s/);
    expect(f).not.toContain('admin-pw-1');
  });

  it('filters with / and sorts with s / S', async () => {
    const t = await usersPane();
    t.press('users.sort'); // by on/off
    t.press('users.reverse');
    const rowsOf = (f: string) => f.split('\n').map((l) => l.split(' ')[0]);
    await t.waitFor(
      (f) => rowsOf(f).indexOf('default') < rowsOf(f).indexOf('admin'),
      'off users first when reversed',
    );
    await select(t, 'legac');
    const f = await t.waitFor((f) => !f.includes('monitor'), 'filtered list');
    expect(f).toContain('legacy');
  });

  it('a console user with only +acl|users sees names and is told which permission is missing (SEC003)', async () => {
    const t = await usersPane('monitor', 'mon-pw-1');
    const f = await t.waitFor((f) => f.includes('ACL LIST'), 'limit said');
    expect(f).toContain('SEC003');
    expect(f).toContain('Names only: ACL LIST not permitted (SEC003: +acl|list)');
    expect(f).toContain('legacy');
  });
});

describe('fitting the terminal (issue 17)', () => {
  // RISK wider than the 14 cells it used to be capped at: "nopass acl|setuser +2".
  const risky = async () => {
    await admin.call('ACL', [
      'SETUSER',
      'riskier',
      'on',
      'nopass',
      '~app:*',
      '+get',
      '+config|set',
      '+flushall',
      '+acl|setuser',
    ]);
    return usersPane();
  };
  const lines = (f: string) => f.split('\n');

  it('at 120 columns RISK gets its room before COMMANDS; low grades are left to the detail', async () => {
    const t = await risky();
    t.resize(120, 30);
    const f = await t.waitFor(
      (f) => /riskier.*nopass acl\|setuser \+2/.test(f) && lines(f)[0]!.length > 100,
      'risk whole at 120',
    );
    for (const l of lines(f)) expect(displayWidth(l), l).toBeLessThanOrEqual(120);
    // The app user (+@read: KEYS, SORT_RO) is low: no flag in its row.
    // Its row ends with its client count: the RISK cell is empty.
    expect(
      lines(f)
        .find((l) => /^\W*app\s/.test(l))
        ?.trimEnd(),
    ).toMatch(/\s\d+$/);
    // At 120 the footer has room for the keys 80 columns leave out (x, d, t), the most used first.
    expect(lines(f).at(-1)).toMatch(/^Enter open .*x on\/off {2}d delete {2}t test {2}a passwords {2}w save/);
  });

  it('at 80 columns the footer shows the most used keys first and says there are more', async () => {
    const t = await risky();
    t.resize(80, 24);
    const f = await t.waitFor(
      (f) => lines(f).at(-1)!.includes('more') && /riskier/.test(f) && displayWidth(lines(f)[0]!) <= 80,
      'footer at 80',
    );
    for (const l of lines(f)) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    expect(f).toMatch(/RISK/);
    expect(lines(f).find((l) => l.includes('riskier'))).toMatch(/nopass/);
    const footer = lines(f).at(-1)!;
    expect(footer).toMatch(/^Enter open\s+n new\s+e edit/);
    expect(footer).toMatch(/… \? more$/);
  });
});

describe('one user', () => {
  it('Enter opens it: rules laid out, hashes masked until v, permissions by category; Esc goes back', async () => {
    const t = await usersPane();
    await select(t, 'app');
    t.press('users.open');
    const f = await t.waitFor((f) => f.includes('User app'), 'detail');
    expect(f).toContain('#‹hash›');
    expect(f).toMatch(/@admin\s+0\/\d+/);
    expect(f).toMatch(/@bitmap\s+(\d+)\/\1/);
    const hash = /#([0-9a-f]{64})/.exec((await lineOf('app')) ?? '')?.[1] ?? 'missing';
    t.press('users.reveal');
    await t.waitFor((f) => f.includes(hash.slice(0, 20)), 'hash shown on request');
    t.key('escape');
    await t.waitFor((f) => f.includes('COMMANDS'), 'back to the list');
  });

  it('t tests access with ACL DRYRUN: allowed, or denied with the reason', async () => {
    const t = await usersPane();
    await select(t, 'app');
    t.press('users.test');
    await t.waitFor((f) => f.includes('ACL DRYRUN'), 'test box');
    t.type('SET app:1 x');
    t.key('return');
    await t.waitFor((f) => f.includes('SET app:1 x → allowed'), 'allowed');
    t.type('CONFIG GET *');
    t.key('return');
    await t.waitFor((f) => f.includes('CONFIG GET * → denied'), 'denied with reason');
    t.type('GET other:1');
    t.key('return');
    await t.waitFor((f) => /GET other:1 → denied: .*key/.test(f), 'key denial');
  });
});

describe('changing users', () => {
  it('an invalid rule is explained at its token and nothing is sent', async () => {
    const t = await usersPane();
    await select(t, 'app');
    const before = await lineOf('app');
    t.press('users.edit');
    await t.waitFor((f) => f.includes('Rules for app'), 'editor');
    t.type('+@read #abc +client|setinfo');
    const f = await t.waitFor((f) => f.includes('64 lowercase hex'), 'hash error');
    expect(f).toMatch(/column 8/);
    expect(f).toMatch(/client\|setinfo/);
    t.key('return');
    await t.waitFor((f) => f.includes('Not applied'), 'refused');
    expect(await lineOf('app')).toBe(before);
  });

  it('valid rules: a diff of permissions, a confirmation, one ACL SETUSER; then w saves the ACL file', async () => {
    const t = await usersPane();
    await select(t, 'app');
    t.press('users.edit');
    await t.waitFor((f) => f.includes('Rules for app'), 'editor');
    t.type('-@write %R~ro:*');
    await t.waitFor((f) => f.includes('keys: + %R~ro:*') && /loses \d+ commands/.test(f), 'diff');
    t.key('return');
    await t.waitFor((f) => f.includes('Change user app?'), 'confirmation');
    t.type('y');
    await t.waitFor((f) => f.includes('Done: Change user app'), 'applied');
    const line = (await lineOf('app')) ?? '';
    expect(line).toContain('%R~ro:*');
    expect(line).not.toContain('+@write');
    await t.waitFor((f) => f.includes('unsaved ACL changes'), 'header says unsaved');
    t.key('escape');
    t.press('users.save');
    await t.waitFor((f) => f.includes('ACL SAVE on 1 node(s)'), 'save confirmation');
    t.type('y');
    await t.waitFor((f) => f.includes('Done: ACL SAVE'), 'saved');
    await t.waitFor((f) => !f.includes('unsaved ACL changes'), 'header cleared');
    expect(readFileSync(join(server.dir, 'users.acl'), 'utf8')).toContain('%R~ro:*');
  });

  it('n creates a user from a template with a generated password, shown once, sent as a hash', async () => {
    const t = await usersPane();
    t.press('users.new');
    await t.waitFor((f) => f.includes('New user from template'), 'editor');
    t.key('ctrl+s');
    await t.waitFor((f) => f.includes('Create user'), 'confirmation');
    t.type('y');
    const f = await t.waitFor((f) => f.includes('shown this once'), 'password shown once');
    const password = /shown this once:[\s│]*([0-9a-f]{32,})/.exec(f)?.[1];
    expect(password).toBeDefined();
    const name = /Created (\S+)\./.exec(f)?.[1] ?? '';
    // The new user logs in with the password shown, and has the template's rules.
    const client = new Redis({ host: server.host, port: server.port, username: name, password, protocol: 2 });
    expect(await client.get('app:1')).toBeNull();
    client.disconnect();
    expect(await lineOf(name)).toMatch(/~app:\*/);
    t.key('escape');
    await t.waitFor((f) => !f.includes('shown this once'), 'gone');
    const journal = readFileSync(`${xdg.state}/redis-warden/journal.jsonl`, 'utf8');
    expect(journal).not.toContain(password ?? 'x');
    expect(journal).not.toContain(
      createHash('sha256')
        .update(password ?? 'x')
        .digest('hex'),
    );
    expect(journal).toContain('"acl.create-user"');
  });

  it('x disables a user, and k also kills its open connections', async () => {
    const client = new Redis({
      host: server.host,
      port: server.port,
      username: 'app',
      password: 'app-pw-1',
      protocol: 2,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    await client.get('app:1');
    const t = await usersPane();
    await select(t, 'app');
    t.press('users.toggle');
    const f = await t.waitFor((f) => f.includes('Disable user app?'), 'confirmation');
    expect(f).toContain('stay connected');
    t.type('k');
    await t.waitFor((f) => f.includes('Disabled app; killed 1 connection(s) of app'), 'killed');
    expect(await lineOf('app')).toMatch(/^user app off /);
    await expect(client.get('app:1')).rejects.toThrow();
    client.disconnect();
  });

  it('d deletes only after the name is typed', async () => {
    const t = await usersPane();
    await select(t, 'legacy');
    t.press('users.delete');
    await t.waitFor((f) => f.includes('Type legacy to confirm'), 'typed confirmation');
    t.type('legacx');
    t.key('return');
    await t.waitFor((f) => f.includes('does not match'), 'mismatch');
    expect(await lineOf('legacy')).toBeDefined();
    t.key('ctrl+u');
    t.type('legacy');
    t.key('return');
    await t.waitFor((f) => f.includes('Done: Delete user legacy'), 'deleted');
    expect(await lineOf('legacy')).toBeUndefined();
  });

  it('self-lockout: disabling the console’s own user asks for its name and says why', async () => {
    const t = await usersPane();
    await select(t, 'admin');
    t.press('users.toggle');
    const f = await t.waitFor((f) => f.includes('LOCKOUT'), 'lockout warning');
    expect(f).toContain('the user this console is logged in as');
    expect(f).toContain('Type admin to confirm');
    t.key('escape');
    await t.waitFor((f) => f.includes('nothing was changed'), 'cancelled');
    expect(await lineOf('admin')).toMatch(/^user admin on /);
  });

  it('a rotates passwords: add a generated one while the old works, then remove the old one', async () => {
    const t = await usersPane();
    await select(t, 'app');
    t.press('users.password');
    await t.waitFor((f) => f.includes('Passwords of app'), 'passwords');
    t.type('g');
    await t.waitFor((f) => f.includes('shown this once'), 'new password shown');
    expect((await lineOf('app'))?.match(/#[0-9a-f]{64}/g)).toHaveLength(2);
    t.key('escape');
    await t.waitFor((f) => !f.includes('shown this once'), 'closed');
    t.press('users.password');
    await t.waitFor((f) => f.includes('rotation is in progress'), 'two passwords');
    t.type('x');
    await t.waitFor((f) => f.includes('Remove password 1 of app?'), 'confirm remove');
    t.type('y');
    await t.waitFor((f) => f.includes('Done: Remove a password of app'), 'removed');
    expect((await lineOf('app'))?.match(/#[0-9a-f]{64}/g)).toHaveLength(1);
    // The old password no longer authenticates.
    const probe = admin.duplicate();
    await expect(probe.call('AUTH', ['app', 'app-pw-1'])).rejects.toThrow(/WRONGPASS/);
    probe.disconnect();
  });

  it('read-only: the changing keys are refused and nothing is sent', async () => {
    tui = await startTui({ connection: as('admin', 'admin-pw-1'), forcedReadOnly: true });
    await tui.waitFor((f) => f.includes('● ready'), 'ready');
    tui.press('pane.users');
    await tui.waitFor((f) => f.includes('legacy'), 'listed');
    tui.press('users.delete');
    await tui.waitFor((f) => f.includes('Read-only'), 'refused');
    expect(await lineOf('legacy')).toBeDefined();
  });

  it('the editor masks typed passwords, refuses a no-op, and asks for the name before making a user nopass', async () => {
    const t = await usersPane();
    await select(t, 'app');
    t.press('users.edit');
    await t.waitFor((f) => f.includes('Rules for app'), 'editor');
    t.type('>Sup3rSecret!');
    const f = await t.waitFor((f) => f.includes('passwords: 1 → 2'), 'diff');
    expect(f).not.toContain('Sup3rSecret');
    t.key('ctrl+u');
    t.type('+get');
    await t.waitFor((f) => f.includes('No change in what the user may do'), 'no change');
    t.key('return');
    await t.waitFor((f) => f.includes('Nothing to apply'), 'no-op refused');
    t.key('ctrl+u');
    t.type('nopass');
    t.key('return');
    const c = await t.waitFor((f) => f.includes('NEW RISK'), 'risk named');
    expect(c).toContain('Type app to confirm');
  });

  it('x on a user whose name is not UTF-8 disables exactly that user (its bytes); no look-alike is created', async () => {
    const bad = Buffer.from([0x75, 0xff, 0x62, 0x61, 0x64]); // u 0xff bad
    const twin = Buffer.from([0x75, 0xfe, 0x62, 0x61, 0x64]); // differs in one invalid byte
    const lossy = Buffer.from('u\ufffdbad'); // what a UTF-8 decoder made of it: u EF BF BD bad
    await admin.callBuffer('ACL', ['SETUSER', bad, 'on', 'nopass', '~*', '+@all']);
    await admin.callBuffer('ACL', ['SETUSER', twin, 'on', 'nopass', '~*', '+@all']);
    const flags = async (name: Buffer) => {
      const r = (await admin.call('ACL', ['GETUSER', name])) as unknown[] | null;
      return r === null ? null : (r[1] as string[]);
    };
    const t = await usersPane();
    const listed = await t.waitFor((f) => f.includes('u\\xffbad') && f.includes('u\\xfebad'), 'two rows');
    expect(listed).not.toContain('\\ufffd');
    await select(t, 'xffbad');
    t.press('users.toggle');
    await t.waitFor((f) => f.includes('Disable user u\\xffbad?'), 'confirmation');
    t.type('y');
    await t.waitFor((f) => f.includes('Done: Disable user u\\xffbad'), 'done');
    expect(await flags(bad)).toContain('off');
    expect(await flags(twin)).toContain('on');
    expect(await flags(lossy)).toBeNull();
    await admin.callBuffer('ACL', ['DELUSER', bad, twin]);
  });

  it('a user whose name holds control characters can be deleted by typing the name as shown', async () => {
    await admin.call('ACL', ['SETUSER', 'bad\x1b[2Jname', 'on', 'nopass', '~*', '+@all']);
    const t = await usersPane();
    await select(t, 'bad');
    t.press('users.delete');
    await t.waitFor((f) => f.includes('Type bad\\x1b[2Jname to confirm'), 'escaped name asked');
    t.type('bad\\x1b[2Jname');
    t.key('return');
    await t.waitFor((f) => f.includes('Done: Delete user'), 'deleted');
    expect(await lineOf('bad\x1b[2Jname')).toBeUndefined();
  });

  it('the detail and the edit confirmation show hostile patterns, channels and selectors escaped', async () => {
    // A key pattern with ESC and C1, a channel with a bidi override and a raw 0xff, a
    // first-arg with ESC, and a selector with an OSC 8 opener that would swallow what follows.
    await admin.call('ACL', [
      'SETUSER',
      'hostile',
      'on',
      'nopass',
      Buffer.from('~\x1b[2J\u009b*'),
      Buffer.concat([Buffer.from('&\u202e'), Buffer.from([0xff])]),
      '-@all',
      Buffer.from('+select|\x1b\u009b'),
      Buffer.from('(~\x1b]8;; +get)'),
    ]);
    const raw = /[\x1b\u009b\u202e\ufffd]/;
    const t = await usersPane();
    await select(t, 'hostile');
    t.press('users.open');
    const detail = await t.waitFor((f) => f.includes('User hostile'), 'detail');
    expect(detail).toContain('(~\\x1b]8;; resetchannels -@all +get)');
    t.key('escape');
    await t.waitFor((f) => f.includes('COMMANDS'), 'back to the list');
    t.press('users.edit');
    await t.waitFor((f) => f.includes('Rules for hostile'), 'editor');
    t.type('resetkeys ~x resetchannels');
    await t.waitFor((f) => f.includes('− ~\\x1b[2J\\u009b*'), 'the removed pattern, escaped');
    t.key('return');
    const confirm = await t.waitFor((f) => f.includes('Change user hostile?'), 'confirmation');
    expect(confirm).toContain('− ~\\x1b[2J\\u009b*');
    expect(confirm).toContain('&\\u202e\\xff');
    t.key('escape');
    expect(t.allFrames()).not.toMatch(raw);
    await admin.call('ACL', ['DELUSER', 'hostile']);
  });

  it('no frame and no journal line holds a password or any part of its hash: <pw >pw #hash !hash', async () => {
    const sha = (pw: string) => createHash('sha256').update(pw, 'utf8').digest('hex');
    const [next, third, later] = ['new-Secret-pw-42', 'third-Secret-pw-53', 'later-Secret-pw-64'];
    const secrets = ['app-pw-1', next, third, later].flatMap((pw) => [pw, sha(pw).slice(0, 6)]);
    const t = await usersPane();
    await select(t, 'app');
    t.press('users.edit');
    await t.waitFor((f) => f.includes('Rules for app'), 'editor');
    t.type(`<app-pw-1 >${next} #${sha(third)}`);
    await t.waitFor((f) => /passwords: 1 → 2/.test(f), 'the diff, in counts');
    t.key('return');
    await t.waitFor((f) => f.includes('Change user app?'), 'confirmation');
    // Meanwhile the password the rule removes goes away: Redis refuses, echoing the `!sha256` sent.
    await admin.call('ACL', ['SETUSER', 'app', 'resetpass', `>${later}`]);
    t.type('y');
    const failed = await t.waitFor((f) => /password you are trying to remove/i.test(f), 'Redis refused');
    expect(failed).toContain('‹redacted›');
    t.key('escape');
    t.press('users.password');
    await t.waitFor((f) => f.includes('Passwords of app') && f.includes('password 1'), 'password list');
    const screen = t.allFrames();
    for (const s of secrets) expect(screen, `a frame shows ${s}`).not.toContain(s);
    const journal = readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"acl.setuser"');
    for (const s of secrets) expect(journal, `the journal holds ${s}`).not.toContain(s);
  });
});
