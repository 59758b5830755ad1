import { X509Certificate } from 'node:crypto';
import { checkServerIdentity } from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCa, generateLeaf } from '../../src/pki/generate.js';
import { hostMatchesNames, ipBytes } from '../../src/pki/hostname.js';
import { hostnameMatches } from '../../src/pki/inspect.js';

const NAMES = {
  dnsNames: ['localhost', '*.redis.internal', 'db.example.com'],
  ipAddresses: ['127.0.0.1', '::1'],
};

const peers = new Map<string, PeerCertificate>();

/** Node's verdict, which is what ioredis will apply to the same certificate. */
function nodeAccepts(pem: string, host: string): boolean {
  let peer = peers.get(pem);
  if (!peer) {
    peer = new X509Certificate(pem).toLegacyObject();
    peers.set(pem, peer);
  }
  return checkServerIdentity(host, peer) === undefined;
}

// Hosts near the certificate's names: case, trailing dots, extra or missing labels, IP spellings.
const nearHost = fc.oneof(
  fc.constantFrom(
    'localhost',
    'LOCALHOST.',
    'a.redis.internal',
    'a.b.redis.internal',
    'redis.internal',
    '.redis.internal',
    'db.example.com',
    'db.example.com..',
    'xdb.example.com',
    '127.0.0.1',
    '127.0.0.01',
    '::1',
    '0:0:0:0:0:0:0:1',
    '[::1]',
    '::ffff:127.0.0.1',
    '127.0.0.2',
  ),
  fc
    .tuple(
      fc.stringMatching(/^[a-zA-Z0-9*_-]{0,6}$/),
      fc.constantFrom('.redis.internal', '.Redis.Internal.', ''),
    )
    .map(([label, rest]) => label + rest),
);
const anyHost = fc.oneof(
  nearHost,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('a', '.', '*', ':', '1', '\u0000', '\u001b', '\u202e', 'é'),
    maxLength: 20,
  }),
);

describe('hostMatchesNames', () => {
  const cases: [string, boolean][] = [
    ['localhost', true],
    ['LocalHost.', true],
    ['a.redis.internal', true],
    ['a.b.redis.internal', false],
    ['redis.internal', false],
    ['db.example.com', true],
    ['other.example.com', false],
    ['127.0.0.1', true],
    ['127.0.0.2', false],
    ['0:0:0:0:0:0:0:1', true],
    ['', false],
  ];
  for (const [host, expected] of cases) {
    it(`${JSON.stringify(host)} -> ${expected}`, () => {
      expect(hostMatchesNames(host, { ...NAMES, commonNames: [] })).toBe(expected);
    });
  }

  it('falls back to the CN only when there is no DNS SAN, and never for IPs', () => {
    const cnOnly = { dnsNames: [], ipAddresses: [], commonNames: ['redis.local'] };
    expect(hostMatchesNames('redis.local', cnOnly)).toBe(true);
    expect(hostMatchesNames('redis.local', { ...NAMES, commonNames: ['redis.local'] })).toBe(false);
    expect(hostMatchesNames('10.0.0.1', { ...cnOnly, commonNames: ['10.0.0.1'] })).toBe(false);
  });

  it('refuses wildcards under a TLD and more than one wildcard', () => {
    expect(hostMatchesNames('a.com', { dnsNames: ['*.com'], ipAddresses: [], commonNames: [] })).toBe(false);
    expect(hostMatchesNames('a.b.c', { dnsNames: ['*.*.c'], ipAddresses: [], commonNames: [] })).toBe(false);
  });

  it('normalises IP spellings to bytes', () => {
    expect(ipBytes('::1')).toEqual(ipBytes('0:0:0:0:0:0:0:1'));
    expect(ipBytes('::ffff:1.2.3.4')?.slice(-4)).toEqual([1, 2, 3, 4]);
    expect(ipBytes('1.2.3.4')).toEqual([1, 2, 3, 4]);
    expect(ipBytes('example.com')).toBeNull();
  });
});

describe('hostnameMatches on real certificates', () => {
  let sanPem: string;
  let cnOnlyPem: string;
  beforeAll(async () => {
    const ca = await generateCa({ commonName: 'CA' });
    sanPem = (await generateLeaf({ ca, commonName: 'ignored.example', ...NAMES, usage: 'server' })).certPem;
    cnOnlyPem = (
      await generateLeaf({ ca, commonName: 'redis.local', ipAddresses: ['10.0.0.1'], usage: 'server' })
    ).certPem;
  });

  it('never throws, whatever the host string', () => {
    fc.assert(
      fc.property(anyHost, (host) => {
        expect(typeof hostnameMatches(sanPem, host)).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with Node's checkServerIdentity (what ioredis applies)", () => {
    fc.assert(
      fc.property(anyHost, fc.boolean(), (host, cnOnly) => {
        const pem = cnOnly ? cnOnlyPem : sanPem;
        expect(hostnameMatches(pem, host)).toBe(nodeAccepts(pem, host));
      }),
      { numRuns: 600 },
    );
  });
});
