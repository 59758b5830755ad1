// The Certs pane with an existing CA whose key has a passphrase (masked, never in a frame, the
// store or the journal), saving a profile that uses the new client certificate (w), and
// inspecting files (i).
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCa } from '../../src/pki/generate.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';

const PASSPHRASE = 'hunter2-ca-pass';
const HOSTILE_CN = 'evil\u202eAC';
let server: RedisHandle;
let root: string;
let caCert: string;
let caKey: string;

beforeAll(async () => {
  server = await startRedis();
  root = mkdtempSync(join(tmpdir(), 'rw-certs-sign-'));
  const ca = await generateCa({ commonName: HOSTILE_CN });
  caCert = join(root, 'my-ca.crt');
  caKey = join(root, 'my-ca.key');
  writeFileSync(caCert, ca.certPem, { mode: 0o644 });
  const encrypted = createPrivateKey(ca.keyPem).export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: PASSPHRASE,
  });
  writeFileSync(caKey, encrypted, { mode: 0o600 });
});
afterAll(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

const { start } = tuiPerTest();

async function certsPane(): Promise<Tui> {
  const t = await start({ connection: { spec: { host: server.host, port: server.port }, readOnly: false } });
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.certs');
  await t.waitFor((f) => f.includes('the wizard'), 'the pane');
  return t;
}

const atStep = (t: Tui, n: number) => t.waitFor((f) => f.includes(`step ${n} of 8`), `step ${n}`);

describe('the Certs pane with an existing CA', () => {
  it('signs with a passphrase-protected CA key; the passphrase is masked and kept nowhere', async () => {
    const t = await certsPane();
    t.press('certs.new');
    await atStep(t, 1);
    for (let i = 0; i < 4; i++) t.key('down');
    t.key('return');
    await t.waitFor((f) => f.includes('CA certificate file'), 'the fields');
    t.type(caCert);
    t.key('tab');
    t.type(caKey);
    t.key('tab');
    t.type(PASSPHRASE);
    await t.waitFor((f) => f.includes('•'.repeat(PASSPHRASE.length)), 'masked');
    t.key('return');
    await atStep(t, 2);
    for (const n of [3, 4, 5, 6]) {
      t.key('return');
      await atStep(t, n);
    }
    const out = join(root, 'out');
    t.key('ctrl+u');
    t.type(out);
    t.key('return');
    await atStep(t, 7);
    t.key('return');
    await atStep(t, 8);
    await t.waitFor((f) => f.includes('verified: '), 'verified');
    expect(readFileSync(join(out, 'node-1.crt'), 'utf8')).toContain('BEGIN CERTIFICATE');
    // Saved with the new client certificate (w), through the profile store's ops.
    t.press('certs.save');
    await t.waitFor((f) => f.includes('Profile name'), 'the name prompt');
    t.type('with-cert');
    t.key('return');
    await t.waitFor(
      () => t.app.store.get().profiles.list.some((p) => p.name === 'with-cert'),
      'the profile saved',
    );
    const saved = t.app.store.get().profiles.list.find((p) => p.name === 'with-cert');
    expect(saved?.tls?.cert).toBe(join(out, 'app.crt'));
    expect(saved?.tls?.key).toBe(join(out, 'app.key'));
    expect(t.allFrames()).not.toContain(PASSPHRASE);
    expect(JSON.stringify(t.app.store.get())).not.toContain(PASSPHRASE);
    const journal = join(process.env.XDG_STATE_HOME ?? '', 'redis-warden', 'journal.jsonl');
    expect(readFileSync(journal, 'utf8')).toContain('profile.add');
    expect(readFileSync(journal, 'utf8')).not.toContain(PASSPHRASE);
  });

  it('inspects files (i): facts, escaped', async () => {
    const t = await certsPane();
    t.press('certs.inspect');
    await t.waitFor((f) => f.includes('Inspect certificate files'), 'the prompt');
    t.type(caCert);
    t.key('return');
    const f = await t.waitFor((x) => x.includes('subject'), 'the report');
    expect(f).toContain('CN=evil\\u202eAC');
    expect(t.allFrames()).not.toContain('\u202e');
  });
});
