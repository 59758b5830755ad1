// `redis-warden certs inspect` and `certs check` as an operator and cron run them (the built
// CLI, a child process): exit codes 0 / 1 / 2, --json, a live mTLS server (asks for a client
// certificate), a hostname mismatch (SEC004) fixed by --sni, an unknown CA, an expired
// certificate loaded by CONFIG SET, a plain port and a closed one (exit 2, named), and a
// certificate subject with terminal escapes shown escaped in text and JSON.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLeaf } from '../../src/pki/generate.js';
import { x509 } from '../../src/pki/provider.js';
import { callOnce } from '../support/resp-client.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { freePort } from '../support/ports.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

const DAY = 86_400_000;
const HOSTILE = 'evil\x1b[2J\x1b]52;c;aGk=\x07\u202egnp.crt';
let mtls: RedisHandle;
let named: RedisHandle;
let plain: RedisHandle;
let xdg: XdgDirs;
let dir: string;

/** A self-signed certificate whose CN holds what pki's own generator refuses: escapes, BEL, bidi. */
async function hostileCert(): Promise<string> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const name = new x509.Name([{ CN: [{ utf8String: HOSTILE }] }]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 365 * DAY),
    keys,
    signingAlgorithm: alg,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: HOSTILE }])],
  });
  return cert.toString('pem');
}

beforeAll(async () => {
  xdg = tempXdg();
  dir = mkdtempSync(join(tmpdir(), 'rw-certs-'));
  writeFileSync(join(dir, 'hostile.crt'), await hostileCert());
  [mtls, named, plain] = await Promise.all([
    startRedis({ tls: 'mutual' }),
    startRedis({ tls: true, serverCertHost: 'redis.example.net' }),
    startRedis(),
  ]);
});
afterAll(async () => {
  await Promise.all([mtls?.stop(), named?.stop(), plain?.stop()]);
  rmSync(dir, { recursive: true, force: true });
  xdg.cleanup();
});

interface LiveJson {
  exit: number;
  nodes: {
    node: string;
    asksForClientCert?: boolean;
    protocol?: string;
    presented?: { subject: string; serial: string; dnsNames: string[] }[];
    problems?: { code: string; sec?: string; text: string }[];
    error?: { name: string; code?: string; message: string };
  }[];
}
const live = (r: { stdout: string }) => JSON.parse(r.stdout) as LiveJson;
const at = (h: RedisHandle) => ['-h', '127.0.0.1', '-p', String(h.port)];

describe('certs inspect', () => {
  it('exit 0 for a good certificate, its key and CA; 1 with a problem; 2 for a file that is no certificate', async () => {
    const t = mtls.tls!;
    const ok = await cli(['certs', 'inspect', t.certPath, t.keyPath, '--ca', t.caPath, '-h', '127.0.0.1']);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('chain     verifies: CN=localhost <- CN=redis-warden test CA');
    expect(ok.stdout).toContain('key       ECDSA P-256 (the key file given matches)');
    expect(ok.stdout).toContain('private key, ECDSA P-256');
    expect(ok.stdout).not.toContain('BEGIN');
    expect(ok.code).toBe(0);
    const wrongHost = await cli(['certs', 'inspect', t.certPath, '--host', 'db.example.org', '--json']);
    expect(wrongHost.code).toBe(1);
    const doc = JSON.parse(wrongHost.stdout) as { exit: number; problems: { code: string; sec: string }[] };
    expect(doc.exit).toBe(1);
    expect(doc.problems[0]).toMatchObject({ code: 'hostname', sec: 'SEC004' });
    const bad = await cli(['certs', 'inspect', join(dir, 'nope.crt')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('nope.crt does not exist');
  });

  it('a key of another certificate: exit 1, key-mismatch', async () => {
    const r = await cli(['certs', 'inspect', mtls.tls!.certPath, named.tls!.keyPath]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /ERROR SEC004: the private key in \S+ \(ECDSA P-256\) does not belong to any certificate given/,
    );
  });

  it('escapes a hostile subject and SAN in text and JSON (no raw ESC, BEL or bidi reaches stdout)', async () => {
    const file = join(dir, 'hostile.crt');
    for (const args of [[], ['--json']]) {
      const r = await cli(['certs', 'inspect', file, ...args]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/[\x07\x1b\u202e]/);
      expect(r.stdout).toContain(args.length ? '\\\\x1b[2J' : '\\x1b[2J');
      expect(r.stdout).toContain(args.length ? '\\\\u202e' : '\\u202e');
    }
  });
});

describe('certs check', () => {
  it('a live mTLS server: the chain it presents, TLS 1.3, it asks for a client certificate; exit 0', async () => {
    const t = mtls.tls!;
    const r = await cli([
      'certs',
      'check',
      ...at(mtls),
      '--cacert',
      t.caPath,
      '--cert',
      t.clientCertPath!,
      '--key',
      t.clientKeyPath!,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const [node] = live(r).nodes;
    expect(node).toMatchObject({
      node: `127.0.0.1:${mtls.port}`,
      asksForClientCert: true,
      protocol: 'TLSv1.3',
      problems: [],
    });
    expect(node!.presented![0]).toMatchObject({ subject: 'CN=localhost', dnsNames: ['localhost'] });
    // Without a client certificate the TLS 1.3 handshake still shows the server's side.
    const text = await cli(['certs', 'check', ...at(mtls), '--cacert', t.caPath]);
    expect(text.stdout).toContain('client certificate: asked for (tls-auth-clients yes or optional)');
    expect(text.stdout).toContain('Exit 0: fine.');
    expect(text.code).toBe(0);
  });

  it('cron: --warn-days past the expiry is exit 1; no --cacert is an unknown CA (exit 1)', async () => {
    const t = mtls.tls!;
    const soon = await cli([
      'certs',
      'check',
      ...at(mtls),
      '--cacert',
      t.caPath,
      '--warn-days',
      '400',
      '--json',
    ]);
    expect(soon.code).toBe(1);
    expect(live(soon).nodes[0]!.problems!.map((p) => p.code)).toEqual(['expiring']);
    const noCa = await cli(['certs', 'check', ...at(mtls), '--json']);
    expect(noCa.code).toBe(1);
    expect(live(noCa).nodes[0]!.problems![0]).toMatchObject({ code: 'unknown-ca', sec: 'SEC004' });
    expect(live(noCa).nodes[0]!.problems![0]!.text).toContain('not trusted by the system trust store');
  });

  it('hostname mismatch: SEC004 with the SANs; --sni with the certificate name passes; a profile works too', async () => {
    const ca = named.tls!.caPath;
    const r = await cli(['certs', 'check', ...at(named), '--cacert', ca]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'ERROR SEC004: certificate verify failed: the certificate does not name 127.0.0.1: it names DNS:redis.example.net',
    );
    const sni = await cli(['certs', 'check', ...at(named), '--cacert', ca, '--sni', 'redis.example.net']);
    expect(sni.code).toBe(0);
    const add = await cli([
      'profiles',
      'add',
      'named',
      ...at(named),
      '--cacert',
      ca,
      '--sni',
      'redis.example.net',
    ]);
    expect(add.code).toBe(0);
    const byProfile = await cli(['certs', 'check', '--profile', 'named', '--json']);
    expect(live(byProfile).nodes[0]!.node).toBe(`127.0.0.1:${named.port}`);
    expect(byProfile.code).toBe(0);
  });

  it('an expired certificate loaded with CONFIG SET is flagged (exit 1) with its dates', async () => {
    const t = named.tls!;
    const old = await generateLeaf({
      ca: t.ca,
      commonName: 'old',
      dnsNames: ['redis.example.net'],
      usage: 'both',
      days: 30,
      now: new Date(Date.now() - 400 * DAY),
    });
    const cert = join(dir, 'old.crt');
    const key = join(dir, 'old.key');
    writeFileSync(cert, old.certPem);
    writeFileSync(key, old.keyPem, { mode: 0o600 });
    await callOnce(
      { host: '127.0.0.1', port: named.port, tls: { ca: t.caPem, servername: 'redis.example.net' } },
      ['CONFIG', 'SET', 'tls-cert-file', cert, 'tls-key-file', key],
    );
    const r = await cli([
      'certs',
      'check',
      ...at(named),
      '--cacert',
      t.caPath,
      '--sni',
      'redis.example.net',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const [node] = live(r).nodes;
    expect(node!.presented![0]!.subject).toBe('CN=old');
    expect(node!.problems!.map((p) => p.code)).toEqual(['expired']);
    expect(node!.problems![0]!.text).toMatch(/^certificate verify failed: the certificate expired on/);
  });

  it('could not connect: exit 2, a plain port and a closed one named', async () => {
    const p = await cli(['certs', 'check', ...at(plain), '--timeout', '1000']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('SEC004 NO_TLS_ANSWER');
    expect(p.stderr).toContain('this may be a plain (non-TLS) port');
    const port = await freePort();
    const closed = await cli(['certs', 'check', '-h', '127.0.0.1', '-p', String(port), '--json']);
    expect(closed.code).toBe(2);
    expect(live(closed).nodes[0]!.error).toMatchObject({ name: 'UNREACHABLE' });
  });
});
