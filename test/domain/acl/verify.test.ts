// The judgement after a user change: the re-read of the exact name must show the change.
import { describe, expect, it } from 'vitest';
import { blankUser } from '../../../src/domain/acl/apply-rules.js';
import { afterSetUser, enabledAfter, userMismatch } from '../../../src/domain/acl/verify.js';

const on = { ...blankUser('u\udcffbad'), enabled: true, flags: ['on'] };
const off = blankUser('u\udcffbad');

describe('enabledAfter', () => {
  it('the last of on / off / reset decides, in any case; none says nothing', () => {
    expect(enabledAfter(['off'])).toBe(false);
    expect(enabledAfter(['ON'])).toBe(true);
    expect(enabledAfter(['on', '~*', 'reset'])).toBe(false);
    expect(enabledAfter(['reset', 'on', 'nopass'])).toBe(true);
    expect(enabledAfter(['+get', '~k:*'])).toBeUndefined();
  });
});

describe('userMismatch', () => {
  it('disable: off is as expected; still on is a mismatch; gone is a mismatch', () => {
    expect(userMismatch(off.name, afterSetUser(['off']), off)).toBeUndefined();
    expect(userMismatch(on.name, afterSetUser(['off']), on)).toBe(
      'user "u\udcffbad" is on after ACL SETUSER off',
    );
    expect(userMismatch(on.name, afterSetUser(['off']), undefined)).toBe(
      'there is no user "u\udcffbad" after ACL SETUSER',
    );
  });

  it('a change that says nothing of on/off only needs the user to be there', () => {
    expect(userMismatch(on.name, afterSetUser(['+get']), off)).toBeUndefined();
  });

  it('delete: gone is as expected; still there is a mismatch', () => {
    expect(userMismatch(on.name, { gone: true }, undefined)).toBeUndefined();
    expect(userMismatch(on.name, { gone: true }, on)).toBe(
      'user "u\udcffbad" is still there after ACL DELUSER',
    );
  });
});
