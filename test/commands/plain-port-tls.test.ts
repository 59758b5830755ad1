// --tls against a plain Redis port, and a server that accepts and never answers: every headless
// command, `profiles test` included, says the same thing the TUI's header says (one
// explanation, src/redis/peer.ts), never a bare TIMEOUT or "check the host, port and firewall".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCa } from '../../src/pki/generate.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { startPeer } from '../support/fake-peers.js';
import type { PeerHandle } from '../support/fake-peers.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

let server: RedisHandle;
let silent: PeerHandle;
let xdg: XdgDirs;
let dir: string;
let ca: string;

beforeAll(async () => {
  xdg = tempXdg();
  dir = mkdtempSync(join(tmpdir(), 'rw-plain-tls-'));
  ca = join(dir, 'ca.crt');
  writeFileSync(ca, (await generateCa({ commonName: 'test CA', keyType: 'ecdsa-p256' })).certPem);
  server = await startRedis({ aclUsers: ['user default on nopass ~* &* +@all'] });
  silent = await startPeer('silent');
});
afterAll(async () => {
  await server.stop();
  await silent.close();
  rmSync(dir, { recursive: true, force: true });
  xdg.cleanup();
});

const TLS_SAID =
  /SEC004 NO_TLS_ANSWER: the server accepted the connection and did not answer the TLS handshake in \d+\.\d s/;
const PLAIN_PORT = /No TLS handshake answer: this may be a plain \(non-TLS\) port/;
const FIX = /drop --tls \(or use redis:\/\/ instead of rediss:\/\/\)[\s\S]*TLS port \(tls-port/;

describe('--tls against a plain Redis port', () => {
  it.each([
    ['acl', 'list'],
    ['profiles', 'test'],
  ])('%s %s says SEC004, a plain port, and the fix (never TIMEOUT or "firewall")', async (...command) => {
    const tls = ['-p', String(server.port), '--tls', '--cacert', ca, '--timeout', '2000'];
    const r = await cli([...command, ...tls]);
    const said = r.stdout + r.stderr;
    expect(r.code).toBe(2);
    expect(said).toMatch(TLS_SAID);
    expect(said).toMatch(PLAIN_PORT);
    expect(said).toMatch(FIX);
    expect(said).not.toMatch(/TIMEOUT|firewall/);
  });
});

describe('a server that accepts and never answers', () => {
  it('profiles test says SILENT, as every other command does', async () => {
    const r = await cli(['profiles', 'test', '-p', String(silent.port), '--timeout', '1500']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/SILENT: the server accepted the connection and sent nothing back in \d+\.\d s/);
    expect(r.stdout).not.toMatch(/TIMEOUT/);
    const j = await cli(['profiles', 'test', '-p', String(silent.port), '--timeout', '1500', '--json']);
    const doc = JSON.parse(j.stdout) as { error: { name: string }; nodes: { error: { name: string } }[] };
    expect(doc.error.name).toBe('SILENT');
    expect(doc.nodes[0]?.error.name).toBe('SILENT');
  });
});
