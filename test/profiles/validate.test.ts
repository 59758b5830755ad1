import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCidr, profileProblems, validateProfile } from '../../src/profiles/validate.js';
import { PROFILE_NAME_RE } from '../../src/profiles/schema.js';

const base = { name: 'p', password: { kind: 'none' } };

describe('profile validation', () => {
  it('accepts a full profile', () => {
    const full = {
      name: 'prod-eu.1',
      host: 'redis.internal',
      port: 6380,
      user: 'ops',
      tls: {
        enabled: true,
        cacert: '/etc/ca.pem',
        cert: '/c.pem',
        key: '/k.pem',
        sni: 'redis',
        insecure: false,
      },
      cluster: true,
      password: { kind: 'file', path: '/run/secrets/redis' },
      readOnly: true,
      theme: 'high-contrast',
      notes: 'primary in eu-west\nowner: sre',
      expectedNetworks: ['10.0.0.0/8', '192.168.1.10', 'fd00::/8'],
      alertRate: 30,
      pane: 'acl-log',
    };
    expect(profileProblems(full)).toEqual([]);
    expect(validateProfile(full)).toBe(full);
    expect(profileProblems({ ...base, socket: '/run/redis.sock' })).toEqual([]);
    expect(profileProblems({ ...base, uri: 'rediss://redis.internal:6380/0' })).toEqual([]);
  });

  it('accepts exactly the names PROFILE_NAME_RE accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(PROFILE_NAME_RE)), (name) => {
        const ok = profileProblems({ ...base, name }).length === 0;
        expect(ok).toBe(PROFILE_NAME_RE.test(name));
      }),
    );
  });

  it('takes alertRate 0: no rate alert (the auth-burst alert stays)', () => {
    expect(profileProblems({ ...base, alertRate: 0 })).toEqual([]);
  });

  it('accepts ports 1..65535 only, as integers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -100_000, max: 100_000 }), fc.double()), (port) => {
        const ok = profileProblems({ ...base, port }).length === 0;
        expect(ok).toBe(Number.isInteger(port) && port >= 1 && port <= 65535);
      }),
    );
  });

  it.each([
    [{ password: { kind: 'magic' } }, /password must be one of/],
    [{ password: undefined }, /password must be one of/],
    [{ password: { kind: 'env', name: 'BAD-NAME' } }, /password\.name must be an environment variable name/],
    [{ password: { kind: 'file', path: 'relative/pw' } }, /password\.path must be an absolute path/],
    [{ password: { kind: 'keyring', value: 'x' } }, /unknown field password\."value"/],
    [{ password: { kind: 'plain', value: '' } }, /password\.value must be a non-empty string/],
    [{ host: 'evil\u001b[2J' }, /host contains control characters/],
    [{ host: '' }, /host must be a non-empty string/],
    [{ uri: 'http://x' }, /uri must start with redis:\/\/ or rediss:\/\//],
    [{ uri: 'not a url' }, /uri is not a valid URL/],
    [{ uri: 'redis://user:pw@h' }, /uri must not carry credentials/],
    [{ uri: 'redis://h:1/?password=pw' }, /uri must not carry credentials/],
    [{ uri: 'redis://h:1/?PASSWORD=pw' }, /uri must not carry credentials/],
    [{ tls: { cacert: '/ca' } }, /tls\.enabled must be true or false/],
    [{ tls: { enabled: true, verify: false } }, /unknown field tls\."verify"/],
    [{ readOnly: 'yes' }, /readOnly must be true or false/],
    [{ theme: '../../etc/passwd' }, /theme must be a theme name/],
    [{ pane: 'Users\u001b[2J' }, /pane must be a pane name/],
    [{ pane: 7 }, /pane must be a pane name/],
    [{ notes: 'x'.repeat(5000) }, /notes is longer than 4096/],
    [{ expectedNetworks: ['10.0.0.0/33'] }, /expectedNetworks must be a list of IP addresses or CIDRs/],
    [{ alertRate: -1 }, /alertRate must be a number of events per minute \(0: no rate alert\)/],
    [{ pasword: { kind: 'none' } }, /unknown field "pasword"/],
  ])('rejects %j', (extra, problem) => {
    expect(profileProblems({ ...base, ...extra }).join('; ')).toMatch(problem);
    expect(() => validateProfile({ ...base, ...extra })).toThrow(problem);
  });

  it('never echoes a plain password or a URI in its problems', () => {
    const problems = profileProblems({
      name: 'bad name',
      uri: 'redis://:uri-pw-1@h',
      password: { kind: 'plain', value: 5 },
    });
    expect(problems.join(' ')).not.toContain('uri-pw-1');
    expect(profileProblems(null)).toEqual(['a profile must be an object']);
  });

  it('recognises CIDRs', () => {
    for (const ok of ['10.0.0.0/8', '10.1.2.3', '::1', '::/0', 'fe80::1/64']) expect(isCidr(ok)).toBe(true);
    for (const bad of ['10.0.0.0/', '10.0.0.0/8/8', 'x/8', '10.0.0.0/-1', '::1/129', ''])
      expect(isCidr(bad)).toBe(false);
  });
});
