import { beforeAll, describe, expect, it } from 'vitest';
import { PkiError } from '../../src/pki/errors.js';
import { generateCa, generateLeaf } from '../../src/pki/generate.js';
import type { PemPair } from '../../src/pki/generate.js';
import { inspectCertificate, verifyIssuedBy } from '../../src/pki/inspect.js';
import { openssl, withPemFiles } from '../support/openssl.js';

function opensslVerify(ca: string, leaf: string, purpose: 'sslserver' | 'sslclient'): string {
  return withPemFiles({ 'ca.crt': ca, 'leaf.crt': leaf }, (p) =>
    openssl(['verify', '-purpose', purpose, '-CAfile', p['ca.crt'] ?? '', p['leaf.crt'] ?? '']),
  );
}

function opensslText(pem: string): string {
  return openssl(['x509', '-noout', '-text'], pem);
}

/** The public key openssl derives from the private key must be the certificate's. */
function keyMatchesCert(pair: PemPair): boolean {
  return openssl(['pkey', '-pubout'], pair.keyPem) === openssl(['x509', '-noout', '-pubkey'], pair.certPem);
}

describe('ECDSA P-256 chain (default)', () => {
  let ca: PemPair;
  let server: PemPair;
  let client: PemPair;
  beforeAll(async () => {
    ca = await generateCa({ commonName: 'Redis-CA' });
    server = await generateLeaf({
      ca,
      commonName: 'redis-server',
      dnsNames: ['localhost', '*.redis.internal'],
      ipAddresses: ['127.0.0.1', '::1'],
      usage: 'server',
    });
    client = await generateLeaf({ ca, commonName: 'redis-client', usage: 'client' });
  });

  it('verifies with our own check and with openssl verify, for the right purpose', () => {
    expect(verifyIssuedBy(server.certPem, ca.certPem)).toEqual({ ok: true });
    expect(verifyIssuedBy(client.certPem, ca.certPem)).toEqual({ ok: true });
    expect(opensslVerify(ca.certPem, server.certPem, 'sslserver')).toMatch(/: OK/);
    expect(opensslVerify(ca.certPem, client.certPem, 'sslclient')).toMatch(/: OK/);
    expect(() => opensslVerify(ca.certPem, client.certPem, 'sslserver')).toThrow(
      /unsuitable certificate purpose/,
    );
  });

  it('writes PKCS#8 keys that openssl reads and that belong to their certificates', () => {
    for (const pair of [ca, server, client]) {
      expect(pair.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(keyMatchesCert(pair)).toBe(true);
    }
  });

  it('gives the CA CA:TRUE and keyCertSign', () => {
    const text = opensslText(ca.certPem);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(text).toContain('Subject Key Identifier');
  });

  it('gives the server CA:FALSE, digitalSignature only, serverAuth, SANs and key ids', () => {
    const text = opensslText(server.certPem);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature\n/);
    expect(text).toMatch(/Extended Key Usage:\s+TLS Web Server Authentication\n/);
    expect(text).toMatch(
      /DNS:localhost, DNS:\*\.redis\.internal, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1/,
    );
    expect(text).toContain('Authority Key Identifier');
    expect(text).toContain('ecdsa-with-SHA256');
  });

  it('starts validity a minute in the past and uses random serials', () => {
    const info = inspectCertificate(server.certPem);
    const skew = Date.now() - info.notBefore.getTime();
    expect(skew).toBeGreaterThanOrEqual(59_000);
    expect(skew).toBeLessThan(120_000);
    expect(info.daysLeft).toBeGreaterThanOrEqual(364);
    expect(info.serial).toMatch(/^[0-9A-F]{32}$/);
    expect(info.serial).not.toBe(inspectCertificate(client.certPem).serial);
  });
});

describe('RSA', () => {
  it('uses keyEncipherment and sha256WithRSAEncryption for RSA 2048, and usage "both"', async () => {
    const ca = await generateCa({ commonName: 'RSA CA', keyType: 'rsa-2048', days: 30 });
    const leaf = await generateLeaf({ ca, commonName: 'both', usage: 'both', keyType: 'rsa-2048', days: 7 });
    const text = opensslText(leaf.certPem);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Key Encipherment/);
    expect(text).toMatch(/TLS Web Server Authentication, TLS Web Client Authentication/);
    expect(text).toContain('sha256WithRSAEncryption');
    expect(keyMatchesCert(leaf)).toBe(true);
    expect(opensslVerify(ca.certPem, leaf.certPem, 'sslclient')).toMatch(/: OK/);
    expect(inspectCertificate(leaf.certPem).keyAlgorithm).toBe('RSA 2048');
  });

  it('makes RSA 4096 CAs', async () => {
    const ca = await generateCa({ commonName: 'Big CA', keyType: 'rsa-4096' });
    expect(inspectCertificate(ca.certPem).keyAlgorithm).toBe('RSA 4096');
  });
});

describe('signing with a CA made by openssl', () => {
  const cases = [
    ['a SEC1 EC key', ['ecparam', '-genkey', '-name', 'prime256v1', '-noout'], 'EC PRIVATE KEY'],
    ['a PKCS#1 RSA key', ['genrsa', '-traditional', '2048'], 'RSA PRIVATE KEY'],
  ] as const;
  for (const [label, genArgs, pemLabel] of cases) {
    it(`accepts ${label}`, async () => {
      const keyPem = openssl([...genArgs]);
      expect(keyPem).toContain(`BEGIN ${pemLabel}`);
      const certPem = withPemFiles({ 'ca.key': keyPem }, (p) =>
        openssl(['req', '-x509', '-new', '-key', p['ca.key'] ?? '', '-subj', '/CN=Legacy CA', '-days', '30']),
      );
      const leaf = await generateLeaf({
        ca: { certPem, keyPem },
        commonName: 'r',
        dnsNames: ['r'],
        usage: 'server',
        days: 7,
      });
      expect(opensslVerify(certPem, leaf.certPem, 'sslserver')).toMatch(/: OK/);
    });
  }
});

describe('refusals', () => {
  let ca: PemPair;
  let leaf: PemPair;
  beforeAll(async () => {
    ca = await generateCa({ commonName: 'CA' });
    leaf = await generateLeaf({ ca, commonName: 'leaf', usage: 'server' });
  });

  it('refuses a CA key that does not belong to the CA certificate', async () => {
    const other = await generateCa({ commonName: 'Other' });
    const mixed = { certPem: ca.certPem, keyPem: other.keyPem };
    await expect(generateLeaf({ ca: mixed, commonName: 'x', usage: 'server' })).rejects.toThrow(
      /CA key does not belong to the CA certificate "CN=CA"/,
    );
  });

  it('refuses to sign with a certificate that is not a CA', async () => {
    await expect(generateLeaf({ ca: leaf, commonName: 'x', usage: 'server' })).rejects.toThrow(
      /"CN=leaf" is not a CA certificate/,
    );
  });

  it('rejects invalid names, addresses, days and usage with PkiError', async () => {
    const bad = [
      { commonName: '', usage: 'server' },
      { commonName: 'x'.repeat(65), usage: 'server' },
      { commonName: 'x', dnsNames: ['bad name'], usage: 'server' },
      { commonName: 'x', dnsNames: ['*.com'], usage: 'server' },
      { commonName: 'x', ipAddresses: ['999.1.1.1'], usage: 'server' },
      { commonName: 'x', days: 0, usage: 'server' },
      { commonName: 'x', usage: 'nope' },
    ] as const;
    for (const options of bad) {
      await expect(generateLeaf({ ca, ...options } as never)).rejects.toBeInstanceOf(PkiError);
    }
  });
});

describe('issue 15: key types, path length, CA lifetime, encrypted CA keys', () => {
  it('makes P-384 (SHA-384) and RSA 3072 certificates', async () => {
    const ca = await generateCa({ commonName: 'P384 CA', keyType: 'ecdsa-p384' });
    const leaf = await generateLeaf({ ca, commonName: 'n', usage: 'both', keyType: 'rsa-3072' });
    expect(inspectCertificate(ca.certPem).keyAlgorithm).toBe('ECDSA P-384');
    expect(opensslText(ca.certPem)).toContain('ecdsa-with-SHA384');
    expect(inspectCertificate(leaf.certPem).keyAlgorithm).toBe('RSA 3072');
    expect(opensslVerify(ca.certPem, leaf.certPem, 'sslserver')).toMatch(/: OK/);
    expect(keyMatchesCert(leaf)).toBe(true);
  });

  it('writes the CA path length (0 by default)', async () => {
    expect(opensslText((await generateCa({ commonName: 'CA0' })).certPem)).toMatch(/CA:TRUE, pathlen:0/);
    const ca2 = await generateCa({ commonName: 'CA2', pathLength: 2 });
    expect(opensslText(ca2.certPem)).toMatch(/CA:TRUE, pathlen:2/);
    await expect(generateCa({ commonName: 'bad', pathLength: -1 })).rejects.toThrow(/path length/);
  });

  it('signs with a passphrase-protected CA key (PKCS#8 and legacy PEM), and asks when none is given', async () => {
    const pass = 'correct horse 15';
    for (const genArgs of [
      [
        'genpkey',
        '-algorithm',
        'EC',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-aes256',
        '-pass',
        `pass:${pass}`,
      ],
      ['genrsa', '-traditional', '-aes256', '-passout', `pass:${pass}`, '2048'],
    ]) {
      const keyPem = openssl(genArgs);
      expect(keyPem).toMatch(/ENCRYPTED/);
      const certPem = withPemFiles({ 'ca.key': keyPem }, (p) =>
        openssl([
          'req',
          '-x509',
          '-new',
          '-key',
          p['ca.key'] ?? '',
          '-passin',
          `pass:${pass}`,
          '-subj',
          '/CN=Enc CA',
          '-days',
          '30',
        ]),
      );
      const ca = { certPem, keyPem };
      await expect(generateLeaf({ ca, commonName: 'r', usage: 'both', days: 7 })).rejects.toThrow(
        /passphrase is needed/,
      );
      const wrong = generateLeaf({ ca, commonName: 'r', usage: 'both', days: 7, caKeyPassphrase: 'nope' });
      await expect(wrong).rejects.toThrow(/does not decrypt/);
      const leaf = await generateLeaf({ ca, commonName: 'r', usage: 'both', days: 7, caKeyPassphrase: pass });
      expect(opensslVerify(certPem, leaf.certPem, 'sslclient')).toMatch(/: OK/);
    }
  });
});
