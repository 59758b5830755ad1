// The self-lockout guard and the risk flags of the users list.
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/domain/acl/apply-rules.js';
import { lockoutRisks } from '../../../src/domain/acl/lockout.js';
import { addedRisks, listedRisk, riskFlags } from '../../../src/domain/acl/risk.js';
import type { AclSelector, AclUser } from '../../../src/domain/acl/types.js';
import { U, user } from './acl-fixtures.js';

const PW = [sha256('pw')];
const admin = user({ name: 'admin', passwords: PW, keys: ['~*'], commands: '+@all' });
const ops = user({
  name: 'ops',
  passwords: PW,
  commands: '-@all +acl|setuser +acl|getuser +acl|list +acl|deluser',
});
const app = user({ name: 'app', passwords: PW, keys: ['~app:*'], commands: '+get +set' });
const before = [admin, ops, app];
const replace = (u: AclUser) => before.map((b) => (b.name === u.name ? u : b));
const risks = (me: string | undefined, after: AclUser[]) => lockoutRisks(me, before, after, U);
const sel = (keys: string[], commands: string, channels: string[] = []): AclSelector => ({
  keys,
  channels,
  commands,
});

describe('lockoutRisks', () => {
  it('nothing for a change that leaves the console and an admin able to work', () => {
    expect(risks('ops', replace({ ...app, commands: '+get' }))).toEqual([]);
    expect(risks('ops', [...before, user({ name: 'new' })])).toEqual([]);
    expect(
      risks(
        undefined,
        before.filter((u) => u.name !== 'app'),
      ),
    ).toEqual([]);
  });

  it("deleting, disabling or emptying the passwords of the console's own user", () => {
    expect(risks('ops', [admin, app])).toEqual(['deletes "ops", the user this console is logged in as']);
    expect(risks('ops', replace({ ...ops, enabled: false, flags: ['off'] }))).toEqual([
      'disables "ops", the user this console is logged in as',
    ]);
    expect(risks('ops', replace({ ...ops, passwords: [] }))).toEqual([
      'removes every password of "ops", the user this console is logged in as',
    ]);
    // Another password, or nopass, still logs in.
    expect(risks('ops', replace({ ...ops, passwords: [sha256('new')] }))).toEqual([]);
    expect(risks('ops', replace({ ...ops, passwords: [], nopass: true }))).toEqual([]);
  });

  it('from nopass to no password at all is a lockout too (the console could log in before)', () => {
    const open = { ...ops, nopass: true, passwords: [] };
    expect(lockoutRisks('ops', [admin, open], [admin, { ...open, nopass: false }], U)).toEqual([
      'removes every password of "ops", the user this console is logged in as',
    ]);
  });

  it('the console losing the ACL commands it needs', () => {
    expect(risks('ops', replace({ ...ops, commands: '-@all +acl|getuser +acl|list' }))).toEqual([
      `takes acl|setuser, acl|deluser away from "ops", this console's own user`,
    ]);
    // Unless a selector still grants them (Redis: the root OR any selector).
    const moved = {
      ...ops,
      commands: '-@all',
      selectors: [sel([], '+acl|setuser +acl|getuser +acl|list +acl|deluser')],
    };
    expect(risks('ops', replace(moved))).toEqual([]);
    // Without a universe, a rough reading of the rules.
    expect(lockoutRisks('admin', before, replace({ ...admin, commands: '-@all +get' }))).toEqual([
      `takes acl|setuser, acl|getuser, acl|list, acl|deluser away from "admin", this console's own user`,
      'leaves no enabled user with +@all: nobody could administer this server',
    ]);
  });

  it('no enabled +@all user left, whoever the console is', () => {
    const last = 'leaves no enabled user with +@all: nobody could administer this server';
    expect(risks(undefined, replace({ ...admin, enabled: false, flags: ['off'] }))).toEqual([last]);
    expect(risks('app', [ops, app])).toEqual([last]);
    expect(risks(undefined, replace({ ...admin, commands: '-@all +@read' }))).toEqual([last]);
    // +@all with a few commands taken away still follows new commands: still an admin.
    expect(risks(undefined, replace({ ...admin, commands: '+@all -flushall' }))).toEqual([]);
    // An admin nobody can log in as administers nothing.
    expect(risks(undefined, replace({ ...admin, passwords: [] }))).toEqual([last]);
    // No admin before: nothing new is lost.
    expect(lockoutRisks(undefined, [ops], [], U)).toEqual([]);
  });
});

describe('riskFlags', () => {
  const ids = (u: AclUser) => riskFlags(u, U).map((f) => f.id);

  it('a disabled user has none, whatever it could do', () => {
    expect(
      riskFlags(
        user({
          name: 'default',
          enabled: false,
          nopass: true,
          keys: ['~*'],
          channels: ['&*'],
          commands: '+@all',
        }),
        U,
      ),
    ).toEqual([]);
  });

  it('a narrow user with a password has none', () => {
    expect(riskFlags(app, U)).toEqual([]);
  });

  it('nopass is critical; the default user on is critical without a password, low behind requirepass', () => {
    expect(ids(user({ nopass: true }))).toEqual(['nopass']);
    const def = riskFlags(user({ name: 'default', nopass: true }), U);
    expect(def.map((f) => [f.id, f.severity])).toEqual([
      ['nopass', 'critical'],
      ['default-on', 'critical'],
    ]);
    expect(def[1]?.detail).toMatch(/every connection that does not AUTH is this user/);
    // requirepass is the default user's password: a connection must AUTH, it is not "every connection".
    const [guarded, ...none] = riskFlags(user({ name: 'default', passwords: PW }), U);
    expect(none).toEqual([]);
    expect(guarded).toMatchObject({ id: 'default-on', severity: 'low' });
    expect(guarded?.detail).not.toMatch(/does not AUTH/);
    expect(guarded?.detail).toMatch(/requirepass/);
  });

  it('+@all on ~* is a full administrator, not a list of dangerous commands', () => {
    expect(ids(admin)).toEqual(['admin-all-keys']);
    expect(ids(user({ keys: ['%RW~*'], commands: 'allcommands' }))).toEqual(['admin-all-keys']);
    expect(riskFlags(admin, U).map((f) => f.severity)).toEqual(['critical']);
    // Read-only on every key: not an administrator of the data, but still one of the server.
    expect(ids(user({ keys: ['%R~*'], commands: '+@all' }))).toEqual(['server-control', 'dangerous']);
  });

  it('commands that change or stop the server are high; the rest of @dangerous/@admin/@scripting low, named', () => {
    const [control, rest] = riskFlags(
      user({ keys: ['~app:*'], commands: '+get +flushall +config|set +eval +keys' }),
      U,
    );
    expect(control).toMatchObject({ id: 'server-control', badge: 'config|set +1', severity: 'high' });
    expect(control?.detail).toBe('can change or stop the server: config|set, flushall');
    expect(rest).toMatchObject({ id: 'dangerous', badge: '@dangerous @scripting', severity: 'low' });
    expect(rest?.detail).toMatch(/^can run @dangerous: keys; @scripting: eval /);
    expect(ids(user({ keys: ['~app:*'], commands: '+@all -@dangerous -@admin -@scripting' }))).toEqual([]);
  });

  it('&* is every pub/sub channel', () => {
    expect(ids(user({ channels: ['&*'] }))).toEqual(['all-channels']);
    expect(ids(user({ channels: ['&news:*'] }))).toEqual([]);
  });

  it('a selector grants as much as the root rules would', () => {
    expect(ids(user({ selectors: [sel(['~*'], '+@all')] }))).toEqual(['admin-all-keys']);
    expect(ids(user({ selectors: [sel(['~x:*'], '+flushall')] }))).toEqual(['server-control']);
    expect(ids(user({ selectors: [sel([], '+get', ['&*'])] }))).toEqual(['all-channels']);
  });

  it('without a universe, reads the rule text', () => {
    expect(riskFlags(admin).map((f) => f.id)).toEqual(['admin-all-keys']);
    expect(riskFlags(user({ commands: '-@all +@dangerous' })).map((f) => [f.id, f.severity])).toEqual([
      ['server-control', 'high'],
    ]);
    expect(riskFlags(user({ commands: '-@all +config|set' })).map((f) => f.severity)).toEqual(['high']);
    expect(riskFlags(user({ commands: '-@all +info +client|list' }))).toEqual([]);
    expect(riskFlags(user({ commands: '-@all +@read' }))).toEqual([]);
  });
});

describe('risk grades (issue 17: 4 of 5 ordinary users were flagged)', () => {
  const graded = (u: AclUser) => riskFlags(u, U).map((f) => [f.id, f.severity]);
  const listed = (u: AclUser) => riskFlags(u, U).filter(listedRisk);

  it('a monitor user (+info +client|list) is low, and not in the list', () => {
    const monitor = user({ name: 'monitor', passwords: PW, commands: '-@all +info +client|list' });
    expect(graded(monitor)).toEqual([['dangerous', 'low']]);
    expect(listed(monitor)).toEqual([]);
  });

  it('a +@read user (keys, sort_ro) is low', () => {
    const reader = user({ name: 'reader', passwords: PW, keys: ['~*'], commands: '-@all +@read' });
    expect(graded(reader)).toEqual([['dangerous', 'low']]);
    expect(listed(reader)).toEqual([]);
  });

  it('+@all ~* is critical, +config|set high, both listed, worst first', () => {
    expect(graded(admin)).toEqual([['admin-all-keys', 'critical']]);
    const config = user({ passwords: PW, commands: '-@all +get +config|set' });
    expect(graded(config)).toEqual([['server-control', 'high']]);
    expect(listed(config).map((f) => f.id)).toEqual(['server-control']);
    const wide = user({ nopass: true, channels: ['&*'], commands: '-@all +acl|setuser +keys' });
    expect(graded(wide)).toEqual([
      ['nopass', 'critical'],
      ['server-control', 'high'],
      ['dangerous', 'low'],
      ['all-channels', 'low'],
    ]);
  });

  it('every flag has a grade and a one-line why', () => {
    const all = riskFlags(
      user({ name: 'default', nopass: true, keys: ['~*'], channels: ['&*'], commands: '+@all' }),
      U,
    );
    for (const f of all) {
      expect(['critical', 'high', 'low']).toContain(f.severity);
      expect(f.detail).not.toMatch(/\n/);
      expect(f.detail.length).toBeGreaterThan(10);
    }
  });
});

describe('addedRisks (the rule editor and acl plan)', () => {
  it('every flag for a new user, only the new ones for a change, none for no change', () => {
    const wide = user({ name: 'wide', nopass: true, keys: ['~*'], channels: ['&*'], commands: '+@all' });
    expect(addedRisks(undefined, wide, U)).toEqual(riskFlags(wide, U));
    expect(addedRisks(app, { ...app, nopass: true }, U).map((r) => r.id)).toEqual(['nopass']);
    expect(addedRisks(wide, wide, U)).toEqual([]);
    expect(addedRisks(wide, app, U)).toEqual([]);
  });
});
