// Network and command checks, each pass / fail / unknown from hand-made facts (no server).
import { describe, expect, it } from 'vitest';
import { bindProblem } from '../../../src/domain/audit/checks-network.js';
import { ctx, dry, hardened, insecure, noperm, ok, run, user, withConf } from './fixtures.js';

describe('NET-001 protected-mode', () => {
  it('fails with CONFIG SET then CONFIG REWRITE (there is a config file), online', () => {
    const r = run(
      'NET-001',
      insecure({ info: ok({ server: { redis_version: '7.0.15', config_file: '/etc/redis.conf' } }) }),
    );
    expect(r.status).toBe('fail');
    expect(r.fix?.commands).toEqual(['CONFIG SET protected-mode yes', 'CONFIG REWRITE']);
    expect(r.fix?.online?.map((o) => o.action)).toEqual(['config.set', 'config.rewrite']);
    expect(r.fix?.online?.[0]?.params).toEqual({
      node: '127.0.0.1:7002',
      name: 'protected-mode',
      value: 'yes',
    });
  });

  it('no CONFIG REWRITE without a config file; pass; unknown names +config|get', () => {
    expect(run('NET-001', insecure()).fix?.commands).toEqual(['CONFIG SET protected-mode yes']);
    expect(run('NET-001', hardened()).status).toBe('pass');
    expect(run('NET-001', hardened({ config: noperm('+config|get') }))).toMatchObject({
      status: 'unknown',
      unknown: { grant: '+config|get' },
    });
  });
});

describe('NET-002 bind', () => {
  it.each([
    ['*', 'wildcard'],
    ['0.0.0.0', 'wildcard'],
    ['::', 'wildcard'],
    ['-::*', 'wildcard'],
    ['8.8.8.8', 'public'],
    ['2001:4860::1', 'public'],
    ['127.0.0.1', undefined],
    ['-::1', undefined],
    ['10.1.2.3', undefined],
    ['192.168.1.5', undefined],
  ])('%s -> %s', (addr, want) => expect(bindProblem(addr)).toBe(want));

  it('the default `* -::*` fails; loopback passes', () => {
    expect(run('NET-002', withConf(hardened(), { bind: '* -::*' })).status).toBe('fail');
    expect(run('NET-002', insecure()).subjects).toEqual(['0.0.0.0']);
    expect(run('NET-002', hardened()).status).toBe('pass');
  });
});

describe('NET-003 plain port beside TLS, NET-004 unix socket', () => {
  it('port 0 with tls-port passes; both open fails; no TLS fails', () => {
    expect(run('NET-003', hardened()).status).toBe('pass');
    expect(run('NET-003', withConf(hardened(), { port: '6380' })).detail).toContain('plain port 6380');
    expect(run('NET-003', insecure()).status).toBe('fail');
  });

  it('770 passes, 777 fails, no socket passes', () => {
    expect(run('NET-004', hardened()).status).toBe('pass');
    expect(
      run('NET-004', withConf(hardened(), { unixsocket: '/run/r.sock', unixsocketperm: '770' })).status,
    ).toBe('pass');
    expect(
      run('NET-004', withConf(hardened(), { unixsocket: '/run/r.sock', unixsocketperm: '777' })).status,
    ).toBe('fail');
  });
});

describe('CMD-001 dangerous commands per user (ACL DRYRUN)', () => {
  it('an app user with +@all ~* fails, naming the user, the commands and how to declare an admin', () => {
    const r = run('CMD-001', insecure());
    expect(r.status).toBe('fail');
    // default is not an admin either: it is named too.
    expect(r.subjects).toEqual(['default', 'app']);
    expect(r.detail).toContain('app may run FLUSHALL, FLUSHDB, CONFIG SET');
    expect(r.detail).toContain('--admin NAME');
    expect(r.fix?.online?.map((o) => o.action)).toEqual(['acl.setuser', 'acl.setuser']);
  });

  it('admins may; a declared admin passes; a disabled user is only a warn', () => {
    expect(run('CMD-001', hardened()).status).toBe('pass');
    const f = hardened({
      users: ok([user('ops', { commands: '+@all' }), user('old', { enabled: false })]),
      dryrun: ok({ ops: dry(true), old: dry(true) }),
    });
    expect(run('CMD-001', f).status).toBe('fail');
    expect(run('CMD-001', f, ctx({ admins: ['ops'] })).status).toBe('warn');
    expect(run('CMD-001', f, ctx({ admins: [], consoleUser: 'ops' })).status).toBe('warn');
  });

  it('a disabled non-admin that DRYRUN allows (it ignores off) is a warn, not a failure', () => {
    const f = hardened({
      users: ok([user('old', { enabled: false, commands: '+@all' }), user('app', {})]),
      dryrun: ok({ old: dry(true), app: dry(false) }),
    });
    const r = run('CMD-001', f);
    expect(r.status).toBe('warn');
    expect(r.subjects).toEqual(['old']);
  });

  it('NOPERM on ACL DRYRUN: unknown naming +acl|dryrun', () => {
    expect(run('CMD-001', hardened({ dryrun: noperm('+acl|dryrun') })).unknown?.grant).toBe('+acl|dryrun');
  });
});

describe('CMD-002..006', () => {
  it('enable-*-command yes fails with a restart fix; local passes', () => {
    const r = run(
      'CMD-002',
      withConf(hardened(), { 'enable-debug-command': 'yes', 'enable-module-command': 'local' }),
    );
    expect(r.status).toBe('fail');
    expect(r.subjects).toEqual(['enable-debug-command']);
    expect(r.fix?.restart).toBe(true);
    expect(r.fix?.online).toBeUndefined();
    expect(run('CMD-002', hardened()).status).toBe('pass');
  });

  it('a renamed command is a warn saying the seed prefers ACLs; an unknown user is not a rename', () => {
    const renamed = dry(false);
    renamed.FLUSHALL = { error: "ERR Command 'FLUSHALL' not found" };
    const r = run('CMD-003', hardened({ dryrun: ok({ app: renamed }) }));
    expect(r.status).toBe('warn');
    expect(r.detail).toContain('prefers ACL');
    const nouser = dry(false);
    nouser.FLUSHALL = { error: "ERR User 'x' not found" };
    expect(run('CMD-003', hardened({ dryrun: ok({ app: nouser }) })).status).toBe('pass');
  });

  it('acl-pubsub-default allchannels fails with an online fix', () => {
    const r = run('CMD-004', withConf(hardened(), { 'acl-pubsub-default': 'allchannels' }));
    expect(r.fix?.online?.[0]?.params).toMatchObject({ name: 'acl-pubsub-default', value: 'resetchannels' });
    expect(run('CMD-004', hardened()).status).toBe('pass');
  });

  it('&* and Lua beyond admins fail; admins pass', () => {
    expect(run('CMD-005', insecure()).subjects).toEqual(['default', 'app']);
    expect(run('CMD-005', hardened()).status).toBe('pass');
    expect(run('CMD-006', insecure()).subjects).toEqual(['default', 'app']);
    expect(run('CMD-006', hardened()).status).toBe('pass');
  });

  it('without DRYRUN, Lua is judged from the rules (last rule wins)', () => {
    const f = hardened({
      users: ok([
        user('a', { commands: '+@all -@scripting' }),
        user('b', { commands: '-@all +@read +eval' }),
      ]),
      dryrun: noperm('+acl|dryrun'),
    });
    expect(run('CMD-006', f).subjects).toEqual(['b']);
  });
});
