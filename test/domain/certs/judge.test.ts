// Judging a certificate from its facts: each problem of the guide's troubleshooting section
// and of issue 15 on its own, and properties over any dates and names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeCert, problemsExit, RENEW_AT } from '../../../src/domain/certs/judge.js';
import type { CertFacts } from '../../../src/domain/certs/types.js';

const DAY = 86_400_000;
const NOW = new Date('2026-12-07T00:00:00Z');
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

function facts(over: Partial<CertFacts> = {}): CertFacts {
  return {
    source: 'redis.crt',
    subject: 'CN=redis',
    issuer: 'CN=CA',
    commonNames: ['redis'],
    serial: '01',
    notBefore: at(-10),
    notAfter: at(355),
    daysLeft: 355,
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    keyUsage: ['digitalSignature'],
    extKeyUsage: ['serverAuth', 'clientAuth'],
    isCa: false,
    key: 'ECDSA P-256',
    signature: 'ecdsa-with-SHA256',
    sha256: 'AA',
    selfSigned: false,
    ...over,
  };
}
const ctx = { now: NOW, warnDays: 30 };
const codes = (f: CertFacts, extra = {}) => judgeCert(f, { ...ctx, ...extra }).map((p) => p.code);

describe('judgeCert', () => {
  it('finds nothing wrong with a node certificate for both usages, in date, with SANs', () => {
    expect(judgeCert(facts(), { ...ctx, host: 'localhost', hostMatches: true, asServer: true })).toEqual([]);
  });

  it('expired: "certificate verify failed" with the date, SEC004, the openssl dates check', () => {
    const [p] = judgeCert(facts({ notBefore: at(-400), notAfter: at(-35), daysLeft: -35 }), ctx);
    expect(p).toMatchObject({ code: 'expired', severity: 'error', sec: 'SEC004' });
    expect(p?.text).toContain('certificate verify failed: the certificate expired on');
    expect(p?.text).toContain('35 days ago');
    expect(p?.fix[0]).toBe('Check the certificate dates: openssl x509 -in redis.crt -noout -dates');
  });

  it('not yet valid, expiring within --warn-days, and past 66 % of its lifetime', () => {
    expect(codes(facts({ notBefore: at(2), daysLeft: 365 }))).toEqual(['not-yet-valid']);
    expect(codes(facts({ notAfter: at(20), daysLeft: 20 }))).toEqual(['expiring']);
    expect(codes(facts({ notAfter: at(20), daysLeft: 20 }), { warnDays: 10 })).toEqual([]);
    // 100-day certificate, 70 days used: past step's 66 % renewal point though 30 days are left.
    const f = facts({ notBefore: at(-70), notAfter: at(30), daysLeft: 30 });
    const [p] = judgeCert(f, ctx);
    expect(p).toMatchObject({ code: 'expiring', severity: 'warning' });
    expect(p?.text).toContain('70 of its 100 days used');
  });

  it('hostname: SEC004 with the SAN list; without SANs it says an IP never matches a CN', () => {
    const [p] = judgeCert(facts(), { ...ctx, host: 'redis.example.net', hostMatches: false });
    expect(p).toMatchObject({ code: 'hostname', sec: 'SEC004' });
    expect(p?.text).toContain('does not name redis.example.net: it names DNS:localhost, IP:127.0.0.1');
    const bare = judgeCert(facts({ dnsNames: [], ipAddresses: [] }), {
      ...ctx,
      host: '10.0.0.1',
      hostMatches: false,
    });
    expect(bare.map((x) => x.code)).toEqual(['hostname', 'no-san']);
    expect(bare[0]?.text).toContain('only CN=redis (an IP address never matches a CN)');
  });

  it('serverAuth only: the replication / cluster-bus warning; clientAuth only as a server: an error', () => {
    const serverOnly = judgeCert(facts({ extKeyUsage: ['serverAuth'] }), ctx);
    expect(serverOnly.map((p) => p.code)).toEqual(['no-client-auth']);
    expect(serverOnly[0]?.text).toMatch(/replication, cluster bus.*tls-auth-clients yes \(the default\)/);
    // A live server's certificate: its outgoing links may use tls-client-cert-file.
    expect(codes(facts({ extKeyUsage: ['serverAuth'] }), { live: true, asServer: true })).toEqual([]);
    expect(codes(facts({ extKeyUsage: ['clientAuth'] }), { asServer: true })).toEqual(['no-server-auth']);
    expect(codes(facts({ extKeyUsage: ['clientAuth'] }))).toEqual([]);
    // No extension at all: any purpose.
    expect(codes(facts({ extKeyUsage: [] }), { asServer: true })).toEqual([]);
  });

  it('weak keys, a leaf that outlives its CA; a CA is not asked for SANs or usages', () => {
    expect(codes(facts({ key: 'RSA 1024' }))).toEqual(['weak-key']);
    expect(codes(facts({ key: 'RSA 2048' }))).toEqual([]);
    const ca = facts({
      isCa: true,
      notAfter: at(100),
      daysLeft: 100,
      dnsNames: [],
      ipAddresses: [],
      extKeyUsage: [],
    });
    expect(codes(facts(), { ca })).toEqual(['leaf-outlives-ca']);
    expect(codes(ca)).toEqual([]);
  });

  it('errors come before warnings; any problem makes exit 1', () => {
    const ps = judgeCert(
      facts({ notAfter: at(-1), daysLeft: -1, dnsNames: [], ipAddresses: [], extKeyUsage: ['serverAuth'] }),
      ctx,
    );
    expect(ps.map((p) => p.severity)).toEqual(['error', 'warning', 'warning']);
    expect(problemsExit(ps)).toBe(1);
    expect(problemsExit([])).toBe(0);
  });

  it('property: exactly one date verdict at most, and the right one for any validity window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2000, max: 2000 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 0, max: 400 }),
        (from, life, warnDays) => {
          const daysLeft = from + life;
          const f = facts({ notBefore: at(from), notAfter: at(from + life), daysLeft });
          const dates = codes(f, { warnDays }).filter((c) =>
            ['expired', 'not-yet-valid', 'expiring'].includes(c),
          );
          expect(dates.length).toBeLessThanOrEqual(1);
          if (daysLeft < 0) expect(dates).toEqual(['expired']);
          else if (from > 0) expect(dates).toEqual(['not-yet-valid']);
          else if (daysLeft < warnDays || -from / life > RENEW_AT) expect(dates).toEqual(['expiring']);
          else expect(dates).toEqual([]);
        },
      ),
    );
  });

  it('property: any names and host never throw, and a mismatch always quotes the host given', () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), (host, dnsNames) => {
        const ps = judgeCert(facts({ dnsNames }), { ...ctx, host, hostMatches: false });
        expect(ps.find((p) => p.code === 'hostname')?.text).toContain(host);
      }),
    );
  });
});
