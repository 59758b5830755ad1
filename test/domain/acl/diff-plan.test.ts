// diffUsers (aspect by aspect, passwords as counts only) and planAcl / usersAfter: users
// compared by what Redis enforces, not by how their rules are spelled.
import { describe, expect, it } from 'vitest';
import { applyRules, blankUser, sha256 } from '../../../src/domain/acl/apply-rules.js';
import { diffUsers } from '../../../src/domain/acl/diff.js';
import type { Aspect } from '../../../src/domain/acl/diff.js';
import { desiredState, planAcl, planIsEmpty, usersAfter } from '../../../src/domain/acl/plan.js';
import type { DesiredUser } from '../../../src/domain/acl/plan.js';
import { parseRules } from '../../../src/domain/acl/rules.js';
import type { AclUser } from '../../../src/domain/acl/types.js';
import { U, user } from './acl-fixtures.js';

const H1 = sha256('one');
const H2 = sha256('two');
const aspects = (a: AclUser, b: AclUser) => diffUsers(a, b, U).map((c) => c.aspect);
const text = (a: AclUser, b: AclUser, aspect: Aspect) =>
  diffUsers(a, b, U).find((c) => c.aspect === aspect)?.text;

describe('diffUsers', () => {
  it('the same user, however spelled, has no differences', () => {
    const a = user({ keys: ['%RW~a', '%R~b'], commands: '+@read -@dangerous', passwords: [H1, H2] });
    const b = user({
      keys: ['%R~b', '~a'],
      commands: '-@all +@read -sort_ro -keys -client|list',
      passwords: [H2, H1],
    });
    expect(diffUsers(a, b, U)).toEqual([]);
    expect(diffUsers(a, a)).toEqual([]);
  });

  it('status', () => {
    expect(diffUsers(user(), user({ enabled: false, flags: ['off'] }), U)).toEqual([
      { aspect: 'status', text: 'status: on → off' },
    ]);
  });

  it('passwords are counted, never shown', () => {
    const changes = [
      diffUsers(user({ passwords: [H1] }), user({ passwords: [H1, H2] }), U),
      diffUsers(user({ passwords: [H1] }), user({ passwords: [H2] }), U),
      diffUsers(user({ passwords: [H1] }), user(), U),
      diffUsers(user({ passwords: [H1] }), user({ nopass: true, flags: ['on', 'nopass'] }), U),
      diffUsers(user({ nopass: true, flags: ['on', 'nopass'] }), user({ passwords: [H2] }), U),
    ];
    expect(changes.map((c) => c.map((x) => x.text))).toEqual([
      ['passwords: 1 → 2 (1 added)'],
      ['passwords: 1 → 1 (1 added, 1 removed)'],
      ['passwords: 1 → 0 (1 removed): nobody can log in as this user'],
      ['passwords: nopass (any password, or none, logs in)'],
      ['passwords: nopass removed, 1 password'],
    ]);
    for (const c of changes.flat()) expect(c.text).not.toMatch(/[0-9a-f]{16}/);
  });

  it('flags: skip-sanitize-payload counts; sanitize-payload is what no flag means', () => {
    const skip = user({ flags: ['on', 'skip-sanitize-payload'] });
    expect(text(user(), skip, 'flags')).toBe('flags: (none) → skip-sanitize-payload');
    expect(diffUsers(user(), user({ flags: ['on', 'sanitize-payload'] }), U)).toEqual([]);
  });

  it('keys: added and removed patterns, and a warning when none is left', () => {
    expect(text(user({ keys: ['~a'] }), user({ keys: ['~a', '%R~b'] }), 'keys')).toBe('keys: + %R~b');
    expect(text(user({ keys: ['~a'] }), user({ keys: ['%R~a'] }), 'keys')).toBe('keys: + %R~a  − ~a');
    expect(text(user({ keys: ['~a'] }), user(), 'keys')).toBe('keys: − ~a  (none left: no key is reachable)');
  });

  it('keys compare as the grant: merged access, and ~* covers the rest (found against Redis)', () => {
    expect(aspects(user({ keys: ['%R~a', '%W~a'] }), user({ keys: ['~a'] }))).toEqual([]);
    expect(aspects(user({ keys: ['~app:*', '~*'] }), user({ keys: ['~*'] }))).toEqual([]);
    expect(aspects(user({ keys: ['%R~*', '%W~*'] }), user({ keys: ['~*'] }))).toEqual([]);
    expect(aspects(user({ keys: ['%R~*'] }), user({ keys: ['~*'] }))).toEqual(['keys']);
  });

  it('channels, with &* covering the rest', () => {
    expect(text(user({ channels: ['&a'] }), user({ channels: ['&b'] }), 'channels')).toBe(
      'channels: + &b  − &a',
    );
    expect(text(user({ channels: ['&a'] }), user(), 'channels')).toContain('no channel is reachable');
    expect(aspects(user({ channels: ['&a', '&*'] }), user({ channels: ['&*'] }))).toEqual([]);
  });

  it('commands: gained and lost effective commands, and +@all for later commands', () => {
    expect(text(user({ commands: '+get' }), user({ commands: '+set +get +del' }), 'commands')).toBe(
      'commands: gains 2 commands (del, set)',
    );
    expect(text(user({ commands: '+@all' }), user({ commands: '+@read' }), 'commands')).toMatch(
      /^commands: loses \d+ commands \(.*\); no longer follows \+@all for commands added later$/,
    );
    expect(text(user({ commands: '-@all' }), user({ commands: '+@all' }), 'commands')).toMatch(
      /and every command added to Redis later \(\+@all\)$/,
    );
  });

  it('commands without a universe compare as text', () => {
    expect(diffUsers(user({ commands: '+get +set' }), user({ commands: '+set +get' }))).toEqual([
      { aspect: 'commands', text: 'commands: +get +set → +set +get' },
    ]);
  });

  it('selectors: compared as a set of grants, spelling and order aside', () => {
    const s = (keys: string[], commands: string) => ({ keys, channels: [], commands });
    const a = user({ selectors: [s(['~x'], '+get +set'), s(['%R~y', '%W~y'], '+@read -@dangerous')] });
    const b = user({
      selectors: [s(['~y'], '-@all +@read -keys -sort_ro -client|list'), s(['~x'], '+set +get')],
    });
    expect(diffUsers(a, b, U)).toEqual([]);
    expect(text(a, user({ selectors: [s(['~x'], '+get')] }), 'selectors')).toBe('selectors: 2 → 1 (changed)');
    // +@all follows commands added later; every category listed does not.
    const every = [...U.categories.keys()].map((c) => `+@${c}`).join(' ');
    expect(aspects(user({ selectors: [s([], '+@all')] }), user({ selectors: [s([], every)] }))).toEqual([
      'selectors',
    ]);
  });

  it('reports every aspect that differs, in a fixed order', () => {
    const a = user({ passwords: [H1], keys: ['~a'], channels: ['&a'], commands: '+get' });
    const b = user({
      enabled: false,
      flags: ['off', 'skip-sanitize-payload'],
      keys: ['~b'],
      channels: [],
      commands: '+set',
      selectors: [{ keys: [], channels: [], commands: '-@all' }],
    });
    expect(aspects(a, b)).toEqual([
      'status',
      'passwords',
      'flags',
      'keys',
      'channels',
      'commands',
      'selectors',
    ]);
  });
});

const line = (name: string, rules: string, at = 1): DesiredUser => ({
  name,
  line: at,
  tokens: parseRules(rules).tokens,
});
// What the server holds after applying a file line: the same rules from `reset`.
const onServer = (d: DesiredUser): AclUser =>
  applyRules(blankUser(d.name), [...parseRules('reset').tokens, ...d.tokens]);

describe('planAcl', () => {
  const desired = [
    line('alice', 'on >alicepw ~app:* +@read -@dangerous', 1),
    line('bob', 'on nopass ~b:* +get +set', 2),
    line('carol', 'off >carolpw %R~c:* (~x +get)', 3),
  ];

  it('desiredState is the file line applied from reset, passwords hashed', () => {
    expect(desiredState(desired[0]!)).toMatchObject({
      name: 'alice',
      enabled: true,
      passwords: [sha256('alicepw')],
      keys: ['~app:*'],
    });
  });

  it('creates missing users with reset + the rules, passwords sent only as hashes', () => {
    const plan = planAcl(desired, [], { universe: U });
    expect(plan.create.map((c) => [c.name, c.line])).toEqual([
      ['alice', 1],
      ['bob', 2],
      ['carol', 3],
    ]);
    expect(plan.create[0]?.args).toEqual([
      'reset',
      'on',
      `#${sha256('alicepw')}`,
      '~app:*',
      '+@read',
      '-@dangerous',
    ]);
    expect(JSON.stringify(plan)).not.toMatch(/alicepw|carolpw/);
    expect(planIsEmpty(plan)).toBe(false);
  });

  it('users equal as enforced are unchanged, however Redis spelled them', () => {
    const current = [
      { ...onServer(desired[0]!), commands: '-@all +@read -sort_ro -client|list -keys' },
      { ...onServer(desired[1]!), commands: '-@all +set +get' },
      onServer(desired[2]!),
    ];
    const plan = planAcl(desired, current, { universe: U });
    expect(plan.unchanged).toEqual(['alice', 'bob', 'carol']);
    expect(planIsEmpty(plan)).toBe(true);
  });

  it('changes a user that differs, with the aspects that differ', () => {
    const current = desired.map(onServer);
    current[1] = { ...current[1]!, keys: ['~*'], commands: '+@all' };
    const plan = planAcl(desired, current, { universe: U });
    expect(plan.change.map((c) => [c.name, c.changes.map((x) => x.aspect)])).toEqual([
      ['bob', ['keys', 'commands']],
    ]);
    expect(plan.change[0]?.args[0]).toBe('reset');
    expect(plan.unchanged).toEqual(['alice', 'carol']);
  });

  it('prunes users the file does not name only when asked, and never default', () => {
    const current = [...desired.map(onServer), user({ name: 'stray' }), user({ name: 'default' })];
    expect(planAcl(desired, current, { universe: U }).remove).toEqual([]);
    const plan = planAcl(desired, current, { universe: U, prune: true });
    expect(plan.remove.map((u) => u.name)).toEqual(['stray']);
    expect(planIsEmpty(plan)).toBe(false);
  });

  it('usersAfter: changed users replaced, created added, removed gone, the rest kept', () => {
    const current = [
      onServer(desired[0]!),
      user({ name: 'bob', keys: ['~*'] }),
      user({ name: 'stray' }),
      user({ name: 'default' }),
    ];
    const plan = planAcl(desired, current, { universe: U, prune: true });
    const after = usersAfter(current, plan);
    expect(after.map((u) => u.name)).toEqual(['alice', 'bob', 'default', 'carol']);
    expect(after[0]).toBe(current[0]);
    expect(after[1]).toBe(plan.change[0]?.after);
    expect(after[3]).toBe(plan.create[0]?.after);
    expect(planIsEmpty(planAcl(desired, after, { universe: U }))).toBe(true);
  });
});
