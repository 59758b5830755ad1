// `redis-warden certs generate` and `certs renew --reload`, run as an operator runs them (the
// built bin, no TTY): a preview and exit 1 without --yes, the files with --yes, a passphrase
// from stdin that reaches no file, output or journal, and a reload proven by a handshake.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectCertificate } from '../../src/pki/inspect.js';
import { presentedCertificate } from '../../src/redis/tls-peer.js';
import { tempXdg } from '../helpers/tui.js';
import { openssl } from '../support/openssl.js';
import { startWithCerts } from '../support/redis-with-certs.js';
import { startRedis } from '../support/redis-server.js';
import { journalOf } from './acl-cli.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'redis-warden.js');
const root = mkdtempSync(join(tmpdir(), 'rw-certs-cli-'));
const xdg = tempXdg();
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  xdg.cleanup();
});

function run(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [BIN, ...args], { env: { ...process.env, REDISCLI_AUTH: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const deployment = (out: string, nodes: string[]) => [
  ...['certs', 'generate', '--deployment', '--out', out],
  ...['--node', ...nodes, '--app-user', 'app'],
];

describe('certs generate', () => {
  it('prints the preview and exits 1 without --yes, writing nothing; writes and verifies with --yes', async () => {
    const out = join(root, 'dep');
    const args = [...deployment(out, ['127.0.0.1:7001', '127.0.0.1:7002']), '--key', 'ec-p384'];
    const preview = await run(args);
    expect(preview.code).toBe(1);
    expect(preview.stdout).toContain(`${join(out, 'node-2.crt')}  (server)`);
    expect(preview.stdout).toContain('usages    digitalSignature, serverAuth, clientAuth');
    expect(preview.stdout).toContain('key       ECDSA P-384');
    expect(preview.stderr).toContain('--yes');
    expect(() => readdirSync(out)).toThrow();
    const done = await run([...args, '--yes']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'app.crt',
      'app.key',
      'ca.crt',
      'ca.key',
      'node-1.crt',
      'node-1.key',
      'node-2.crt',
      'node-2.key',
    ]);
    expect(done.stdout).toContain(`wrote ${join(out, 'node-1.key')} (0600)`);
    expect(done.stdout).toContain(`verified ${join(out, 'app.crt')}`);
    expect(done.stdout).toContain('tls-protocols "TLSv1.2 TLSv1.3"');
    expect(inspectCertificate(readFileSync(join(out, 'node-1.crt'), 'utf8')).keyAlgorithm).toBe(
      'ECDSA P-384',
    );
    // Again: every existing file is refused (exit 2) unless named with --overwrite.
    const again = await run([...args, '--yes']);
    expect(again.code).toBe(2);
    expect(again.stdout).toContain(`Warning: ${join(out, 'ca.key')} exists`);
  }, 30_000);

  it('--server --usage server makes a serverAuth-only certificate; bad flags are usage errors (exit 2)', async () => {
    const out = join(root, 'srv');
    const r = await run([
      'certs',
      'generate',
      '--server',
      '--out',
      out,
      '--cn',
      'redis.example',
      '--san',
      'redis.example,10.9.9.9',
      '--usage',
      'server',
      '--days',
      '30',
      '--yes',
    ]);
    expect(r.code).toBe(0);
    const info = inspectCertificate(readFileSync(join(out, 'redis.crt'), 'utf8'));
    expect([info.dnsNames, info.ipAddresses, info.extendedKeyUsages, info.daysLeft]).toEqual([
      ['redis.example'],
      ['10.9.9.9'],
      ['serverAuth'],
      29,
    ]);
    expect((await run(['certs', 'generate', '--out', out])).code).toBe(2);
    expect((await run(['certs', 'generate', '--ca', '--out', out, '--key', 'dsa'])).stderr).toMatch(
      /--key: "dsa"/,
    );
  }, 30_000);

  it('signs with an encrypted CA key, the passphrase from stdin: in no file and no output', async () => {
    const pass = 'cli-pass-phrase-1234';
    const caDir = join(root, 'ca');
    const keyPath = join(caDir, 'ca.key');
    const certPath = join(caDir, 'ca.crt');
    expect((await run(['certs', 'generate', '--ca', '--out', caDir, '--yes'])).code).toBe(0);
    writeFileSync(keyPath, openssl(['pkey', '-in', keyPath, '-aes256', '-passout', `pass:${pass}`]), {
      mode: 0o600,
    });
    const out = join(root, 'signed');
    const args = [
      'certs',
      'generate',
      '--client',
      '--app-user',
      'app',
      '--out',
      out,
      '--ca-cert',
      certPath,
      '--ca-key',
      keyPath,
      '--yes',
    ];
    const noPass = await run(args);
    expect(noPass.code).toBe(2);
    expect(noPass.stderr).toMatch(/encrypted: pipe its passphrase with --ca-key-pass-stdin/);
    const r = await run([...args, '--ca-key-pass-stdin'], `${pass}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(pass);
    expect(readdirSync(out).sort()).toEqual(['app.crt', 'app.key']);
    for (const f of readdirSync(out)) expect(readFileSync(join(out, f), 'utf8')).not.toContain(pass);
    expect(journalOf(xdg)).not.toContain(pass);
    expect(openssl(['verify', '-CAfile', certPath, join(out, 'app.crt')])).toMatch(/OK/);
  }, 30_000);
});

describe('certs generate on a target', () => {
  it('makes one node certificate per node of the target (-h/-p) when no --node is given', async () => {
    const server = await startRedis();
    try {
      const out = join(root, 'target');
      const r = await run([
        'certs',
        'generate',
        '--deployment',
        '--out',
        out,
        '-p',
        String(server.port),
        '--yes',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const info = inspectCertificate(readFileSync(join(out, 'node-1.crt'), 'utf8'));
      expect([info.subject, info.ipAddresses]).toEqual(['CN=127.0.0.1', ['127.0.0.1']]);
      expect(readdirSync(out)).not.toContain('node-2.crt');
    } finally {
      await server.stop();
    }
  }, 30_000);
});

describe('certs renew --reload', () => {
  it('renews, reloads the running server (journaled tls.reload) and the handshake shows the new serial', async () => {
    const out = join(root, 'live');
    expect((await run([...deployment(out, ['127.0.0.1:7001']), '--yes'])).code).toBe(0);
    const f = {
      caPath: join(out, 'ca.crt'),
      certPath: join(out, 'node-1.crt'),
      keyPath: join(out, 'node-1.key'),
      clientCertPath: join(out, 'app.crt'),
      clientKeyPath: join(out, 'app.key'),
    };
    const s = await startWithCerts(f);
    try {
      const before = await presentedCertificate({ host: s.host, port: s.port, timeoutMs: 5000 });
      const args = [
        'certs',
        'renew',
        '--ca-cert',
        f.caPath,
        '--ca-key',
        join(out, 'ca.key'),
        f.certPath,
        '--reload',
      ];
      const conn = [
        '-h',
        s.host,
        '-p',
        String(s.port),
        '--tls',
        '--cacert',
        f.caPath,
        '--cert',
        f.clientCertPath,
        '--key',
        f.clientKeyPath,
      ];
      const dry = await run([...args, ...conn]);
      expect(dry.code).toBe(1);
      expect(inspectCertificate(readFileSync(f.certPath, 'utf8')).serial).toBe(before.serial);
      const r = await run([...args, ...conn, '--yes']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const after = inspectCertificate(readFileSync(f.certPath, 'utf8')).serial;
      expect(r.stdout).toContain(`serial ${before.serial} -> ${after}`);
      expect((await presentedCertificate({ host: s.host, port: s.port, timeoutMs: 5000 })).serial).toBe(
        after,
      );
      expect(journalOf(xdg)).toMatch(/"action":"tls\.reload"/);
      const ro = await run([...args, ...conn, '--yes', '--read-only']);
      expect(ro.code).toBe(2);
    } finally {
      await s.stop();
    }
  }, 40_000);
});
