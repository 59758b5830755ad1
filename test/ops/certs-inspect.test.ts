// inspectFiles on certificates made by src/pki (and one by openssl): what it says agrees with
// `openssl x509 -text` and `openssl verify`, and each problem of issue 15 is named: an expired
// certificate, an unknown CA, a host missing from the SANs (SEC004), serverAuth only, a key of
// another certificate, an encrypted key (never decrypted), a leaf that outlives its CA.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectFiles } from '../../src/ops/certs-inspect.js';
import { generateCa, generateLeaf } from '../../src/pki/generate.js';
import type { PemPair } from '../../src/pki/generate.js';
import { openssl } from '../support/openssl.js';

const DAY = 86_400_000;
let dir: string;
let ca: PemPair;
const path: Record<string, string> = {};
const file = (name: string, text: string) => {
  path[name] = join(dir, name);
  writeFileSync(path[name], text);
  return path[name];
};
const p = (name: string) => path[name] ?? '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certs-inspect-'));
  ca = await generateCa({ commonName: 'Inspect CA' });
  const other = await generateCa({ commonName: 'Other CA' });
  const node = await generateLeaf({
    ca,
    commonName: 'redis-1',
    dnsNames: ['localhost', 'redis-1.example.net'],
    ipAddresses: ['127.0.0.1'],
    usage: 'both',
  });
  const serverOnly = await generateLeaf({
    ca,
    commonName: 'mkcert-like',
    dnsNames: ['localhost'],
    usage: 'server',
  });
  const expired = await generateLeaf({
    ca,
    commonName: 'old',
    dnsNames: ['localhost'],
    usage: 'both',
    days: 30,
    now: new Date(Date.now() - 400 * DAY),
  });
  const foreign = await generateLeaf({
    ca: other,
    commonName: 'foreign',
    dnsNames: ['localhost'],
    usage: 'both',
  });
  const shortCa = await generateCa({ commonName: 'Short CA', days: 30 });
  const outlives = await generateLeaf({
    ca: shortCa,
    commonName: 'outlives',
    dnsNames: ['localhost'],
    usage: 'both',
    days: 365,
  });
  const v6 = await generateLeaf({ ca, commonName: 'v6', ipAddresses: ['::1'], usage: 'both' });
  file('v6.crt', v6.certPem);
  file('ca.crt', ca.certPem);
  file('other-ca.crt', other.certPem);
  file('node.crt', node.certPem);
  file('node.key', node.keyPem);
  file('server-only.crt', serverOnly.certPem);
  file('expired.crt', expired.certPem);
  file('foreign.crt', foreign.certPem);
  file('foreign.key', foreign.keyPem);
  file('short-ca.crt', shortCa.certPem);
  file('outlives.crt', outlives.certPem);
  file('bundle.pem', node.certPem + ca.certPem);
  file(
    'enc.key',
    openssl(['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', 'pass:hunter2-passphrase'], node.keyPem),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codesOf = async (files: string[], opts = {}) =>
  (await inspectFiles(files, opts)).problems.map((x) => x.code);

describe('inspectFiles', () => {
  it('agrees with openssl x509 -text on subject, issuer, serial, dates, SANs, usages and key', async () => {
    const { certs } = await inspectFiles([p('node.crt')]);
    const f = certs[0]!.facts;
    const x = (...args: string[]) =>
      openssl(['x509', '-in', p('node.crt'), '-noout', '-nameopt', 'RFC2253', ...args]);
    expect(x('-subject').trim()).toBe(`subject=${f.subject}`);
    expect(x('-issuer').trim()).toBe(`issuer=${f.issuer}`);
    expect(x('-serial').trim()).toBe(`serial=${f.serial}`);
    const dates = Object.fromEntries(
      x('-dates')
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    expect(new Date(dates.notBefore!).toISOString()).toBe(f.notBefore);
    expect(new Date(dates.notAfter!).toISOString()).toBe(f.notAfter);
    const text = x('-text');
    expect(text).toContain(`DNS:${f.dnsNames.join(', DNS:')}, IP Address:${f.ipAddresses[0]}`);
    expect(text).toContain('TLS Web Server Authentication, TLS Web Client Authentication');
    expect(f.extKeyUsage).toEqual(['serverAuth', 'clientAuth']);
    expect(text).toMatch(/Digital Signature/);
    expect(f.keyUsage).toEqual(['digitalSignature']);
    expect(text).toMatch(/Public-Key: \(256 bit\)[\s\S]*NIST CURVE: P-256/);
    expect(f.key).toBe('ECDSA P-256');
    expect(text).toContain('CA:FALSE');
    expect(f.isCa).toBe(false);
  });

  it('a good node certificate, its key and its CA: no problem, the chain verifies as openssl verify says', async () => {
    expect(openssl(['verify', '-CAfile', p('ca.crt'), p('node.crt')]).trim()).toBe(`${p('node.crt')}: OK`);
    const r = await inspectFiles([p('node.crt'), p('node.key')], {
      caPath: p('ca.crt'),
      host: 'redis-1.example.net',
    });
    expect(r.problems).toEqual([]);
    const node = r.certs.find((c) => c.facts.source === p('node.crt'))!;
    expect(node.chain).toEqual({ ok: true, path: ['CN=redis-1', 'CN=Inspect CA'], anchor: p('ca.crt') });
    expect(node.keyMatches).toBe(true);
    expect(r.keys).toEqual([
      {
        source: p('node.key'),
        key: 'ECDSA P-256',
        encrypted: false,
        matches: { source: p('node.crt'), subject: 'CN=redis-1' },
      },
    ]);
    // The CA given is shown too, judged on its own (10 years: nothing wrong).
    expect(r.certs.map((c) => c.facts.subject)).toEqual(['CN=redis-1', 'CN=Inspect CA']);
  });

  it('a bundle (leaf + CA in one file) is read whole: the CA in it anchors the chain', async () => {
    const r = await inspectFiles([p('bundle.pem')]);
    expect(r.certs.map((c) => c.facts.subject)).toEqual(['CN=redis-1', 'CN=Inspect CA']);
    expect(r.certs[0]!.chain?.ok).toBe(true);
  });

  it('unknown CA: openssl verify fails and inspect says "certificate verify failed", SEC004', async () => {
    expect(() => openssl(['verify', '-CAfile', p('ca.crt'), p('foreign.crt')])).toThrow(
      /unable to get local issuer certificate/,
    );
    const r = await inspectFiles([p('foreign.crt')], { caPath: p('ca.crt') });
    expect(r.problems[0]).toMatchObject({ code: 'unknown-ca', severity: 'error', sec: 'SEC004' });
    expect(r.problems[0]!.text).toBe(
      `certificate verify failed: issued by "CN=Other CA", which is not the CA given (--ca ${p('ca.crt')})`,
    );
  });

  it('expired: openssl verify says so and inspect names it with the date (the chain itself holds)', async () => {
    expect(() => openssl(['verify', '-CAfile', p('ca.crt'), p('expired.crt')])).toThrow(
      /certificate has expired/,
    );
    const r = await inspectFiles([p('expired.crt')], { caPath: p('ca.crt') });
    expect(r.problems.map((x) => x.code)).toEqual(['expired']);
    expect(r.problems[0]!.text).toMatch(/^certificate verify failed: the certificate expired on \d{4}-/);
    expect(r.certs[0]!.chain?.ok).toBe(true);
  });

  it('a host missing from the SANs: SEC004 with the SAN list, as openssl -checkhost says', async () => {
    expect(openssl(['x509', '-in', p('node.crt'), '-noout', '-checkhost', 'redis-2.example.net'])).toMatch(
      /does NOT match/,
    );
    const r = await inspectFiles([p('node.crt')], { host: 'redis-2.example.net' });
    expect(r.problems[0]).toMatchObject({ code: 'hostname', sec: 'SEC004' });
    expect(r.problems[0]!.text).toContain('it names DNS:localhost, DNS:redis-1.example.net, IP:127.0.0.1');
    expect(await codesOf([p('node.crt')], { host: '127.0.0.1' })).toEqual([]);
  });

  it('serverAuth only (mkcert, easy-rsa server): named before replication fails on it', async () => {
    const r = await inspectFiles([p('server-only.crt')]);
    expect(r.problems.map((x) => x.code)).toEqual(['no-client-auth']);
    expect(r.problems[0]!.text).toContain('replication, cluster bus');
  });

  it('a key that belongs to another certificate: key-mismatch, and the certificate has no matching key', async () => {
    const r = await inspectFiles([p('node.crt'), p('foreign.key')]);
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'key-mismatch', severity: 'error', about: p('foreign.key') }),
    ]);
    expect(r.certs[0]!.keyMatches).toBe(false);
    expect(r.keys[0]!.matches).toBeUndefined();
  });

  it('a key file alone is described (type and size), not called a mismatch', async () => {
    const r = await inspectFiles([p('node.key')]);
    expect(r.keys).toEqual([{ source: p('node.key'), key: 'ECDSA P-256', encrypted: false }]);
    expect(r.problems).toEqual([]);
  });

  it('an IPv6 host in brackets is the address', async () => {
    const r = await inspectFiles([p('v6.crt')], { host: '[::1]' });
    expect(r.problems).toEqual([]);
  });

  it('an encrypted key is said to be encrypted, never decrypted; nothing of it is in the report', async () => {
    const r = await inspectFiles([p('node.crt'), p('enc.key')]);
    expect(r.keys).toEqual([{ source: p('enc.key'), key: 'encrypted', encrypted: true }]);
    expect(r.problems.map((x) => x.code)).toEqual(['encrypted-key']);
    const json = JSON.stringify(r);
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('PRIVATE KEY');
  });

  it('a leaf that outlives its CA, and 66 % of the lifetime used, are warnings', async () => {
    expect(await codesOf([p('outlives.crt'), p('short-ca.crt')])).toEqual(['leaf-outlives-ca', 'expiring']);
    const later = new Date(Date.now() + 250 * DAY);
    expect(await codesOf([p('node.crt')], { now: later })).toEqual(['expiring']);
  });

  it('refuses what is not a certificate or key, naming the file, never its content', async () => {
    const junk = file('junk.txt', 'secret-ish text\n');
    await expect(inspectFiles([junk])).rejects.toThrow(`${junk} holds no PEM block`);
    await expect(inspectFiles([join(dir, 'missing.crt')])).rejects.toThrow('does not exist');
    await expect(inspectFiles(['/dev/zero'])).rejects.toThrow('is not a regular file');
  });
});
