// The rule editor's preview, without a terminal: what it would send and why it refuses.
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/domain/acl/apply-rules.js';
import { blankUser } from '../../src/domain/acl/apply-rules.js';
import { previewRules } from '../../src/domain/acl/rule-preview.js';
import { maskPasswordRules } from '../../src/ui/components/text-input.js';
import type { AclUser } from '../../src/domain/acl/types.js';

const app: AclUser = {
  ...blankUser('app'),
  enabled: true,
  flags: ['on'],
  passwords: [sha256('old-pw')],
  keys: ['~app:*'],
  commands: '-@all +get',
};
const base = { name: 'app', before: app, users: [app], exists: true } as const;

describe('rule preview', () => {
  it('append sends the rules alone, passwords as #sha256 and never in plain text', () => {
    const p = previewRules({ ...base, text: '>new-pw ~x:*', mode: 'append' });
    expect(p.problems).toEqual([]);
    expect(p.args).toEqual([`#${sha256('new-pw')}`, '~x:*']);
    expect(p.shownArgs.join(' ')).not.toContain(sha256('new-pw'));
    expect(p.secrets).toEqual(['new-pw']);
    expect(p.changes.join('\n')).toMatch(/passwords: 1 → 2/);
  });

  it('replace keeps the hashes and on/off unless the rules say otherwise', () => {
    const p = previewRules({ ...base, text: '~y:* +set', mode: 'replace' });
    expect(p.args.slice(0, 3)).toEqual(['reset', 'on', `#${sha256('old-pw')}`]);
    const reset = previewRules({ ...base, text: 'resetpass off ~y:*', mode: 'replace' });
    expect(reset.args).not.toContain(`#${sha256('old-pw')}`);
  });

  it('removing a password the user does not have is refused before Redis echoes it', () => {
    const p = previewRules({ ...base, text: '<not-theirs', mode: 'append' });
    expect(p.problems.join('\n')).toMatch(/no such password/);
    expect(p.problems.join('\n')).not.toContain('not-theirs');
    expect(previewRules({ ...base, text: '<old-pw >new-pw', mode: 'append' }).problems).toEqual([]);
  });

  it('creating: a name is needed, without spaces, and not taken', () => {
    const create = { before: undefined, users: [app], mode: 'replace' as const, text: '+get' };
    expect(previewRules({ ...create, name: '', exists: false }).problems.join()).toMatch(/needs a name/);
    expect(previewRules({ ...create, name: 'a b', exists: false }).problems.join()).toMatch(/spaces/);
    expect(previewRules({ ...create, name: 'app', exists: true }).problems.join()).toMatch(/exists/);
    expect(previewRules({ ...create, name: 'new', exists: false }).args[0]).toBe('reset');
  });

  it('the console disabling itself is a lockout risk', () => {
    const p = previewRules({ ...base, me: 'app', text: 'off', mode: 'append' });
    expect(p.lockout.join('\n')).toMatch(/disables "app"/);
  });

  it('appending a pattern to a user with every key (or channel) is refused, with the fix', () => {
    const all: AclUser = { ...app, keys: ['~*'], channels: ['&*'] };
    const p = previewRules({ ...base, before: all, users: [all], text: '~foo &bar', mode: 'append' });
    expect(p.problems.join('\n')).toMatch(/every key \(~\*\).*resetkeys/);
    expect(p.problems.join('\n')).toMatch(/every channel \(&\*\).*resetchannels/);
    expect(
      previewRules({ ...base, before: all, users: [all], text: 'resetkeys ~foo', mode: 'append' }).problems,
    ).toEqual([]);
  });

  it('names the risks a change adds', () => {
    const p = previewRules({ ...base, text: 'nopass', mode: 'append' });
    expect(p.newRisks.map((r) => r.severity)).toEqual(['critical']);
    expect(p.newRisks[0]?.detail).toMatch(/nopass/);
    expect(previewRules({ ...base, text: '~x:*', mode: 'append' }).newRisks).toEqual([]);
  });

  it('shows no password and no hash of one, whatever the rules: <pw >pw #hash !hash', () => {
    const other = sha256('third-pw');
    const texts = [
      '<old-pw >new-pw',
      `!${sha256('old-pw')} #${other}`,
      `<not-theirs !${sha256('not-theirs')}`,
      `#${other.slice(0, 63)} !${other}x`, // malformed: the messages quote the token
      `(~a #${other}) (~b >new-pw) (~c <old-pw)`, // not valid inside a selector
      `>new-pw >new-pw #${other} #${other}`,
    ];
    const secrets = ['old-pw', 'new-pw', 'third-pw', 'not-theirs'];
    const hashes = [...secrets.map(sha256), other].map((h) => h.slice(0, 16));
    for (const text of texts)
      for (const mode of ['append', 'replace'] as const)
        for (const create of [false, true]) {
          const p = previewRules(
            create ? { name: 'new', exists: false, users: [app], text, mode } : { ...base, text, mode },
          );
          // What the editor shows (args go to Redis only, secrets are what it redacts).
          const { args: _args, secrets: _secrets, ...shown } = p;
          const screen = [JSON.stringify(shown), maskPasswordRules(text)].join('\n');
          for (const x of [...secrets, ...hashes]) expect(screen, `${text} (${mode})`).not.toContain(x);
        }
  });
});
