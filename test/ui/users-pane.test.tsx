// The Users pane against a real redis-server with an ACL file: the list and its risk flags,
// filters and sorting, a console user who may only list names; one user's detail and access
// test. Changes are in users-pane-changes.test.tsx, the widths in users-pane-width.test.tsx.
import { describe, expect, it } from 'vitest';
import { usersPaneFixture } from '../helpers/users-pane-fixture.js';

const { usersPane, lineOf, select } = usersPaneFixture();

describe('the users list', () => {
  it('shows every user with passwords, keys, commands, clients and risk flags; hostile names escaped', async () => {
    const t = await usersPane();
    const f = t.frame();
    expect(f).toMatch(/legacy\s+on\s+nopass/);
    expect(f).toContain('@all ~*');
    expect(f).toMatch(/default\s+off/);
    expect(f).toContain('ev\\x1b[31mil');
    expect(f).not.toContain('\x1b[31mil');
    // The console's own connection is a client of fx.admin.
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
