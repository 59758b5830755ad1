// Access checks, each pass / fail / unknown from hand-made facts (no server).
import { describe, expect, it } from 'vitest';
import { ctx, hardened, insecure, noperm, ok, run, user } from './fixtures.js';

describe('AUTH-001 unauthenticated access', () => {
  it('passes on NOAUTH, fails when a fresh connection is served, unknown when not probed', () => {
    expect(run('AUTH-001', hardened()).status).toBe('pass');
    const open = run('AUTH-001', insecure());
    expect(open.status).toBe('fail');
    expect(open.fix?.online?.[0]).toMatchObject({
      action: 'acl.setuser',
      params: { user: 'default', rules: ['off'] },
    });
    const down = run(
      'AUTH-001',
      hardened({ unauthenticated: { ok: false, error: 'timeout after 2000 ms' } }),
    );
    expect(down.status).toBe('unknown');
    expect(down.unknown?.reason).toContain('timeout');
  });

  it('offers no online fix when the console itself is default (it would lock itself out)', () => {
    const f = run('AUTH-001', insecure(), ctx({ consoleUser: 'default' }));
    expect(f.fix?.online).toBeUndefined();
    expect(f.fix?.acl).toEqual(['user default off']);
  });
});

describe('AUTH-002..004 the default user', () => {
  it('nopass fails Basic, enabled fails Standard, +@all fails', () => {
    expect(run('AUTH-002', insecure()).status).toBe('fail');
    expect(run('AUTH-003', insecure()).status).toBe('fail');
    expect(run('AUTH-004', insecure()).status).toBe('fail');
    for (const id of ['AUTH-002', 'AUTH-003', 'AUTH-004']) expect(run(id, hardened()).status).toBe('pass');
  });

  it('default on with a password and restricted commands passes 002 and 004, fails 003', () => {
    const f = hardened({
      users: ok([user('default', { password: 'q'.repeat(40), commands: '-@all +get' })]),
    });
    expect(run('AUTH-002', f).status).toBe('pass');
    expect(run('AUTH-003', f).status).toBe('fail');
    expect(run('AUTH-004', f).status).toBe('pass');
  });

  it('NOPERM on ACL LIST: unknown naming +acl|list', () => {
    const f = run('AUTH-002', hardened({ users: noperm('+acl|list') }));
    expect(f).toMatchObject({ status: 'unknown', unknown: { grant: '+acl|list' } });
  });
});

describe('AUTH-005 nopass users', () => {
  it('names the enabled nopass users; a disabled one does not count', () => {
    const f = hardened({
      users: ok([
        user('svc', { nopass: true }),
        user('old', { nopass: true, enabled: false }),
        user('admin', { password: 'z'.repeat(40) }),
      ]),
    });
    const r = run('AUTH-005', f);
    expect(r.status).toBe('fail');
    expect(r.subjects).toEqual(['svc']);
    expect(run('AUTH-005', hardened()).status).toBe('pass');
  });
});

describe('AUTH-006 requirepass length', () => {
  it('never shows the value: only set and length', () => {
    const short = run('AUTH-006', hardened({ requirepass: ok({ set: true, length: 8 }) }));
    expect(short.status).toBe('fail');
    expect(short.evidence[0]?.value).toBe('set, 8 characters');
    expect(run('AUTH-006', hardened({ requirepass: ok({ set: true, length: 40 }) })).status).toBe('pass');
    expect(run('AUTH-006', hardened()).status).toBe('pass');
    expect(run('AUTH-006', hardened({ requirepass: noperm('+config|get') })).unknown?.grant).toBe(
      '+config|get',
    );
  });
});

describe('AUTH-007 weak passwords, offline', () => {
  it('names the user, never the password', () => {
    const r = run('AUTH-007', insecure());
    expect(r.status).toBe('fail');
    expect(r.subjects).toEqual(['app']);
    expect(JSON.stringify(r)).not.toContain('"password"');
    expect(JSON.stringify(r)).not.toMatch(/[0-9a-f]{64}/);
    expect(run('AUTH-007', hardened()).status).toBe('pass');
  });

  it("catches redis.conf's example password (foobared), added to the list", () => {
    const r = run('AUTH-007', hardened({ users: ok([user('default', { password: 'foobared' })]) }));
    expect(r.status).toBe('fail');
  });
});

describe('AUTH-008 leftover passwords, AUTH-009 rotation', () => {
  it('two passwords are a warn', () => {
    const f = hardened({ users: ok([user('app', { passwords: ['a'.repeat(64), 'b'.repeat(64)] })]) });
    expect(run('AUTH-008', f).status).toBe('warn');
    expect(run('AUTH-008', hardened()).status).toBe('pass');
  });

  it('older than 90 days fails; no record is a warn that never blocks; recent passes', () => {
    expect(run('AUTH-009', hardened()).status).toBe('pass');
    expect(run('AUTH-009', hardened({ passwordChanged: { admin: '2026-01-01T00:00:00Z' } })).status).toBe(
      'fail',
    );
    const none = run('AUTH-009', hardened({ passwordChanged: undefined }));
    expect(none.status).toBe('warn');
    expect(none.detail).toContain('no record');
  });
});

describe('AUTH-010 / AUTH-011 ACL users', () => {
  it('only default fails both; an app user passes both', () => {
    const only = hardened({ users: ok([user('default', { password: 'q'.repeat(40) })]) });
    expect(run('AUTH-010', only).status).toBe('fail');
    expect(run('AUTH-011', only).status).toBe('fail');
    expect(run('AUTH-010', hardened()).status).toBe('pass');
    expect(run('AUTH-011', hardened()).status).toBe('pass');
  });

  it('an operator-named admin is not an application user', () => {
    const f = hardened({ users: ok([user('ops', { password: 'q'.repeat(40) })]) });
    expect(run('AUTH-011', f, ctx({ admins: ['ops'] })).status).toBe('fail');
    expect(run('AUTH-011', f).status).toBe('pass');
  });
});
