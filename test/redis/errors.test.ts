import { describe, expect, it } from 'vitest';
import { explain, explainConnect, missingPermission } from '../../src/redis/errors.js';

const tlsErr = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('explain: the guide error codes', () => {
  it.each([
    ['NOAUTH Authentication required.', 'SEC001', 'NOAUTH'],
    ['WRONGPASS invalid username-password pair or user is disabled.', 'SEC002', 'WRONGPASS'],
    ["NOPERM this user has no permissions to run the 'config|get' command", 'SEC003', 'NOPERM'],
    [
      'DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user.',
      'SEC005',
      'PROTECTED',
    ],
  ])('%s -> %s', (message, code, name) => {
    const e = explain(new Error(message));
    expect(e.code).toBe(code);
    expect(e.name).toBe(name);
    expect(e.fix.length).toBeGreaterThan(0);
    expect(e.retryable).toBe(false);
  });

  it('names the missing permission of a NOPERM', () => {
    expect(missingPermission("NOPERM this user has no permissions to run the 'acl|log' command")).toBe(
      '+acl|log',
    );
    expect(
      explain(new Error("NOPERM this user has no permissions to run the 'acl|log' command")).fix.join(' '),
    ).toContain('ACL SETUSER <user> +acl|log');
    expect(
      missingPermission('NOPERM this user has no permissions to access one of the keys used as arguments'),
    ).toContain('key pattern');
  });

  it.each([
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain', /CA/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames", /name/],
    ['CERT_HAS_EXPIRED', 'certificate has expired', /validity/],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tlsv13 alert certificate required', /client certificate/],
    ['EPROTO', 'wrong version number', /plain/],
  ])('TLS %s -> SEC004', (code, message, cause) => {
    const e = explain(tlsErr(code, message));
    expect(e.code).toBe('SEC004');
    expect(e.cause).toMatch(cause);
    expect(e.retryable).toBe(false);
  });

  it('a refused connection is retryable and not a security code', () => {
    const e = explain(tlsErr('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'));
    expect(e).toMatchObject({ name: 'UNREACHABLE', retryable: true });
    expect(e.code).toBeUndefined();
  });

  it('never carries ioredis command args (AUTH secrets) into the message', () => {
    const err = Object.assign(new Error('WRONGPASS invalid username-password pair'), {
      command: { name: 'auth', args: ['admin', 'hunter2-secret'] },
    });
    const e = explain(err, ['hunter2-secret']);
    expect(JSON.stringify(e)).not.toContain('hunter2-secret');
  });

  it('redacts a password Redis echoes back in an ACL error', () => {
    const e = explain(new Error("ERR Error in ACL SETUSER modifier '<topsecret-pw': no such password"));
    expect(e.message).not.toContain('topsecret-pw');
  });
});

describe('explainConnect: what only the connection knows', () => {
  const err = (code: string, message: string) => Object.assign(new Error(message), { code });
  it('WRONGPASS for a user given without a password says so', () => {
    const e = explainConnect(new Error('WRONGPASS invalid username-password pair'), {
      tls: false,
      clientCert: false,
      everReady: false,
      userWithoutPassword: 'admin',
    });
    expect(e).toMatchObject({ code: 'SEC002', cause: 'No password was given for user admin.' });
  });
  it('a TLS handshake that never answers (TCP up) hints at a plain port; no TCP at all does not', () => {
    const e = explainConnect(new Error('connect ETIMEDOUT'), {
      tls: true,
      clientCert: false,
      everReady: false,
      tlsStalledMs: 4000,
    });
    expect(e).toMatchObject({ code: 'SEC004', name: 'NO_TLS_ANSWER' });
    expect(e.cause).toMatch(/plain \(non-TLS\) port/);
    expect(e.fix.join()).toMatch(/drop --tls/);
    const none = explainConnect(new Error('connect ETIMEDOUT'), {
      tls: true,
      clientCert: false,
      everReady: false,
    });
    expect(none.name).toBe('TIMEOUT');
    expect(none.cause).not.toMatch(/TLS/);
  });
  it('a reset before the first ready: missing client certificate, or a plain client on a TLS port', () => {
    expect(
      explainConnect(err('ECONNRESET', 'read ECONNRESET'), { tls: true, clientCert: false, everReady: false })
        .cause,
    ).toMatch(/requires a client certificate/);
    expect(
      explainConnect(err('ECONNRESET', 'read ECONNRESET'), {
        tls: false,
        clientCert: false,
        everReady: false,
      }).fix.join(),
    ).toMatch(/--tls/);
    expect(
      explainConnect(err('ECONNRESET', 'read ECONNRESET'), { tls: false, clientCert: false, everReady: true })
        .name,
    ).toBe('RESET');
  });
  it('a missing unix socket is UNREACHABLE', () => {
    expect(explain(err('ENOENT', 'connect ENOENT /run/redis/redis.sock'))).toMatchObject({
      name: 'UNREACHABLE',
      retryable: true,
    });
  });
});
