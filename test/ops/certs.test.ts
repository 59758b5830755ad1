// The wizard's plan, without a server: defaults that encode Redis's TLS facts, the problems a
// plan is refused or warned for, never overwriting unless named, and a passphrase that stays
// in memory.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkPlan,
  defaultsFor,
  generatePlan,
  nextSteps,
  previewPlan,
  renewFiles,
} from '../../src/ops/certs.js';
import type { CertPlan } from '../../src/ops/certs.js';
import { parseOperation } from '../../src/ops/operations/run.js';
import { inspectCertificate } from '../../src/pki/inspect.js';
import { openssl } from '../support/openssl.js';

const root = mkdtempSync(join(tmpdir(), 'rw-certs-plan-'));
let n = 0;
const fresh = () => join(root, `d${++n}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));
// Typed, so an object holding it is not `any` to the linter.
const matching = (re: RegExp): string => expect.stringMatching(re) as string;

describe('defaultsFor', () => {
  it('a deployment: a CA (10 years, path length 0), a node certificate per node (both usages, its address + localhost), a client per user', () => {
    const plan = defaultsFor('deployment', {
      nodes: ['10.0.0.1:6379', 'redis-2.internal:6380', '[::1]:7000'],
      users: ['app', 'web'],
    });
    expect('new' in plan.ca && plan.ca.new).toMatchObject({
      file: 'ca',
      days: 3650,
      keyType: 'ecdsa-p256',
      pathLength: 0,
    });
    expect(plan.leaves.map((l) => [l.file, l.role, l.usage, l.days])).toEqual([
      ['node-1', 'server', 'both', 365],
      ['node-2', 'server', 'both', 365],
      ['node-3', 'server', 'both', 365],
      ['app', 'client', 'client', 365],
      ['web', 'client', 'client', 365],
    ]);
    expect(plan.leaves[0]).toMatchObject({ dnsNames: ['localhost'], ipAddresses: ['10.0.0.1', '127.0.0.1'] });
    expect(plan.leaves[1]).toMatchObject({
      dnsNames: ['redis-2.internal', 'localhost'],
      ipAddresses: ['127.0.0.1'],
    });
    expect(plan.leaves[2]).toMatchObject({ ipAddresses: ['::1', '127.0.0.1'] });
    expect(plan.leaves[3]).toMatchObject({ commonName: 'app', dnsNames: [], ipAddresses: [] });
  });

  it('a server certificate is a node certificate: serverAuth and clientAuth, every node named', () => {
    const plan = defaultsFor('server', { nodes: ['10.0.0.1:6379', '10.0.0.2:6379'], host: 'redis.example' });
    expect(plan.leaves).toHaveLength(1);
    expect(plan.leaves[0]).toMatchObject({
      usage: 'both',
      commonName: 'redis.example',
      dnsNames: ['redis.example', 'localhost'],
      ipAddresses: ['10.0.0.1', '10.0.0.2', '127.0.0.1'],
    });
  });

  it('file names from user names are plain (no path, no hidden file)', () => {
    const plan = defaultsFor('client', { nodes: [], users: ['../etc/x', '.hidden', 'a\x1bb'] });
    expect(plan.leaves.map((l) => l.file)).toEqual(['.._etc_x'.replace(/^\.+/, '_'), '_hidden', 'a_b']);
  });
});

describe('checkPlan', () => {
  it('refuses a leaf that would outlive its CA, naming the end date and the most days', async () => {
    const plan = defaultsFor('server', { nodes: [], host: 'r' });
    plan.dir = fresh();
    if ('new' in plan.ca) plan.ca.new.days = 100;
    plan.leaves[0]!.days = 101;
    const problems = await checkPlan(plan);
    expect(problems).toContainEqual({
      level: 'error',
      text: matching(
        /redis: 101 days would outlive its CA, which ends on \d{4}-\d\d-\d\d \(100 days at most\)/,
      ),
    });
    await expect(generatePlan(plan)).rejects.toThrow(/outlive its CA/);
    expect(() => readdirSync(plan.dir)).toThrow();
  });

  it('points out a target node that no server certificate names (SEC004 before connecting)', async () => {
    const plan = defaultsFor('server', { nodes: ['10.0.0.1:6379'] });
    plan.dir = fresh();
    expect(await checkPlan(plan, { nodes: ['10.0.0.1:6379'] })).toEqual([]);
    const problems = await checkPlan(plan, { nodes: ['10.0.0.1:6379', 'redis-9.internal:6379'] });
    expect(problems).toEqual([
      {
        level: 'warning',
        text: matching(/no server certificate names redis-9\.internal.*SEC004/),
      },
    ]);
  });

  it('refuses a group- or world-writable directory and warns of a readable one', async () => {
    const plan = defaultsFor('ca', { nodes: [] });
    plan.dir = fresh();
    mkdirSync(plan.dir);
    chmodSync(plan.dir, 0o777);
    expect(await checkPlan(plan)).toEqual([
      { level: 'error', text: matching(/writable by group or others \(mode 0777\)/) },
    ]);
    await expect(generatePlan(plan)).rejects.toThrow(/writable by group or others/);
    chmodSync(plan.dir, 0o755);
    expect(await checkPlan(plan)).toEqual([
      { level: 'warning', text: matching(/readable by others \(mode 0755\)/) },
    ]);
    chmodSync(plan.dir, 0o700);
    expect(await checkPlan(plan)).toEqual([]);
  });

  it('names invalid names and numbers', async () => {
    const plan = defaultsFor('server', { nodes: [] });
    plan.dir = fresh();
    plan.leaves[0]!.dnsNames = ['bad name'];
    plan.leaves[0]!.ipAddresses = ['300.1.1.1'];
    plan.leaves[0]!.days = 0;
    const texts = (await checkPlan(plan)).map((p) => p.text);
    expect(texts).toEqual(
      expect.arrayContaining([matching(/bad name/), matching(/300\.1\.1\.1/), matching(/days must be/)]),
    );
  });
});

describe('generatePlan', () => {
  it('never overwrites a file unless it is named, and then only that one', async () => {
    const plan = defaultsFor('client', { nodes: [], users: ['app'] });
    plan.dir = fresh();
    await generatePlan(plan);
    const before = readFileSync(join(plan.dir, 'app.crt'), 'utf8');
    const problems = await checkPlan(plan);
    expect(problems.filter((p) => p.file).map((p) => p.file)).toEqual(
      ['ca.crt', 'ca.key', 'app.crt', 'app.key'].map((f) => join(plan.dir, f)),
    );
    await expect(generatePlan(plan)).rejects.toThrow(/already exist/);
    expect(readFileSync(join(plan.dir, 'app.crt'), 'utf8')).toBe(before);
    // Naming some but not all: still refused, nothing written.
    await expect(
      generatePlan(plan, { overwrite: [join(plan.dir, 'app.crt'), join(plan.dir, 'app.key')] }),
    ).rejects.toThrow(/ca\.crt, .*ca\.key already exist/);
    expect(readFileSync(join(plan.dir, 'app.crt'), 'utf8')).toBe(before);
    const all = problems.flatMap((p) => (p.file ? [p.file] : []));
    const r = await generatePlan(plan, { overwrite: all });
    expect(r.verified.every((v) => v.ok)).toBe(true);
    expect(readFileSync(join(plan.dir, 'app.crt'), 'utf8')).not.toBe(before);
  });

  it('signs with an existing passphrase-protected CA; the passphrase is in no file and no result', async () => {
    const pass = 'secret-pass-phrase-15';
    const caDir = fresh();
    mkdirSync(caDir, { mode: 0o700 });
    const keyPath = join(caDir, 'ca.key');
    const certPath = join(caDir, 'ca.crt');
    writeFileSync(
      keyPath,
      openssl([
        'genpkey',
        '-algorithm',
        'EC',
        '-pkeyopt',
        'ec_paramgen_curve:P-384',
        '-aes256',
        '-pass',
        `pass:${pass}`,
      ]),
      { mode: 0o600 },
    );
    writeFileSync(
      certPath,
      openssl([
        'req',
        '-x509',
        '-new',
        '-key',
        keyPath,
        '-passin',
        `pass:${pass}`,
        '-subj',
        '/CN=Ops CA',
        '-days',
        '400',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
      ]),
    );
    const plan: CertPlan = {
      ...defaultsFor('server', { nodes: [], host: 'r.example' }),
      dir: fresh(),
      ca: { existing: { certPath, keyPath } },
    };
    expect((await checkPlan(plan)).map((p) => p.text)).toEqual([matching(/encrypted: give its passphrase/)]);
    expect((await checkPlan(plan, { caKeyPassphrase: 'wrong' })).map((p) => p.text)).toEqual([
      matching(/does not decrypt/),
    ]);
    const r = await generatePlan(plan, { caKeyPassphrase: pass });
    expect(r.written.map((w) => w.path)).toEqual([join(plan.dir, 'redis.crt'), join(plan.dir, 'redis.key')]);
    expect(r.verified).toEqual([{ file: join(plan.dir, 'redis.crt'), ok: true }]);
    expect(openssl(['verify', '-CAfile', certPath, join(plan.dir, 'redis.crt')])).toMatch(/OK/);
    for (const f of readdirSync(plan.dir))
      expect(readFileSync(join(plan.dir, f), 'utf8')).not.toContain(pass);
    expect(JSON.stringify(r)).not.toContain(pass);
    // A leaf may not outlive this 400-day CA.
    plan.leaves[0]!.days = 500;
    const problems = await checkPlan(plan, { caKeyPassphrase: pass });
    expect(problems.some((p) => p.level === 'error' && /outlive its CA/.test(p.text))).toBe(true);
  });
});

describe('previewPlan and nextSteps', () => {
  it('previews subject, SANs, usages, dates and key without making anything', async () => {
    const plan = defaultsFor('server', { nodes: [], host: '10.1.2.3' });
    plan.dir = fresh();
    plan.leaves[0]!.keyType = 'rsa-3072';
    const now = new Date('2030-01-01T00:00:00Z');
    const [ca, leaf] = await previewPlan(plan, { now });
    expect(ca).toMatchObject({
      role: 'ca',
      subject: 'CN=Redis CA',
      usages: ['keyCertSign', 'cRLSign', 'pathlen:0'],
      key: 'ECDSA P-256',
    });
    expect(leaf).toMatchObject({
      subject: 'CN=10.1.2.3',
      ipAddresses: ['10.1.2.3', '127.0.0.1'],
      usages: ['digitalSignature', 'keyEncipherment', 'serverAuth', 'clientAuth'],
      notAfter: '2031-01-01T00:00:00.000Z',
      key: 'RSA 3072',
    });
    expect(() => readdirSync(plan.dir)).toThrow();
  });

  it('the redis.conf block: TLS only, mutual, both protocols; tls-client-cert-file when the node cert is serverAuth only', () => {
    const plan = defaultsFor('deployment', { nodes: ['10.0.0.1:6379'], users: ['app'] });
    plan.dir = '/etc/redis/tls';
    const steps = nextSteps(plan, []);
    expect(steps.conf).toEqual(
      expect.arrayContaining([
        'port 0',
        'tls-port 6379',
        'tls-cert-file /etc/redis/tls/node-1.crt',
        'tls-key-file /etc/redis/tls/node-1.key',
        'tls-ca-cert-file /etc/redis/tls/ca.crt',
        'tls-auth-clients yes',
        'tls-protocols "TLSv1.2 TLSv1.3"',
      ]),
    );
    expect(steps.conf.join('\n')).not.toContain('tls-client-cert-file');
    // Each node of the target keeps its own port, now on TLS.
    const three = defaultsFor('deployment', { nodes: ['10.0.0.1:7001', '10.0.0.2:7002', '[::1]:7003'] });
    expect(nextSteps(three, []).conf.filter((l) => l.startsWith('tls-port '))).toEqual([
      'tls-port 7001',
      'tls-port 7002',
      'tls-port 7003',
    ]);
    expect(steps.snippets.redisCli).toBe(
      'redis-cli --tls --cert /etc/redis/tls/app.crt --key /etc/redis/tls/app.key --cacert /etc/redis/tls/ca.crt -h localhost -p 6379 --user app --askpass',
    );
    expect(steps.snippets.ioredis).toContain('readFileSync("/etc/redis/tls/app.key")');
    expect(steps.snippets.redisPy).toContain('ssl_certfile="/etc/redis/tls/app.crt"');
    expect(steps.acl?.[0]).toMatch(/^ACL SETUSER app on/);
    expect(steps.profile).toEqual({
      tls: {
        enabled: true,
        cacert: '/etc/redis/tls/ca.crt',
        cert: '/etc/redis/tls/app.crt',
        key: '/etc/redis/tls/app.key',
      },
    });
    plan.leaves[0]!.usage = 'server';
    expect(nextSteps(plan, []).conf).toEqual(
      expect.arrayContaining([
        'tls-client-cert-file /etc/redis/tls/app.crt',
        'tls-client-key-file /etc/redis/tls/app.key',
      ]),
    );
  });
});

describe('the live reload', () => {
  it('stays out of the generic config.set, which still refuses tls-* settings', () => {
    const op = {
      id: 'config.set',
      params: { node: '127.0.0.1:7000', name: 'tls-cert-file', value: '/x.crt' },
    };
    expect(() => parseOperation(op)).toThrow(/where the server listens/);
    expect(
      parseOperation({
        id: 'tls.reload',
        params: { reloads: [{ node: '127.0.0.1:7000', certFile: '/x.crt', keyFile: '/x.key' }] },
      }).id,
    ).toBe('tls.reload');
  });
});

describe('renewFiles', () => {
  it('keeps names, usages and key type; new key and serial; keys 0600', async () => {
    const plan = defaultsFor('deployment', { nodes: ['10.0.0.5:6379'], users: ['app'] });
    plan.dir = fresh();
    plan.leaves[0]!.keyType = 'ecdsa-p384';
    await generatePlan(plan);
    const crt = join(plan.dir, 'node-1.crt');
    const old = inspectCertificate(readFileSync(crt, 'utf8'));
    const oldKey = readFileSync(join(plan.dir, 'node-1.key'), 'utf8');
    const r = await renewFiles({
      caCertPath: join(plan.dir, 'ca.crt'),
      caKeyPath: join(plan.dir, 'ca.key'),
      files: [crt, join(plan.dir, 'app.crt')],
      days: 30,
    });
    const now = inspectCertificate(readFileSync(crt, 'utf8'));
    expect(now.serial).not.toBe(old.serial);
    expect(r.renewed[0]).toMatchObject({ oldSerial: old.serial, serial: now.serial });
    expect([now.subject, now.dnsNames, now.ipAddresses, now.extendedKeyUsages, now.keyAlgorithm]).toEqual([
      old.subject,
      old.dnsNames,
      old.ipAddresses,
      old.extendedKeyUsages,
      'ECDSA P-384',
    ]);
    expect(now.daysLeft).toBe(29);
    expect(readFileSync(join(plan.dir, 'node-1.key'), 'utf8')).not.toBe(oldKey);
    expect(r.written.map((w) => [w.kind, w.mode])).toEqual([
      ['cert', 0o644],
      ['key', 0o600],
      ['cert', 0o644],
      ['key', 0o600],
    ]);
    // A renewal may not outlive the CA either: refused before anything is written.
    const served = readFileSync(crt, 'utf8');
    const long = renewFiles({
      caCertPath: join(plan.dir, 'ca.crt'),
      caKeyPath: join(plan.dir, 'ca.key'),
      files: [crt],
      days: 4000,
    });
    await expect(long).rejects.toThrow(
      /4000 days would outlive the CA "CN=Redis CA", which ends on \d{4}-\d\d-\d\d \(3649 days at most\)/,
    );
    expect(readFileSync(crt, 'utf8')).toBe(served);
    // The client certificate is not loaded by a server: only the node's reload is listed.
    expect(r.reload).toHaveLength(1);
    expect(inspectCertificate(readFileSync(join(plan.dir, 'app.crt'), 'utf8')).extendedKeyUsages).toEqual([
      'clientAuth',
    ]);
  });
});
