import { describe, expect, it } from 'vitest';
import { userFromListLine, userToRules } from '../../../src/domain/acl/rules.js';
import { REDACTED } from '../../../src/domain/redact.js';

const H1 = 'c592'.padEnd(62, '0') + 'f8';
const H2 = '9391'.padEnd(62, '1') + 'b0';

describe('userFromListLine', () => {
  it('reads a Redis 7.0 line with hashes, key permissions, channels, commands and a selector', () => {
    const line = `user alice on #${H1} #${H2} ~app:* %R~ro:* resetchannels &chan:* -@all +@read -keys -sort_ro +config|get (~sel:* resetchannels -@all +set)`;
    expect(userFromListLine(line)).toEqual({
      name: 'alice',
      enabled: true,
      nopass: false,
      flags: ['on'],
      passwords: [H1, H2],
      keys: ['~app:*', '%R~ro:*'],
      channels: ['&chan:*'],
      commands: '-@all +@read -keys -sort_ro +config|get',
      selectors: [{ keys: ['~sel:*'], channels: [], commands: '-@all +set' }],
    });
  });

  it('reads the default user', () => {
    expect(userFromListLine('user default on nopass sanitize-payload ~* &* +@all')).toEqual({
      name: 'default',
      enabled: true,
      nopass: true,
      flags: ['on', 'nopass', 'sanitize-payload'],
      passwords: [],
      keys: ['~*'],
      channels: ['&*'],
      commands: '+@all',
      selectors: [],
    });
  });

  it('keeps a username verbatim, escape characters and all', () => {
    const u = userFromListLine('user \x1b[2J(x)#\u202e off resetchannels -@all');
    expect(u.name).toBe('\x1b[2J(x)#\u202e');
    expect(u.enabled).toBe(false);
    expect(u.commands).toBe('-@all');
  });

  it('throws a clear error on a line that is not "user NAME ..."', () => {
    expect(() => userFromListLine('')).toThrow('not an ACL LIST line (expected "user NAME rules...")');
    expect(() => userFromListLine('usr alice on')).toThrow('"usr alice on"');
    expect(() => userFromListLine('user')).toThrow('not an ACL LIST line');
    expect(() => userFromListLine('user  alice')).toThrow('not an ACL LIST line');
    // Raw in the error (escaped once where it is shown), the password redacted.
    expect(() => userFromListLine('nope \x1b[31m >hunter2')).toThrow(`"nope \x1b[31m >${REDACTED}"`);
    expect(() => userFromListLine('user bob on bogus')).toThrow(
      'cannot read the ACL LIST line of user "bob": unknown rule "bogus"',
    );
    expect(() => userFromListLine('user bob on (~a')).toThrow('unbalanced selector');
  });
});

describe('userToRules', () => {
  it('writes on/off, hashes or nopass, flags, then keys, channels, commands and selectors', () => {
    const u = userFromListLine(
      `user alice on #${H1} skip-sanitize-payload ~a %W~w resetchannels &c -@all +get (~s resetchannels &d +set)`,
    );
    expect(userToRules(u)).toEqual([
      'on',
      `#${H1}`,
      'skip-sanitize-payload',
      'resetkeys',
      '~a',
      '%W~w',
      'resetchannels',
      '&c',
      '-@all',
      '+get',
      '(~s resetchannels &d +set)',
    ]);
    expect(userToRules(userFromListLine(`user x off nopass #${H1} resetchannels -@all`))).toEqual([
      'off',
      'nopass',
      'resetkeys',
      'resetchannels',
      '-@all',
    ]);
  });

  it('writes `~*` alone when Redis printed the RW pattern * beside other patterns', () => {
    // `ACL SETUSER u %RW~* ~x` is accepted and listed as `~* ~x`, which Redis cannot load back.
    const u = userFromListLine('user u off ~* ~x %R~y resetchannels -@all');
    expect(u.keys).toEqual(['~*', '~x', '%R~y']);
    expect(userToRules(u)).toEqual(['off', 'resetkeys', '~*', 'resetchannels', '-@all']);
  });
});
