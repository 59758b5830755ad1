// The wizard's files on real servers: a TLS-only redis-server with tls-auth-clients yes starts
// on them and both redis-warden and redis-cli connect with the client certificate; openssl
// agrees with what the preview claimed; a primary and a replica on the node certificates
// replicate over TLS (and, as a regression, serverAuth-only node certificates do not); a
// renewed certificate is loaded with tls.reload and a handshake shows its new serial.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/journal/journal.js';
import { defaultsFor, generatePlan, previewPlan, renewFiles } from '../../src/ops/certs.js';
import type { CertPlan } from '../../src/ops/certs.js';
import { reloadTls } from '../../src/ops/certs-reload.js';
import { inspectCertificate } from '../../src/pki/inspect.js';
import { Target } from '../../src/redis/target.js';
import { presentedCertificate } from '../../src/redis/tls-peer.js';
import { until } from '../helpers/until.js';
import { openssl } from '../support/openssl.js';
import { startWithCerts } from '../support/redis-with-certs.js';
import type { CertFiles, CertServer } from '../support/redis-with-certs.js';
import { callOnce } from '../support/resp-client.js';

const root = mkdtempSync(join(tmpdir(), 'rw-certs-'));
const servers: CertServer[] = [];
const NODES = ['127.0.0.1:7001', '127.0.0.1:7002'];

async function deployment(name: string, tweak: (plan: CertPlan) => void = () => {}): Promise<CertPlan> {
  const plan = defaultsFor('deployment', { nodes: NODES, users: ['app'] });
  plan.dir = join(root, name);
  tweak(plan);
  const result = await generatePlan(plan);
  expect(result.verified.every((v) => v.ok)).toBe(true);
  return plan;
}

const filesOf = (plan: CertPlan, node: string): CertFiles => ({
  caPath: join(plan.dir, 'ca.crt'),
  certPath: join(plan.dir, `${node}.crt`),
  keyPath: join(plan.dir, `${node}.key`),
  clientCertPath: join(plan.dir, 'app.crt'),
  clientKeyPath: join(plan.dir, 'app.key'),
});

async function start(files: CertFiles, extra: string[] = []): Promise<CertServer> {
  const s = await startWithCerts(files, extra);
  servers.push(s);
  return s;
}

async function replicationStatus(s: CertServer): Promise<string> {
  const info = String(await callOnce(s.target, ['INFO', 'replication']));
  return /master_link_status:(\w+)/.exec(info)?.[1] ?? 'none';
}

function wardenTarget(s: CertServer, f: CertFiles): Target {
  const t = new Target({
    spec: {
      host: s.host,
      port: s.port,
      tls: { enabled: true, cacert: f.caPath, cert: f.clientCertPath, key: f.clientKeyPath },
    },
    heartbeatMs: 0,
  });
  t.start();
  return t;
}

let plan: CertPlan;
beforeAll(async () => {
  plan = await deployment('good');
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(root, { recursive: true, force: true });
});

describe('a generated deployment on a real TLS-only server (tls-auth-clients yes)', () => {
  it('redis-warden and redis-cli --tls connect with the client certificate', async () => {
    const f = filesOf(plan, 'node-1');
    const s = await start(f);
    const target = wardenTarget(s, f);
    try {
      const { nodes } = await target.settled();
      expect(nodes.map((n) => n.state)).toEqual(['ready']);
    } finally {
      await target.close();
    }
    const cli = execFileSync(
      'redis-cli',
      [
        '--tls',
        '--cert',
        f.clientCertPath,
        '--key',
        f.clientKeyPath,
        '--cacert',
        f.caPath,
        '-h',
        s.host,
        '-p',
        String(s.port),
      ],
      { input: 'PING\n', encoding: 'utf8', env: { ...process.env, REDISCLI_AUTH: undefined } },
    ).trim();
    expect(cli).toBe('PONG');
    // Without the client certificate the server refuses (tls-auth-clients yes is in force).
    const bare = () =>
      execFileSync('redis-cli', ['--tls', '--cacert', f.caPath, '-p', String(s.port), 'PING'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    expect(bare).toThrow();
  }, 30_000);

  it('openssl verify accepts each leaf, and x509 -text shows the SANs and EKUs the preview claimed', async () => {
    const previews = await previewPlan(plan);
    for (const p of previews.filter((x) => x.role !== 'ca')) {
      const ca = join(plan.dir, 'ca.crt');
      const purpose = p.role === 'server' ? 'sslserver' : 'sslclient';
      expect(openssl(['verify', '-purpose', purpose, '-CAfile', ca, p.file])).toMatch(/: OK/);
      const text = openssl(['x509', '-noout', '-text', '-in', p.file]);
      for (const d of p.dnsNames) expect(text).toContain(`DNS:${d}`);
      for (const ip of p.ipAddresses) expect(text).toContain(`IP Address:${ip}`);
      const eku = /X509v3 Extended Key Usage:.*\n\s*(.*)/.exec(text)?.[1] ?? '';
      expect(eku).toBe(
        p.usages
          .filter((u) => u.endsWith('Auth'))
          .map((u) =>
            u === 'serverAuth' ? 'TLS Web Server Authentication' : 'TLS Web Client Authentication',
          )
          .join(', '),
      );
    }
    const caText = openssl(['x509', '-noout', '-text', '-in', join(plan.dir, 'ca.crt')]);
    expect(caText).toMatch(/CA:TRUE, pathlen:0/);
  });

  it('writes keys 0600 and certificates 0644', () => {
    for (const stem of ['ca', 'node-1', 'node-2', 'app']) {
      expect(statSync(join(plan.dir, `${stem}.key`)).mode & 0o777).toBe(0o600);
      expect(statSync(join(plan.dir, `${stem}.crt`)).mode & 0o777).toBe(0o644);
    }
  });
});

describe('replication over TLS (tls-replication yes) with the node certificates', () => {
  it('comes up with the wizard node certificates (serverAuth + clientAuth)', async () => {
    const primary = await start(filesOf(plan, 'node-1'));
    const replica = await start(filesOf(plan, 'node-2'), [
      'tls-replication yes',
      `replicaof 127.0.0.1 ${primary.port}`,
    ]);
    await until(async () => (await replicationStatus(replica)) === 'up', 'master_link_status:up', 15_000);
  }, 30_000);

  it('does not come up with serverAuth-only node certificates (the mkcert / easy-rsa "server" mistake)', async () => {
    const bad = await deployment('server-only', (p) => {
      for (const leaf of p.leaves) if (leaf.role === 'server') leaf.usage = 'server';
    });
    const primary = await start(filesOf(bad, 'node-1'));
    const replica = await start(filesOf(bad, 'node-2'), [
      'tls-replication yes',
      `replicaof 127.0.0.1 ${primary.port}`,
    ]);
    // The primary refuses the replica's (serverAuth-only) certificate as a client certificate.
    await until(
      () => /alert unsupported certificate/.test(replica.log()),
      'the failed TLS handshake in the logs',
      15_000,
    );
    expect(primary.log()).toMatch(/certificate verify failed/);
    expect(await replicationStatus(replica)).toBe('down');
  }, 30_000);
});

describe('renew while running, then tls.reload', () => {
  it('CONFIG SETs the renewed files and a handshake shows the new serial; journaled; refused read-only', async () => {
    const own = await deployment('renew');
    const f = filesOf(own, 'node-1');
    const s = await start(f);
    const before = await presentedCertificate({ host: s.host, port: s.port, timeoutMs: 5000 });
    const renewed = await renewFiles({
      caCertPath: f.caPath,
      caKeyPath: join(own.dir, 'ca.key'),
      files: [f.certPath],
    });
    const r0 = renewed.renewed[0]!;
    expect(r0.oldSerial).toBe(before.serial);
    expect(r0.serial).not.toBe(before.serial);
    expect(inspectCertificate(readFileSync(f.certPath, 'utf8')).dnsNames).toEqual(['localhost']);
    expect(renewed.reload).toEqual([
      `CONFIG SET tls-cert-file ${f.certPath} tls-key-file ${f.keyPath} tls-ca-cert-file ${f.caPath}`,
    ]);
    // Redis does not watch its files: until the reload it still serves the old certificate.
    expect((await presentedCertificate({ host: s.host, port: s.port, timeoutMs: 5000 })).serial).toBe(
      before.serial,
    );

    const journalDir = join(root, 'journal');
    const journal = openJournal({ dir: journalDir });
    const target = wardenTarget(s, f);
    try {
      await target.settled();
      const request = target
        .nodeIds()
        .map((node) => ({ node, certFile: f.certPath, keyFile: f.keyPath, caFile: f.caPath }));
      const ro = await reloadTls({ target, env: { readOnly: true, journal }, confirmed: true }, request);
      expect(ro.status).toBe('refused');
      const unconfirmed = await reloadTls(
        { target, env: { readOnly: false, journal }, confirmed: false },
        request,
      );
      expect(unconfirmed.status).toBe('needs-confirmation');
      expect((await presentedCertificate({ host: s.host, port: s.port, timeoutMs: 5000 })).serial).toBe(
        before.serial,
      );
      const r = await reloadTls({ target, env: { readOnly: false, journal }, confirmed: true }, request);
      expect(r.status).toBe('done');
    } finally {
      await target.close();
    }
    expect((await presentedCertificate({ host: s.host, port: s.port, timeoutMs: 5000 })).serial).toBe(
      r0.serial,
    );
    const lines = readFileSync(join(journalDir, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; outcome: string });
    expect(lines.filter((l) => l.action === 'tls.reload').map((l) => l.outcome)).toContain('ok');
  }, 30_000);

  it('a reload whose handshake still shows another serial is a mismatch, not "done"', async () => {
    const own = await deployment('mismatch');
    const f = filesOf(own, 'node-1');
    const s = await start(f);
    // Point the reload at node-2's files while expecting node-1's serial: the check must say so.
    const expected = inspectCertificate(readFileSync(f.certPath, 'utf8')).serial;
    const target = wardenTarget(s, f);
    try {
      await target.settled();
      const r = await reloadTls(
        {
          target,
          env: { readOnly: false, journal: openJournal({ dir: join(root, 'j2') }) },
          confirmed: true,
        },
        target.nodeIds().map((node) => ({
          node,
          certFile: join(own.dir, 'node-2.crt'),
          keyFile: join(own.dir, 'node-2.key'),
          serial: expected,
        })),
      );
      expect(r.status).toBe('failed');
      expect(JSON.stringify(r.results)).toMatch(/not the renewed/);
    } finally {
      await target.close();
    }
  }, 30_000);
});
