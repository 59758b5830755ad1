// What the client highlights take from ACL LIST: enabled, admin, and rules without hashes.
import { describe, expect, it } from 'vitest';
import { clientUsers } from '../../../src/domain/clients/users.js';

const HASH = 'a'.repeat(64);

describe('clientUsers', () => {
  it('reads enabled and admin per user, and never puts a password hash in the rules', () => {
    const users = clientUsers([
      `user admin on #${HASH} ~* &* +@all`,
      `user app off #${HASH} ~app:* resetchannels -@all +get`,
      'user broken this is not a rule line (',
    ]);
    expect(users.get('admin')).toMatchObject({ enabled: true, admin: true });
    expect(users.get('app')).toMatchObject({ enabled: false, admin: false });
    expect(users.get('app')!.rules).toBe('OFF · keys ~app:* · channels (none) · -@all +get');
    for (const u of users.values()) expect(u.rules).not.toContain(HASH);
  });

  it('admin is any command risk, whatever its grade (server-control is high, @dangerous reads low)', () => {
    const users = clientUsers([
      `user ops on #${HASH} ~app:* -@all +config|set`,
      `user ro on #${HASH} ~* -@all +@dangerous`,
      `user plain on #${HASH} ~app:* -@all +get`,
    ]);
    expect(users.get('ops')).toMatchObject({ admin: true });
    expect(users.get('ro')).toMatchObject({ admin: true });
    expect(users.get('plain')).toMatchObject({ admin: false });
  });
});
