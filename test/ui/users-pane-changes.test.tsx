// Every change from the Users pane against a real redis-server: the rule editor, create,
// disable and kill, delete, self-lockout, rotation, read-only, hostile names; no password or
// any part of its hash on any frame or journal line.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { usersPaneFixture } from '../helpers/users-pane-fixture.js';

const { f: fx, as, start, usersPane, lineOf, select } = usersPaneFixture();

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
    expect(readFileSync(join(fx.server.dir, 'users.acl'), 'utf8')).toContain('%R~ro:*');
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
    const client = new Redis({
      host: fx.server.host,
      port: fx.server.port,
      username: name,
      password,
      protocol: 2,
    });
    expect(await client.get('app:1')).toBeNull();
    client.disconnect();
    expect(await lineOf(name)).toMatch(/~app:\*/);
    t.key('escape');
    await t.waitFor((f) => !f.includes('shown this once'), 'gone');
    const journal = readFileSync(`${fx.xdg.state}/redis-warden/journal.jsonl`, 'utf8');
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
      host: fx.server.host,
      port: fx.server.port,
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
    const probe = fx.admin.duplicate();
    await expect(probe.call('AUTH', ['app', 'app-pw-1'])).rejects.toThrow(/WRONGPASS/);
    probe.disconnect();
  });

  it('read-only: the changing keys are refused and nothing is sent', async () => {
    const tui = await start({ connection: as('admin', 'admin-pw-1'), forcedReadOnly: true });
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
    await fx.admin.callBuffer('ACL', ['SETUSER', bad, 'on', 'nopass', '~*', '+@all']);
    await fx.admin.callBuffer('ACL', ['SETUSER', twin, 'on', 'nopass', '~*', '+@all']);
    const flags = async (name: Buffer) => {
      const r = (await fx.admin.call('ACL', ['GETUSER', name])) as unknown[] | null;
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
    await fx.admin.callBuffer('ACL', ['DELUSER', bad, twin]);
  });

  it('a user whose name holds control characters can be deleted by typing the name as shown', async () => {
    await fx.admin.call('ACL', ['SETUSER', 'bad\x1b[2Jname', 'on', 'nopass', '~*', '+@all']);
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
    await fx.admin.call('ACL', [
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
    await fx.admin.call('ACL', ['DELUSER', 'hostile']);
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
    await fx.admin.call('ACL', ['SETUSER', 'app', 'resetpass', `>${later}`]);
    t.type('y');
    const failed = await t.waitFor((f) => /password you are trying to remove/i.test(f), 'Redis refused');
    expect(failed).toContain('‹redacted›');
    t.key('escape');
    t.press('users.password');
    await t.waitFor((f) => f.includes('Passwords of app') && f.includes('password 1'), 'password list');
    const screen = t.allFrames();
    for (const s of secrets) expect(screen, `a frame shows ${s}`).not.toContain(s);
    const journal = readFileSync(join(fx.xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"acl.setuser"');
    for (const s of secrets) expect(journal, `the journal holds ${s}`).not.toContain(s);
  });
});
