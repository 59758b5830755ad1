import { beforeAll, describe, expect, it } from 'vitest';
import { PkiError } from '../../src/pki/errors.js';
import { generateCa, generateLeaf } from '../../src/pki/generate.js';
import type { PemPair } from '../../src/pki/generate.js';
import { hostnameMatches, inspectCertificate, verifyIssuedBy } from '../../src/pki/inspect.js';
import { openssl } from '../support/openssl.js';

const DAY = 86_400_000;

describe('inspectCertificate', () => {
  let ca: PemPair;
  let server: PemPair;
  beforeAll(async () => {
    ca = await generateCa({ commonName: 'Redis-CA' });
    server = await generateLeaf({
      ca,
      commonName: 'redis-server',
      dnsNames: ['localhost', 'Redis.Example.COM'],
      ipAddresses: ['127.0.0.1', '2001:db8::0:1'],
      usage: 'server',
      days: 30,
    });
  });

  it('reports names, dates, key, signature and usage', () => {
    const info = inspectCertificate(server.certPem);
    expect(info).toMatchObject({
      subject: 'CN=redis-server',
      issuer: 'CN=Redis-CA',
      isCa: false,
      selfSigned: false,
      expired: false,
      notYetValid: false,
      dnsNames: ['localhost', 'redis.example.com'],
      ipAddresses: ['127.0.0.1', '2001:db8::1'],
      extendedKeyUsages: ['serverAuth'],
      keyAlgorithm: 'ECDSA P-256',
      signatureAlgorithm: 'ecdsa-with-SHA256',
    });
    expect(info.daysLeft).toBe(29);
  });

  it('matches what openssl prints for serial and fingerprint', () => {
    const info = inspectCertificate(server.certPem);
    expect(openssl(['x509', '-noout', '-serial'], server.certPem).trim()).toBe(`serial=${info.serial}`);
    expect(openssl(['x509', '-noout', '-fingerprint', '-sha256'], server.certPem).trim()).toMatch(
      new RegExp(`Fingerprint=${info.sha256Fingerprint}$`),
    );
  });

  it('recognises a self-signed CA', () => {
    const info = inspectCertificate(ca.certPem);
    expect(info).toMatchObject({ isCa: true, selfSigned: true, subject: 'CN=Redis-CA', daysLeft: 3649 });
    expect(info.extendedKeyUsages).toEqual([]);
  });

  it('judges validity against the clock it is given', () => {
    const later = new Date(Date.now() + 31 * DAY);
    expect(inspectCertificate(server.certPem, later)).toMatchObject({ expired: true, daysLeft: -2 });
    const earlier = new Date(Date.now() - 2 * DAY);
    expect(inspectCertificate(server.certPem, earlier)).toMatchObject({ notYetValid: true, expired: false });
  });

  it('inspects the first certificate of a bundle', () => {
    expect(inspectCertificate(`${server.certPem}${ca.certPem}`).subject).toBe('CN=redis-server');
  });

  it('escapes odd characters in names rather than mangling them', async () => {
    const odd = await generateCa({ commonName: 'Ops, "East" #1' });
    expect(inspectCertificate(odd.certPem).subject).toBe('CN=Ops\\, \\"East\\" #1');
  });
});

describe('verifyIssuedBy', () => {
  let ca: PemPair;
  let other: PemPair;
  let leaf: PemPair;
  beforeAll(async () => {
    ca = await generateCa({ commonName: 'CA' });
    other = await generateCa({ commonName: 'CA' });
    leaf = await generateLeaf({ ca, commonName: 'leaf', usage: 'client', days: 10 });
  });

  it('accepts the issuing CA', () => {
    expect(verifyIssuedBy(leaf.certPem, ca.certPem)).toEqual({ ok: true });
  });

  it('rejects a different CA with the same name by its signature', () => {
    const result = verifyIssuedBy(leaf.certPem, other.certPem);
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/signature does not verify/);
  });

  it('rejects a CA with another name', async () => {
    const named = await generateCa({ commonName: 'Elsewhere' });
    expect(verifyIssuedBy(leaf.certPem, named.certPem)).toEqual({
      ok: false,
      reason: 'issued by "CN=CA", not by "CN=Elsewhere"',
    });
  });

  it('rejects an expired or not yet valid certificate', () => {
    const later = new Date(Date.now() + 11 * DAY);
    expect(verifyIssuedBy(leaf.certPem, ca.certPem, later).reason).toMatch(/^the certificate expired on /);
    const earlier = new Date(Date.now() - DAY);
    expect(verifyIssuedBy(leaf.certPem, ca.certPem, earlier).reason).toMatch(/is not valid until/);
  });

  it('rejects a leaf posing as the CA', async () => {
    const child = await generateLeaf({ ca, commonName: 'x', usage: 'client' });
    expect(verifyIssuedBy(child.certPem, leaf.certPem).ok).toBe(false);
  });
});

describe('bad PEM input', () => {
  const bad: [string, string, RegExp][] = [
    ['empty', '', /the input is empty/],
    ['not PEM', 'hello', /no "-----BEGIN CERTIFICATE-----" block/],
    ['a key', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', /found a PRIVATE KEY block/],
    [
      'garbage DER',
      '-----BEGIN CERTIFICATE-----\nMIIBAA==\n-----END CERTIFICATE-----\n',
      /not a valid X\.509/,
    ],
    ['not base64', '-----BEGIN CERTIFICATE-----\n%%%\n-----END CERTIFICATE-----\n', /not valid base64/],
    ['truncated', '-----BEGIN CERTIFICATE-----\nMIIB', /"-----END CERTIFICATE-----" line is missing/],
  ];
  for (const [label, pem, message] of bad) {
    it(`throws a PkiError with a clear message for ${label}`, () => {
      for (const call of [() => inspectCertificate(pem), () => hostnameMatches(pem, 'x')]) {
        let caught: unknown;
        try {
          call();
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(PkiError);
        expect((caught as Error).message).toMatch(message);
        expect((caught as Error).message).not.toMatch(/offset|integer|asn/i);
      }
    });
  }

  it('verifyIssuedBy throws the same way for either argument', () => {
    expect(() => verifyIssuedBy('nope', 'nope')).toThrow(PkiError);
  });
});
