import { describe, expect, it } from 'vitest';
import { flagsToRequest } from '../../src/commands/flags.js';

describe('flagsToRequest', () => {
  it('maps redis-cli style flags', () => {
    const r = flagsToRequest(
      {
        host: 'h',
        port: '7000',
        user: 'admin',
        cluster: true,
        cacert: '/ca',
        cert: '/c',
        key: '/k',
        sni: 'redis.internal',
      },
      {},
    );
    expect(r.override).toEqual({
      host: 'h',
      port: 7000,
      user: 'admin',
      cluster: true,
      tls: { enabled: true, cacert: '/ca', cert: '/c', key: '/k', sni: 'redis.internal' },
    });
    expect(r.password).toBeUndefined();
  });
  it('REDISCLI_AUTH supplies the password without a warning; --pass wins and warns', () => {
    expect(flagsToRequest({}, { REDISCLI_AUTH: 'envpw' })).toMatchObject({ password: 'envpw', warnings: [] });
    const r = flagsToRequest({ pass: 'argpw' }, { REDISCLI_AUTH: 'envpw' });
    expect(r.password).toBe('argpw');
    expect(r.warnings.join()).toMatch(/process list/);
    expect(r.warnings.join()).not.toContain('argpw');
  });
  it('a URI fills the spec; flags override it', () => {
    const r = flagsToRequest({ uri: 'rediss://u:p@h:1', port: '2' }, {});
    expect(r.override).toMatchObject({ host: 'h', port: 2, user: 'u', tls: { enabled: true } });
    expect(r.password).toBe('p');
  });
  it.each(['redis://h:1/?password=qpw-123', 'rediss://u@h:1/0?password=qpw-123'])(
    'a ?password= in the URI (%s) is used and warned about like --pass, never echoed',
    (uri) => {
      const r = flagsToRequest({ uri }, { REDISCLI_AUTH: 'envpw' });
      expect(r.password).toBe('qpw-123');
      expect(r.warnings.join()).toMatch(/visible in the process list/);
      expect(r.warnings.join() + JSON.stringify(r.override)).not.toContain('qpw-123');
    },
  );
  it.each([
    'redis://h:1/?PASSWORD=qpw-123',
    'redis://h:1?Password=qpw-123',
    'rediss://u@h:1/0?pAsSwOrD=qpw-123',
  ])('a password key spelled otherwise (%s) is refused, naming the key and never the value', (uri) => {
    let message = '';
    try {
      flagsToRequest({ uri }, { REDISCLI_AUTH: 'envpw' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/only "password" in lower case is read as a password/);
    expect(message).toMatch(/\?(PASSWORD|Password|pAsSwOrD)=/);
    expect(message).not.toContain('qpw-123');
  });
  it('two passwords in one URI are refused, not one of them silently ignored', () => {
    expect(() => flagsToRequest({ uri: 'redis://u:a-pw@h:1/?password=b-pw' }, {})).toThrow(/two passwords/);
    expect(() => flagsToRequest({ uri: 'redis://h:1/?password=a-pw&password=b-pw' }, {})).toThrow(
      /more than once/,
    );
  });
  it('rejects a bad port and a cert without key', () => {
    expect(() => flagsToRequest({ port: '70000' }, {})).toThrow(/not a port/);
    expect(() => flagsToRequest({ cert: '/c' }, {})).toThrow(/go together/);
  });
});
